/**
 * GeoReport v2's XML: the JSON shapes with each list wrapped in its plural element and each item named in the
 * singular (`<services><service>…`), empty values as empty elements (`<address_id/>`), as the spec's examples show.
 */
const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
};

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);

function element(name: string, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((item) => element(itemNames[name] ?? 'item', item)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>).map(([key, inner]) => element(key, inner)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function open311Xml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}
