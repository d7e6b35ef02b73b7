import L from 'leaflet';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { api } from '../../api/client.ts';
import type { GridCollection, GridProperties } from '../../api/resources.ts';
import { popupTable, type PopupRow } from './grid-layers.ts';

/** GET /api/v1/map/cases (api/routes/case-map.routes.ts). */
export interface CasePointProperties {
  id: string;
  caseNumber: string;
  className: string;
  status: string;
  statusKind: 'open' | 'suspended' | 'closed' | 'voided';
  statusLabelZh: string;
  statusLabelEn: string;
  overdue: boolean;
  gridCode: string | null;
}
export type CasePoints = FeatureCollection<Point, CasePointProperties> & { truncated: boolean };

export const caseMap = {
  points: () => api.get<CasePoints>('/map/cases'),
  gridCounts: async () => (await api.get<{ items: Array<{ gridCode: string; cases: number }> }>('/map/grid-counts')).items,
};

/** Where a case stands in the closed loop, which is what its colour tells the command centre at a glance. */
export const caseStages = ['intake', 'handling', 'verifying', 'suspended', 'overdue'] as const;
export type CaseStage = (typeof caseStages)[number];

export const stageColours: Record<CaseStage, string> = {
  intake: '#3f74c6',
  handling: '#d9822b',
  verifying: '#8e5cc4',
  suspended: '#909399',
  overdue: '#d03050',
};
const finishedColours = { closed: '#2e9e5b', voided: '#606266' };

const verifyingStatuses = new Set(['verifying', 'verified']);
const intakeStatuses = new Set(['reported', 'confirming', 'confirmed', 'registered', 'returned']);

export function colourOf(c: CasePointProperties): string {
  if (c.statusKind === 'closed' || c.statusKind === 'voided') return finishedColours[c.statusKind];
  if (c.statusKind === 'suspended') return stageColours.suspended;
  if (c.overdue) return stageColours.overdue;
  if (intakeStatuses.has(c.status)) return stageColours.intake;
  return verifyingStatuses.has(c.status) ? stageColours.verifying : stageColours.handling;
}

/** A pane above the grid layers, so a grid toggled on again never covers the case dots. */
export const casePane = 'cases';

/**
 * One dot per case; its popup names the case and links to its page through `open`, so the app navigates
 * without a reload. The class names the case number, so a test can find a known case's dot.
 */
export function caseLayer(points: CasePoints, rows: (c: CasePointProperties) => PopupRow[], linkText: string, open: (id: string) => void): L.GeoJSON {
  return L.geoJSON(points, {
    pointToLayer: (feature: Feature<Point, CasePointProperties>, latlng) =>
      L.circleMarker(latlng, {
        radius: 6,
        color: '#fff',
        weight: 1.5,
        fillColor: colourOf(feature.properties),
        fillOpacity: 0.95,
        className: `case-marker case-${feature.properties.caseNumber}`,
        pane: casePane,
      }),
    onEachFeature: (feature: Feature<Geometry, CasePointProperties>, layer) => {
      layer.bindPopup(() => {
        const content = document.createElement('div');
        content.append(popupTable(rows(feature.properties)));
        const link = document.createElement('a');
        link.href = `/cases/${encodeURIComponent(feature.properties.id)}`;
        link.textContent = linkText;
        link.dataset.test = 'case-popup-link';
        link.addEventListener('click', (event) => {
          event.preventDefault();
          open(feature.properties.id);
        });
        content.append(link);
        return content;
      });
    },
  });
}

const heatRamp = ['#fff3e0', '#ffd8a8', '#ffb26b', '#f7803c', '#e4572e', '#b71c1c'];

/** The colour of a grid with `cases` cases when the busiest grid has `most`. */
export function heatColour(cases: number, most: number): string {
  const step = most <= 1 ? heatRamp.length - 1 : Math.round(((cases - 1) / (most - 1)) * (heatRamp.length - 1));
  return heatRamp[Math.min(heatRamp.length - 1, Math.max(0, step))] as string;
}

/** A choropleth of the unit grids that hold cases, darker for more. */
export function heatLayer(
  grids: GridCollection,
  counts: Map<string, number>,
  rows: (grid: GridProperties, cases: number) => PopupRow[],
  renderer: L.Renderer,
): L.GeoJSON {
  const most = Math.max(0, ...counts.values());
  const busy: GridCollection = { ...grids, features: grids.features.filter((f) => (counts.get(f.properties.code) ?? 0) > 0) };
  return L.geoJSON(busy, {
    style: (feature) => {
      const cases = counts.get((feature?.properties as GridProperties).code) ?? 0;
      return { renderer, color: '#b71c1c', weight: 0.5, fillColor: heatColour(cases, most), fillOpacity: 0.7 };
    },
    onEachFeature: (feature, layer) => {
      const grid = feature.properties as GridProperties;
      layer.bindPopup(() => popupTable(rows(grid, counts.get(grid.code) ?? 0)));
    },
  });
}
