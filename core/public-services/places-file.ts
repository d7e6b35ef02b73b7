import { fileURLToPath } from 'node:url';
import type { Position } from '../geo/geometry.ts';
import { displayPath, readValidatedJson, StandardsDataError } from '../../standards/validated-json.ts';

/** The demo city's file; a real installation points the places routes at its own. */
export const demoPlacesFile = fileURLToPath(new URL('../../demo/public-places/public-places.json', import.meta.url));
const schemaFile = fileURLToPath(new URL('../../demo/public-places/public-places.schema.json', import.meta.url));

interface Common {
  code: string;
  nameZh: string;
  address?: string;
  /** HH:MM-HH:MM, Beijing time. */
  openingHours: string;
  openingNote?: string;
  accessible: boolean;
}

export interface PoiToilet extends Common {
  kind: 'toilet';
  position: Position;
  /** The inventory's code of the same toilet. */
  componentCode?: string;
}

export interface PoiPark extends Common {
  kind: 'park';
  entrances: Array<{ nameZh: string; position: Position }>;
}

export type PoiPlace = PoiToilet | PoiPark;

/** Reads and checks a places file: schema first, then codes unique, so a copied entry is an error rather than a twin. */
export function loadPlacesFile(file = demoPlacesFile): PoiPlace[] {
  const { places } = readValidatedJson<{ places: PoiPlace[] }>(file, schemaFile);
  const seen = new Set<string>();
  places.forEach((place, index) => {
    const keys = [place.code, ...(place.kind === 'toilet' && place.componentCode ? [`component:${place.componentCode}`] : [])];
    for (const key of keys) {
      if (seen.has(key)) {
        const field = key.startsWith('component:') ? 'componentCode' : 'code';
        throw new StandardsDataError(displayPath(file), `/places/${index}/${field}`, 'unique', `${key.replace('component:', '')} is listed twice`);
      }
      seen.add(key);
    }
  });
  return places;
}
