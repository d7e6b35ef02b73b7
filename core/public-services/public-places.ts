import { distanceMetres } from '../geo/distance.ts';
import type { Position } from '../geo/geometry.ts';
import type { Sql } from '../ports/database.ts';
import { nearestPlaces } from './nearest-places.ts';
import type { PoiPlace, PoiToilet } from './places-file.ts';
import { publicPosition, type PublicPosition } from './public-position.ts';

export const placeKinds = ['toilet', 'park'] as const;
export type PlaceKind = (typeof placeKinds)[number];

/** 公共厕所 in each classification scheme the inventory may use. */
const toiletClasses = [
  { scheme: 'gbt47678', classCode: '03001' },
  { scheme: 'legacy', classCode: '0301' },
];

/** An inventory toilet the public should not be sent to. */
const goneStates = new Set(['removed', 'lost']);

/**
 * A file entry without a component code and an inventory toilet closer than this are one toilet: surveyed and
 * mapped positions of one building differ by metres, while two public toilets are rarely this close.
 */
export const sameToiletWithinMetres = 30;

export interface InventoryToilet {
  code: string;
  nameZh: string | null;
  address: string | null;
  position: Position;
  state: string;
}

interface Candidate {
  code: string;
  kind: PlaceKind;
  nameZh: string;
  address: string | null;
  openingHours: string | null;
  openingNote: string | null;
  accessible: boolean | null;
  componentCode: string | null;
  points: Position[];
  entrances: Array<{ nameZh: string; position: Position }> | null;
}

export async function inventoryToilets(sql: Sql): Promise<InventoryToilet[]> {
  const { rows } = await sql.query<{ id: string; name_zh: string | null; address: string | null; area: string | null; lng: number; lat: number; state: string }>(
    `SELECT k.id, k.name_zh, k.attributes->>'address' AS address, coalesce(c.name_zh, s.name_zh) AS area, k.lng, k.lat, k.state
       FROM component k
       JOIN jsonb_to_recordset($1::jsonb) AS t(scheme text, "classCode" text) ON t.scheme = k.scheme AND t."classCode" = k.class_code
       LEFT JOIN unit_grid g ON g.code = k.grid_code
       LEFT JOIN organisation c ON c.id = g.community_id
       LEFT JOIN organisation s ON s.id = c.parent_id
      ORDER BY k.id`,
    [JSON.stringify(toiletClasses)],
  );
  return rows.map((row) => ({
    code: row.id,
    nameZh: row.name_zh,
    address: row.address ?? row.area,
    position: [Number(row.lng), Number(row.lat)],
    state: row.state,
  }));
}

const fromFile = (place: PoiPlace): Candidate => ({
  code: place.code,
  kind: place.kind,
  nameZh: place.nameZh,
  address: place.address ?? null,
  openingHours: place.openingHours,
  openingNote: place.openingNote ?? null,
  accessible: place.accessible,
  componentCode: null,
  points: place.kind === 'park' ? place.entrances.map((entrance) => entrance.position) : [place.position],
  entrances: place.kind === 'park' ? place.entrances : null,
});

/**
 * One list of toilets from the file and the inventory, each toilet once. The inventory decides whether a toilet
 * still stands (a removed one is dropped even when the file lists it) and where it is (surveyed); the file adds
 * what the inventory does not know: name, opening hours, accessibility.
 */
export function mergeToilets(fileToilets: readonly PoiToilet[], inventory: readonly InventoryToilet[]): Candidate[] {
  const byCode = new Map(inventory.map((toilet) => [toilet.code, toilet]));
  const claimed = new Set<string>();
  const merged = (entry: PoiToilet, toilet: InventoryToilet): Candidate => {
    claimed.add(toilet.code);
    return { ...fromFile(entry), address: entry.address ?? toilet.address, componentCode: toilet.code, points: [toilet.position] };
  };
  const result: Candidate[] = [];
  // Entries naming their component first, so that a nearby unnamed entry cannot take a toilet another entry names.
  for (const entry of fileToilets.filter((toilet) => toilet.componentCode)) {
    const toilet = byCode.get(entry.componentCode as string);
    if (!toilet) result.push(fromFile(entry));
    else if (!goneStates.has(toilet.state)) result.push(merged(entry, toilet));
  }
  const standing = inventory.filter((toilet) => !goneStates.has(toilet.state));
  for (const entry of fileToilets.filter((toilet) => !toilet.componentCode)) {
    let nearest: { toilet: InventoryToilet; metres: number } | undefined;
    for (const toilet of standing) {
      if (claimed.has(toilet.code)) continue;
      const metres = distanceMetres(entry.position, toilet.position);
      if (metres <= sameToiletWithinMetres && (!nearest || metres < nearest.metres)) nearest = { toilet, metres };
    }
    result.push(nearest ? merged(entry, nearest.toilet) : fromFile(entry));
  }
  for (const toilet of standing.filter((t) => !claimed.has(t.code))) {
    result.push({
      code: toilet.code,
      kind: 'toilet',
      nameZh: toilet.nameZh ?? '公共厕所',
      address: toilet.address,
      openingHours: null,
      openingNote: null,
      accessible: null,
      componentCode: toilet.code,
      points: [toilet.position],
      entrances: null,
    });
  }
  return result;
}

/** A place as the public list shows it: where to walk to (a park's nearest entrance) and how far it is. */
export interface NearbyPlace extends PublicPosition {
  code: string;
  kind: PlaceKind;
  nameZh: string;
  address: string | null;
  distanceMetres: number;
  /** Null for an inventory toilet no file entry describes. */
  openingHours: string | null;
  openingNote: string | null;
  accessible: boolean | null;
  /** The inventory's 部件标识码, when the toilet is in it. */
  componentCode: string | null;
  nearestEntrance?: string;
  entrances?: Array<{ nameZh: string } & PublicPosition>;
}

export async function nearbyPlaces(sql: Sql, file: readonly PoiPlace[], query: { kind: PlaceKind; origin: Position; limit: number }): Promise<NearbyPlace[]> {
  const candidates =
    query.kind === 'toilet'
      ? mergeToilets(file.filter((place): place is PoiToilet => place.kind === 'toilet'), await inventoryToilets(sql))
      : file.filter((place) => place.kind === query.kind).map(fromFile);
  return nearestPlaces(query.origin, candidates, query.limit).map(({ points: _points, entrances, nearestPoint, ...place }) => ({
    ...place,
    ...publicPosition(nearestPoint),
    ...(entrances
      ? {
          nearestEntrance: entrances.find((entrance) => entrance.position === nearestPoint)?.nameZh,
          entrances: entrances.map((entrance) => ({ nameZh: entrance.nameZh, ...publicPosition(entrance.position) })),
        }
      : {}),
  }));
}
