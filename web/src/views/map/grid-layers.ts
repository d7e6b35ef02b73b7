import L from 'leaflet';
import type { GridCollection, GridProperties } from '../../api/resources.ts';

export type PopupRow = [label: string, value: string];

/** Popup content as DOM nodes, so names from imported data are shown as text and never parsed as HTML. */
export function popupTable(rows: PopupRow[]): HTMLElement {
  const table = document.createElement('table');
  table.className = 'grid-popup';
  for (const [label, value] of rows) {
    const row = table.insertRow();
    const head = document.createElement('th');
    head.textContent = label;
    row.append(head);
    row.insertCell().textContent = value;
  }
  return table;
}

const styles = {
  unit: { color: '#1f4e9c', weight: 1, fillColor: '#3f74c6', fillOpacity: 0.18 },
  responsibility: { color: '#d9822b', weight: 2, dashArray: '6 4', fill: false },
} satisfies Record<string, L.PathOptions>;

export function gridLayer(
  kind: keyof typeof styles,
  collection: GridCollection,
  rowsFor: (grid: GridProperties) => PopupRow[],
  renderer: L.Renderer,
): L.GeoJSON {
  return L.geoJSON(collection, {
    // The class names a grid's shape (with the SVG renderer), so a test can click a known grid.
    style: (feature) => ({ ...styles[kind], renderer, className: `grid-${(feature?.properties as GridProperties | undefined)?.code ?? ''}` }),
    onEachFeature: (feature, layer) => {
      layer.bindPopup(() => popupTable(rowsFor(feature.properties as GridProperties)));
    },
  });
}
