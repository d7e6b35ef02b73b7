/** A raster tile layer, e.g. 天地图 vec_w + cva_w (with the city's key), in WGS-84 / Web Mercator. */
export interface TileSource {
  url: string;
  subdomains?: string;
  attribution?: string;
  maxZoom?: number;
}

export interface MapConfig {
  tiles: TileSource[];
  /** Where the map opens when no grid has been imported yet: [lat, lng]. */
  center: [number, number];
  zoom: number;
}

declare global {
  interface Window {
    /** Set by the page that serves the UI, so a city configures its map without rebuilding. */
    CITYCASE_CONFIG?: { map?: Partial<MapConfig> };
  }
}

const fromBuild: TileSource[] = import.meta.env.VITE_MAP_TILE_URL ? [{ url: import.meta.env.VITE_MAP_TILE_URL as string }] : [];

/** No tile server by default: the grids are drawn on a plain background, which needs no network at all. */
export function mapConfig(): MapConfig {
  const configured = window.CITYCASE_CONFIG?.map ?? {};
  return {
    tiles: configured.tiles ?? fromBuild,
    center: configured.center ?? [35.0, 105.0],
    zoom: configured.zoom ?? 4,
  };
}
