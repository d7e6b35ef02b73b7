import type { Position } from '../core/geo/geometry.ts';
import type { PointKind } from '../core/public-services/waterlogging.ts';

export interface DemoWaterloggingPoint {
  code: string;
  nameZh: string;
  kind: PointKind;
  address: string;
  position: Position;
  sensorId: string | null;
  waterloggedDepthCm: number;
  severeDepthCm: number;
}

// 易涝点 of the kind 《城镇排水与污水处理条例》 Art. 27 names (立交桥下, 下穿通道, 低洼路段), at approximate WGS-84
// positions. 15 cm is GB 51222's one-lane criterion; underpasses are closed at 25 cm (Shenyang practice), roads under
// bridges at 30 cm (the Wujin painted "cars should not pass" line).
export const demoWaterloggingPoints: readonly DemoWaterloggingPoint[] = [
  { code: 'DC-JS-001', nameZh: '东直门桥下', kind: 'overpass', address: '东城区东直门桥东二环主路', position: [116.4336, 39.941], sensorId: 'WL-DC-001', waterloggedDepthCm: 15, severeDepthCm: 30 },
  { code: 'DC-JS-002', nameZh: '安定门桥下', kind: 'overpass', address: '东城区安定门桥北二环主路', position: [116.408, 39.949], sensorId: 'WL-DC-002', waterloggedDepthCm: 15, severeDepthCm: 30 },
  { code: 'DC-JS-003', nameZh: '雍和宫桥下', kind: 'overpass', address: '东城区雍和宫桥北二环主路', position: [116.417, 39.949], sensorId: 'WL-DC-003', waterloggedDepthCm: 15, severeDepthCm: 30 },
  { code: 'DC-JS-004', nameZh: '东便门桥下穿通道', kind: 'underpass', address: '东城区东便门桥东二环辅路', position: [116.433, 39.902], sensorId: 'WL-DC-004', waterloggedDepthCm: 15, severeDepthCm: 25 },
  { code: 'DC-JS-005', nameZh: '光明桥下穿通道', kind: 'underpass', address: '东城区光明桥东二环辅路', position: [116.45, 39.889], sensorId: 'WL-DC-005', waterloggedDepthCm: 15, severeDepthCm: 25 },
  // Watched by the patrol, not yet by a gauge.
  { code: 'DC-JS-006', nameZh: '东黄城根北街低洼路段', kind: 'low-lying-road', address: '东城区东黄城根北街中段', position: [116.4042, 39.9268], sensorId: null, waterloggedDepthCm: 15, severeDepthCm: 30 },
];
