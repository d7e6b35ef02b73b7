export { isOpenAt } from '../../../../core/public-services/opening-hours.ts';

type Translate = (key: string, values: Record<string, unknown>) => string;

/** Metres up to a kilometre, then kilometres to one decimal: how far a walk is, not a survey figure. */
export function formatDistance(metres: number, t: Translate): string {
  return metres < 1000 ? t('citizen.services.metres', { n: Math.round(metres) }) : t('citizen.services.kilometres', { n: (metres / 1000).toFixed(1) });
}

/**
 * AMap's URI API opens the 高德 app on a phone (or its web map elsewhere) with a marker to navigate to. It takes
 * GCJ-02, which the places answer gives beside WGS-84.
 */
export function navigationUrl(place: { nameZh: string; gcj02: { lng: number; lat: number } }): string {
  const query = new URLSearchParams({ position: `${place.gcj02.lng},${place.gcj02.lat}`, name: place.nameZh, src: 'citycase', coordinate: 'gaode', callnative: '1' });
  return `https://uri.amap.com/marker?${query}`;
}
