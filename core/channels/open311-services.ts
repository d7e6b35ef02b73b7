import type { StandardClass, StandardsCatalog } from '../ports/standards.ts';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * GB/T 47678.5 event classes (事件 and 部件 matters alike) are the services a citizen client offers; each goes
 * straight into the case lifecycle, hence realtime, and none asks extra questions, hence no metadata.
 */
export function open311Services(catalog: StandardsCatalog): Open311Service[] {
  return catalog.classes('gbt47678', 'event').map((cls) => serviceOf(catalog, cls));
}

export function open311Service(catalog: StandardsCatalog, code: string): Open311Service | undefined {
  const cls = catalog.getClass('gbt47678', 'event', code);
  return cls && !cls.disabled ? serviceOf(catalog, cls) : undefined;
}

function serviceOf(catalog: StandardsCatalog, cls: StandardClass): Open311Service {
  const major = catalog.majorOf('gbt47678', 'event', cls.code);
  const group = major?.nameZh ?? major?.code ?? cls.majorCode;
  return {
    service_code: cls.code,
    service_name: cls.nameZh,
    description: cls.nameEn ? `${cls.nameZh} (${cls.nameEn})` : cls.nameZh,
    metadata: false,
    type: 'realtime',
    keywords: [cls.nameZh, cls.nameEn, group].filter(Boolean).join(','),
    group,
  };
}
