import { escapeLike, type Sql, type SqlParam } from '../ports/database.ts';
import type { SchemeId, StandardsCatalog } from '../ports/standards.ts';
import { NotFound } from '../errors.ts';
import { publicPosition, type PublicPosition } from '../public-services/public-position.ts';

export const componentStates = ['intact', 'damaged', 'lost', 'removed', 'occupied'] as const;
export type ComponentState = (typeof componentStates)[number];

/** The state names of the inventory (部件状态), as printed on sheets and shown to citizens. */
export const componentStateNames: Record<ComponentState, { zh: string; en: string }> = {
  intact: { zh: '完好', en: 'Intact' },
  damaged: { zh: '破损', en: 'Damaged' },
  lost: { zh: '丢失', en: 'Lost' },
  removed: { zh: '撤除', en: 'Removed' },
  occupied: { zh: '占用', en: 'Occupied' },
};

export const componentCodePattern = /^[0-9]{17}$/;

interface Named {
  id: string;
  nameZh: string;
}

/** What anyone who scans the QR code may see of a component. */
/** Placed as the store keeps it (WGS-84) and as Chinese map SDKs draw (GCJ-02). */
export interface PublicComponent extends PublicPosition {
  code: string;
  /** The class as GB/T 47678.5 names it; `localNameZh` when the city's overlay renames it. */
  class: { scheme: SchemeId; code: string; nameZh: string; nameEn: string | null; localNameZh?: string; majorCode: string; majorNameZh: string | null };
  name: string | null;
  address: string | null;
  grid: { code: string; nameZh: string | null } | null;
  community: Named | null;
  street: Named | null;
  owner: Named | null;
  state: ComponentState;
  stateZh: string;
}

/** The inventory record as staff see it: the public view plus the keeper, attributes and open cases. */
export interface StaffComponent extends PublicComponent {
  maintainer: Named | null;
  attributes: Record<string, unknown>;
  openCases: number;
  updatedAt: string;
}

interface Row {
  id: string;
  scheme: SchemeId;
  class_code: string;
  name_zh: string | null;
  lng: number;
  lat: number;
  grid_code: string | null;
  grid_name: string | null;
  community_id: string | null;
  community_name: string | null;
  street_id: string | null;
  street_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  maintainer_id: string | null;
  maintainer_name: string | null;
  state: ComponentState;
  attributes: Record<string, unknown>;
  open_cases: number;
  updated_at: Date;
}

const selectComponents = `
  SELECT k.id, k.scheme, k.class_code, k.name_zh, k.lng, k.lat, k.grid_code, g.name_zh AS grid_name,
         c.id AS community_id, c.name_zh AS community_name, s.id AS street_id, s.name_zh AS street_name,
         k.owner_unit AS owner_id, o.name_zh AS owner_name, k.maintainer_unit AS maintainer_id, m.name_zh AS maintainer_name,
         k.state, k.attributes, k.updated_at,
         (SELECT count(*)::int FROM "case" x WHERE x.component_id = k.id AND x.status_kind IN ('open', 'suspended')) AS open_cases
    FROM component k
    LEFT JOIN unit_grid g ON g.code = k.grid_code
    LEFT JOIN organisation c ON c.id = g.community_id
    LEFT JOIN organisation s ON s.id = c.parent_id
    LEFT JOIN department o ON o.id = k.owner_unit
    LEFT JOIN department m ON m.id = k.maintainer_unit`;

const named = (id: string | null, nameZh: string | null): Named | null => (id ? { id: id.trim(), nameZh: nameZh ?? id.trim() } : null);

function staffView(catalog: StandardsCatalog, row: Row): StaffComponent {
  const cls = catalog.getClass(row.scheme, 'component', row.class_code);
  const major = catalog.majorOf(row.scheme, 'component', row.class_code);
  const official = cls?.officialNameZh ?? cls?.nameZh ?? row.class_code;
  const address = typeof row.attributes.address === 'string' ? row.attributes.address : null;
  return {
    code: row.id,
    class: {
      scheme: row.scheme,
      code: row.class_code,
      nameZh: official,
      nameEn: cls?.nameEn ?? null,
      ...(cls?.officialNameZh ? { localNameZh: cls.nameZh } : {}),
      majorCode: cls?.majorCode ?? row.class_code.slice(0, 2),
      majorNameZh: major?.nameZh ?? null,
    },
    name: row.name_zh,
    address,
    ...publicPosition([Number(row.lng), Number(row.lat)]),
    grid: row.grid_code ? { code: row.grid_code.trim(), nameZh: row.grid_name } : null,
    community: named(row.community_id, row.community_name),
    street: named(row.street_id, row.street_name),
    owner: named(row.owner_id, row.owner_name),
    state: row.state,
    stateZh: componentStateNames[row.state].zh,
    maintainer: named(row.maintainer_id, row.maintainer_name),
    attributes: row.attributes,
    openCases: row.open_cases,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The public part: no keeper, no free-form attributes (they may hold survey notes), no case counts. */
export function publicView(component: StaffComponent): PublicComponent {
  const { maintainer: _maintainer, attributes: _attributes, openCases: _openCases, updatedAt: _updatedAt, ...visible } = component;
  return visible;
}

/** A component by its 17-digit code (部件标识码); NotFound for a code the inventory does not hold. */
export async function findComponent(sql: Sql, catalog: StandardsCatalog, code: string): Promise<StaffComponent> {
  const unknown = new NotFound(`no component with code ${code} in the inventory`, { field: 'code' });
  if (!componentCodePattern.test(code)) throw unknown;
  const { rows } = await sql.query<Row>(`${selectComponents} WHERE k.id = $1`, [code]);
  const row = rows[0];
  if (!row) throw unknown;
  return staffView(catalog, row);
}

export interface ComponentQuery {
  street?: string;
  community?: string;
  grid?: string;
  classCode?: string;
  state?: ComponentState;
  /** A code prefix, or part of the component's name. */
  search?: string;
  limit: number;
  offset: number;
}

/** Components in code order, filtered; `total` counts every match, not only the page. */
export async function listComponents(sql: Sql, catalog: StandardsCatalog, query: ComponentQuery): Promise<{ items: StaffComponent[]; total: number }> {
  const params: SqlParam[] = [];
  const where: string[] = [];
  const add = (condition: (placeholder: string) => string, value: SqlParam) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (query.street) add((p) => `s.id = ${p}`, query.street);
  if (query.community) add((p) => `c.id = ${p}`, query.community);
  if (query.grid) add((p) => `k.grid_code = ${p}`, query.grid);
  if (query.classCode) add((p) => `k.class_code = ${p}`, query.classCode);
  if (query.state) add((p) => `k.state = ${p}`, query.state);
  // A typed % or _ is a character to find, not a wildcard.
  if (query.search) add((p) => `(k.id LIKE ${p} || '%' OR k.name_zh LIKE '%' || ${p} || '%')`, escapeLike(query.search));
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const { rows: counted } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM component k LEFT JOIN unit_grid g ON g.code = k.grid_code
       LEFT JOIN organisation c ON c.id = g.community_id LEFT JOIN organisation s ON s.id = c.parent_id${filter}`,
    params,
  );
  const { rows } = await sql.query<Row>(
    `${selectComponents}${filter} ORDER BY k.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.limit, query.offset],
  );
  return { items: rows.map((row) => staffView(catalog, row)), total: counted[0]?.n ?? 0 };
}
