import { distanceMetres } from '../geo/distance.ts';
import type { Position } from '../geo/geometry.ts';

/** A public place reachable at one or more points: a toilet has one, a park one per entrance. */
export interface Place {
  readonly code: string;
  readonly points: readonly Position[];
}

export type RankedPlace<P extends Place> = P & { readonly distanceMetres: number; readonly nearestPoint: Position };

/**
 * Places nearest first, measured to their nearest point, because a citizen walks to a park's closest entrance,
 * not to its middle. Ties keep the code order so that the answer (and its ETag) is stable between calls.
 */
export function nearestPlaces<P extends Place>(origin: Position, places: readonly P[], limit: number): RankedPlace<P>[] {
  const ranked: RankedPlace<P>[] = [];
  for (const place of places) {
    let best: { metres: number; point: Position } | undefined;
    for (const point of place.points) {
      const metres = distanceMetres(origin, point);
      if (best === undefined || metres < best.metres) best = { metres, point };
    }
    if (best !== undefined) ranked.push({ ...place, distanceMetres: Math.round(best.metres), nearestPoint: best.point });
  }
  ranked.sort((a, b) => a.distanceMetres - b.distanceMetres || a.code.localeCompare(b.code));
  return ranked.slice(0, limit);
}
