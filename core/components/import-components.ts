import type { Sql } from '../ports/database.ts';
import { json } from '../ports/database.ts';
import type { SchemeId, StandardsCatalog } from '../ports/standards.ts';
import { DomainError, Invalid } from '../errors.ts';
import { toWgs84, type CoordinateSystem } from '../grids/coordinates.ts';
import type { Position } from '../geo/index.ts';
import { componentCodePattern, componentStateNames, componentStates, type ComponentState } from './component-view.ts';
import { parseCsv } from './csv.ts';
import { loadUnitGridIndex } from './unit-grid-index.ts';

/** The attributes GB/T 30428.2 gives every component record; anything else in a file is kept as attributes. */
type Field = 'code' | 'classCode' | 'name' | 'lng' | 'lat' | 'ownerUnit' | 'maintainerUnit' | 'state' | 'address';
const required: readonly Field[] = ['code', 'classCode', 'lng', 'lat'];

/** Column titles as inventories exported from older systems and spreadsheets write them. */
const aliases: Record<Field, readonly string[]> = {
  code: ['code', 'id', '部件标识码', '部件编码', '标识码'],
  classCode: ['classcode', 'class_code', '部件类别代码', '部件小类代码', '小类代码', '类别代码'],
  name: ['name', 'namezh', 'name_zh', '部件名称', '名称'],
  lng: ['lng', 'lon', 'longitude', '经度'],
  lat: ['lat', 'latitude', '纬度'],
  ownerUnit: ['ownerunit', 'owner_unit', 'owner', '权属单位', '主管部门'],
  maintainerUnit: ['maintainerunit', 'maintainer_unit', 'maintainer', '养护单位'],
  state: ['state', '部件状态', '状态'],
  address: ['address', '地址', '位置描述'],
};
const fieldOfTitle = new Map(Object.entries(aliases).flatMap(([field, titles]) => titles.map((title) => [title, field as Field])));

const stateByName = new Map<string, ComponentState>(
  componentStates.flatMap((state) => [[state, state], [componentStateNames[state].zh, state]] as Array<[string, ComponentState]>),
);

/** Where a bad value sits: a CSV line (as a spreadsheet numbers it) or a GeoJSON feature index. */
export type RowLocation = { line: number } | { feature: number };

export interface RowError {
  line?: number;
  feature?: number;
  /** The component code of the row, when it has one. */
  code?: string;
  field: string;
  /** The CSV column title as the file writes it. */
  column?: string;
  detail: string;
}

interface SourceRow {
  where: RowLocation;
  values: Partial<Record<Field, unknown>>;
  attributes: Record<string, unknown>;
  /** The name of a field as the caller wrote it, for the error list. */
  fieldName(field: Field): { field: string; column?: string };
}

export interface PointFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; geometry: { type: 'Point'; coordinates: number[] }; properties: Record<string, unknown> | null }>;
}

export const maxImportRows = 50_000;
const maxListedErrors = 200;

function rowsOfGeoJson(collection: PointFeatureCollection): SourceRow[] {
  return collection.features.map((feature, index) => {
    const properties = { ...feature.properties };
    const values: Partial<Record<Field, unknown>> = { lng: feature.geometry.coordinates[0], lat: feature.geometry.coordinates[1] };
    const attributes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(properties)) {
      const field = fieldOfTitle.get(key.toLowerCase());
      if (field === 'lng' || field === 'lat') continue; // the geometry is the position
      if (field) values[field] = value;
      else attributes[key] = value;
    }
    return {
      where: { feature: index },
      values,
      attributes,
      fieldName: (field) => ({
        field: field === 'lng' || field === 'lat' ? `features.${index}.geometry.coordinates` : `features.${index}.properties.${field}`,
      }),
    };
  });
}

function rowsOfCsv(text: string): SourceRow[] {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Invalid('the CSV file is empty: its first line names the columns', { field: 'body' });
  const titles = header.cells.map((cell) => cell.trim());
  const columnOf = new Map<Field, number>();
  titles.forEach((title, column) => {
    const field = fieldOfTitle.get(title.toLowerCase());
    if (!field) return;
    if (columnOf.has(field)) {
      throw new Invalid(`columns "${titles[columnOf.get(field)!]}" and "${title}" both give ${field}`, { field, extra: { line: 1, column: title } });
    }
    columnOf.set(field, column);
  });
  const missing = required.filter((field) => !columnOf.has(field));
  if (missing.length > 0) {
    throw new Invalid(`the CSV header lacks the column(s) ${missing.join(', ')} (e.g. ${missing.map((field) => aliases[field].at(-1)).join(', ')})`, {
      field: missing[0],
      extra: { line: 1 },
    });
  }
  const known = new Set(columnOf.values());
  return records.map((record) => {
    const values: Partial<Record<Field, unknown>> = {};
    for (const [field, column] of columnOf) {
      const cell = record.cells[column]?.trim() ?? '';
      if (cell !== '') values[field] = field === 'lng' || field === 'lat' ? Number(cell) : cell;
    }
    const attributes: Record<string, unknown> = {};
    record.cells.forEach((cell, column) => {
      const title = titles[column];
      if (!known.has(column) && title && cell.trim() !== '') attributes[title] = cell.trim();
    });
    return {
      where: { line: record.line },
      values,
      attributes,
      fieldName: (field) => ({ field, column: titles[columnOf.get(field) ?? -1] }),
    };
  });
}

interface ValidRow {
  id: string;
  scheme: SchemeId;
  class_code: string;
  name_zh: string | null;
  lng: number;
  lat: number;
  grid_code: string;
  owner_unit: string | null;
  maintainer_unit: string | null;
  state: ComponentState;
  attributes: Record<string, unknown>;
}

interface Lookups {
  catalog: StandardsCatalog;
  scheme: SchemeId;
  crs: CoordinateSystem;
  gridAt: Awaited<ReturnType<typeof loadUnitGridIndex>>;
  /** A department by id or by its exact Chinese name. */
  departmentOf(idOrName: string): string | undefined;
}

const whereText = (where: RowLocation) => ('line' in where ? `第 ${where.line} 行` : `第 ${where.feature + 1} 个要素`);

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined);

function checkRow(row: SourceRow, lookups: Lookups, seen: Map<string, RowLocation>): { valid?: ValidRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const code = text(row.values.code);
  const fail = (field: Field, detail: string) => errors.push({ ...row.where, ...(code ? { code } : {}), ...row.fieldName(field), detail });

  if (!code) fail('code', '缺少部件标识码 (code)');
  else if (!componentCodePattern.test(code)) fail('code', `部件标识码 "${code}" 应为 17 位数字`);
  else if (seen.has(code)) fail('code', `部件标识码 ${code} 在文件中重复（首次出现在${whereText(seen.get(code)!)}）`);
  else seen.set(code, row.where);

  const classCode = text(row.values.classCode);
  const cls = classCode ? lookups.catalog.getClass(lookups.scheme, 'component', classCode) : undefined;
  if (!classCode) fail('classCode', '缺少部件类别代码 (classCode)');
  else if (!cls) fail('classCode', `${lookups.scheme} 中没有部件小类 ${classCode}`);
  else if (cls.disabled) fail('classCode', `部件小类 ${classCode} ${cls.nameZh} 已停用`);
  else if (code && componentCodePattern.test(code) && code.slice(6, 11) !== classCode.padStart(5, '0')) {
    fail('code', `部件标识码第 7–11 位应为小类代码 ${classCode.padStart(5, '0')}`);
  }

  let position: Position | undefined;
  const { lng, lat } = row.values;
  if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) {
    fail(typeof lng === 'number' && Number.isFinite(lng) ? 'lat' : 'lng', '经纬度须为数字');
  } else {
    try {
      position = toWgs84({ lng, lat, crs: lookups.crs });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      fail(error.field?.endsWith('lat') ? 'lat' : 'lng', error.detailZh ?? error.message);
    }
  }
  const grid = position ? lookups.gridAt(position) : null;
  if (position && !grid) fail('lng', `位置 ${position[0].toFixed(6)}, ${position[1].toFixed(6)} (WGS-84) 不在本市任何单元网格内`);
  if (grid?.districtId && code && componentCodePattern.test(code) && /^[0-9]{6}$/.test(grid.districtId) && !code.startsWith(grid.districtId)) {
    fail('code', `部件标识码前 6 位应为所在区县代码 ${grid.districtId}`);
  }

  const unit = (field: 'ownerUnit' | 'maintainerUnit') => {
    const given = text(row.values[field]);
    if (!given) return null;
    const id = lookups.departmentOf(given);
    if (!id) fail(field, `没有部门 "${given}"（填写部门编号或全称）`);
    return id ?? null;
  };
  const ownerUnit = unit('ownerUnit');
  const maintainerUnit = unit('maintainerUnit');

  const stateGiven = text(row.values.state);
  const state = stateGiven ? stateByName.get(stateGiven.toLowerCase()) : 'intact';
  if (!state) fail('state', `部件状态 "${stateGiven}" 应为 ${componentStates.map((s) => componentStateNames[s].zh).join('、')} 之一`);

  const name = text(row.values.name) ?? null;
  if (name && name.length > 100) fail('name', '部件名称最长 100 字');
  const address = text(row.values.address);
  if (address && address.length > 200) fail('address', '地址最长 200 字');

  if (errors.length > 0 || !code || !cls || !position || !grid || !state) return { errors };
  return {
    errors,
    valid: {
      id: code,
      scheme: lookups.scheme,
      class_code: cls.code,
      name_zh: name,
      lng: position[0],
      lat: position[1],
      grid_code: grid.code,
      owner_unit: ownerUnit,
      maintainer_unit: maintainerUnit,
      state,
      attributes: { ...row.attributes, ...(address ? { address } : {}) },
    },
  };
}

async function departmentLookup(sql: Sql): Promise<(idOrName: string) => string | undefined> {
  const { rows } = await sql.query<{ id: string; name_zh: string }>('SELECT id, name_zh FROM department');
  const ids = new Set(rows.map((row) => row.id));
  const byName = new Map<string, string | null>();
  // A name two departments share identifies neither.
  for (const row of rows) byName.set(row.name_zh, byName.has(row.name_zh) ? null : row.id);
  return (given) => (ids.has(given) ? given : (byName.get(given) ?? undefined));
}

export type InventorySource = { format: 'geojson'; collection: PointFeatureCollection } | { format: 'csv'; text: string };

export interface ImportResult {
  imported: number;
  created: number;
  updated: number;
  /** Rows identical to what the inventory holds: re-importing a file changes nothing. */
  unchanged: number;
}

const batchSize = 500;

/**
 * 部件普查数据导入: adds or updates components from a GeoJSON FeatureCollection of points or a CSV file. Every row
 * is checked before anything is written, and the caller's transaction makes it all or nothing; the errors name
 * each bad row and field. A code already in the inventory is updated, so importing the same file twice is a no-op.
 */
export async function importComponents(
  sql: Sql,
  catalog: StandardsCatalog,
  source: InventorySource,
  options: { scheme: SchemeId; crs: CoordinateSystem; now: Date },
): Promise<ImportResult> {
  const rows = source.format === 'csv' ? rowsOfCsv(source.text) : rowsOfGeoJson(source.collection);
  if (rows.length === 0) throw new Invalid('the file holds no components', { field: 'body' });
  if (rows.length > maxImportRows) throw new Invalid(`at most ${maxImportRows} components per import: split the file by street`, { field: 'body' });
  const lookups: Lookups = {
    catalog,
    scheme: options.scheme,
    crs: options.crs,
    gridAt: await loadUnitGridIndex(sql),
    departmentOf: await departmentLookup(sql),
  };
  const seen = new Map<string, RowLocation>();
  const checked = rows.map((row) => checkRow(row, lookups, seen));
  const errors = checked.flatMap((result) => result.errors);
  if (errors.length > 0) {
    const badRows = checked.filter((result) => result.errors.length > 0).length;
    throw new Invalid(`${badRows} of ${rows.length} rows have errors; nothing was imported`, {
      field: errors[0]!.field,
      extra: { errors: errors.slice(0, maxListedErrors), errorCount: errors.length },
    });
  }
  const valid = checked.map((result) => result.valid!);
  const result: ImportResult = { imported: valid.length, created: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < valid.length; start += batchSize) {
    const { rows: written } = await sql.query<{ created: boolean }>(
      `INSERT INTO component (id, scheme, class_code, name_zh, lng, lat, grid_code, owner_unit, maintainer_unit, state, attributes, created_at, updated_at)
       SELECT r.id, r.scheme, r.class_code, r.name_zh, r.lng, r.lat, r.grid_code, r.owner_unit, r.maintainer_unit, r.state, r.attributes, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, scheme text, class_code text, name_zh text, lng double precision, lat double precision,
              grid_code text, owner_unit text, maintainer_unit text, state text, attributes jsonb)
       ON CONFLICT (id) DO UPDATE SET scheme = EXCLUDED.scheme, class_code = EXCLUDED.class_code, name_zh = EXCLUDED.name_zh,
         lng = EXCLUDED.lng, lat = EXCLUDED.lat, grid_code = EXCLUDED.grid_code, owner_unit = EXCLUDED.owner_unit,
         maintainer_unit = EXCLUDED.maintainer_unit, state = EXCLUDED.state, attributes = EXCLUDED.attributes, updated_at = EXCLUDED.updated_at
       WHERE (component.scheme, component.class_code, component.name_zh, component.lng, component.lat, component.grid_code,
              component.owner_unit, component.maintainer_unit, component.state, component.attributes)
             IS DISTINCT FROM (EXCLUDED.scheme, EXCLUDED.class_code, EXCLUDED.name_zh, EXCLUDED.lng, EXCLUDED.lat, EXCLUDED.grid_code,
              EXCLUDED.owner_unit, EXCLUDED.maintainer_unit, EXCLUDED.state, EXCLUDED.attributes)
       RETURNING (xmax = 0) AS created`,
      [json(valid.slice(start, start + batchSize)), options.now],
    );
    const created = written.filter((row) => row.created).length;
    result.created += created;
    result.updated += written.length - created;
  }
  result.unchanged = valid.length - result.created - result.updated;
  return result;
}
