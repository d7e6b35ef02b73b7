import type { AreaGeometry, Position } from '../core/geo/geometry.ts';
import { demoCity, type DemoCity } from './demo-city.ts';

export interface Feature<G, P> {
  type: 'Feature';
  id: string;
  geometry: G;
  properties: P;
}

export type DemoFeature =
  | Feature<AreaGeometry, { kind: 'unit-grid'; nameZh: string; communityId: string; streetId: string; areaGrade: string }>
  | Feature<AreaGeometry, { kind: 'responsibility-grid'; nameZh: string; departmentId: string }>
  | Feature<{ type: 'Point'; coordinates: Position }, { kind: 'component'; classCode: string; nameZh: string; state: string; gridCode: string }>;

export interface DemoFeatureCollection {
  type: 'FeatureCollection';
  features: DemoFeature[];
}

/** The demo city as one GeoJSON FeatureCollection (WGS-84) for the map: grids as polygons, components as points. */
export function demoCityFeatures(city: DemoCity = demoCity()): DemoFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      ...city.unitGrids.map(
        (grid): DemoFeature => ({
          type: 'Feature',
          id: grid.code,
          geometry: grid.geometry,
          properties: {
            kind: 'unit-grid',
            nameZh: grid.nameZh,
            communityId: grid.communityId,
            streetId: grid.streetId,
            areaGrade: grid.areaGrade,
          },
        }),
      ),
      ...city.responsibilityGrids.map(
        (grid): DemoFeature => ({
          type: 'Feature',
          id: grid.code,
          geometry: grid.geometry,
          properties: { kind: 'responsibility-grid', nameZh: grid.nameZh, departmentId: grid.departmentId },
        }),
      ),
      ...city.components.map(
        (component): DemoFeature => ({
          type: 'Feature',
          id: component.id,
          geometry: { type: 'Point', coordinates: component.position },
          properties: {
            kind: 'component',
            classCode: component.classCode,
            nameZh: component.nameZh,
            state: component.state,
            gridCode: component.gridCode,
          },
        }),
      ),
    ],
  };
}
