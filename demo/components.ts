import { boundingBox, boxContains, type BoundingBox } from '../core/geo/bounding-box.ts';
import type { PolygonGeometry, Position } from '../core/geo/geometry.ts';
import { containsPoint } from '../core/geo/point-in-polygon.ts';
import type { DemoUnitGrid } from './city-layout.ts';
import { streetOfficeId } from './departments.ts';
import { seededRandom } from './random.ts';

export const COMPONENT_SCHEME = 'gbt47678';

export type ComponentState = 'intact' | 'damaged' | 'lost' | 'removed' | 'occupied';

export interface DemoComponent {
  /** 17 digits: district code (6) + GB/T 47678.5 class code (5) + sequence within the class (6). */
  id: string;
  classCode: string;
  nameZh: string;
  position: Position;
  gridCode: string;
  /** Department ids: the owner (权属单位) and the unit that maintains it (养护单位). */
  ownerUnit: string;
  maintainerUnit: string;
  state: ComponentState;
  attributes: { installedYear: number };
}

/** Resolved to the street office of the street the component stands in. */
const STREET_OFFICE = Symbol('street office');
type Keeper = string | typeof STREET_OFFICE;

interface DemoClass {
  code: string;
  nameZh: string;
  owner: Keeper;
  maintainer: Keeper;
  count: number;
}

// Class codes and names as in GB/T 47678.5-2026 附录A 表A.1 (2-digit major + 3-digit minor class).
const CLASSES: readonly DemoClass[] = [
  { code: '01001', nameZh: '供水井盖', owner: 'water-supply', maintainer: 'water-supply', count: 30 },
  { code: '01002', nameZh: '污水井盖', owner: 'water-affairs', maintainer: 'water-affairs', count: 25 },
  { code: '01003', nameZh: '雨水井盖', owner: 'water-affairs', maintainer: 'water-affairs', count: 25 },
  { code: '01004', nameZh: '雨水箅子', owner: 'water-affairs', maintainer: 'municipal', count: 20 },
  { code: '01005', nameZh: '电力井盖', owner: 'power-supply', maintainer: 'power-supply', count: 15 },
  { code: '01007', nameZh: '通信井盖', owner: 'telecom', maintainer: 'telecom', count: 10 },
  { code: '01010', nameZh: '热力井盖', owner: 'heating', maintainer: 'heating', count: 10 },
  { code: '01011', nameZh: '燃气井盖', owner: 'gas', maintainer: 'gas', count: 15 },
  { code: '01031', nameZh: '通信立杆', owner: 'mobile', maintainer: 'mobile', count: 6 },
  { code: '01037', nameZh: '路灯', owner: 'municipal', maintainer: 'district-urban-management', count: 40 },
  { code: '01046', nameZh: '户外健身设施', owner: STREET_OFFICE, maintainer: STREET_OFFICE, count: 6 },
  { code: '01049', nameZh: '燃气调压站（箱）', owner: 'gas', maintainer: 'gas', count: 4 },
  { code: '02004', nameZh: '公交站设施', owner: 'transport', maintainer: 'transport', count: 8 },
  { code: '02012', nameZh: '路名牌', owner: 'district-urban-management', maintainer: 'district-urban-management', count: 10 },
  { code: '02014', nameZh: '交通信号灯', owner: 'traffic-police', maintainer: 'traffic-police', count: 10 },
  { code: '02017', nameZh: '交通护栏', owner: 'transport', maintainer: 'traffic-police', count: 12 },
  { code: '02027', nameZh: '存车支架', owner: 'district-urban-management', maintainer: STREET_OFFICE, count: 10 },
  { code: '03001', nameZh: '公共厕所', owner: 'sanitation', maintainer: 'sanitation', count: 8 },
  { code: '03005', nameZh: '垃圾箱', owner: 'sanitation', maintainer: 'sanitation', count: 40 },
  { code: '03008', nameZh: '宣传栏', owner: STREET_OFFICE, maintainer: STREET_OFFICE, count: 6 },
  { code: '04002', nameZh: '行道树', owner: 'landscaping', maintainer: 'district-landscaping', count: 50 },
  { code: '04007', nameZh: '街头座椅', owner: 'district-landscaping', maintainer: 'district-landscaping', count: 8 },
  { code: '04011', nameZh: '树池树穴', owner: 'district-landscaping', maintainer: 'district-landscaping', count: 20 },
  { code: '04013', nameZh: '绿地', owner: 'landscaping', maintainer: 'district-landscaping', count: 5 },
];

/** Most components are fine; a few give the demo something to report. */
function stateFor(roll: number): ComponentState {
  if (roll < 0.9) return 'intact';
  if (roll < 0.95) return 'damaged';
  if (roll < 0.97) return 'lost';
  if (roll < 0.99) return 'occupied';
  return 'removed';
}

const SEED = 20_040_101;

/**
 * Components scattered over the district with a fixed seed, each placed in the unit grid that contains it
 * (point-in-polygon, as a real inventory import would), so the same run always yields the same inventory.
 */
export function demoComponents(districtId: string, extent: PolygonGeometry, grids: readonly DemoUnitGrid[]): DemoComponent[] {
  const random = seededRandom(SEED);
  const area = boundingBox(extent);
  const indexed = grids.map((grid) => ({ grid, box: boundingBox(grid.geometry) }));
  const gridAt = (position: Position) => {
    const found = indexed.find(({ grid, box }) => boxContains(box, position) && containsPoint(grid.geometry, position));
    if (!found) throw new Error(`no demo unit grid contains ${position.join(',')}`);
    return found.grid;
  };
  return CLASSES.flatMap((demoClass) =>
    Array.from({ length: demoClass.count }, (_, index): DemoComponent => {
      const position = randomPosition(area, random);
      const grid = gridAt(position);
      const keeper = (unit: Keeper) => (unit === STREET_OFFICE ? streetOfficeId(grid.streetId) : unit);
      return {
        id: `${districtId}${demoClass.code}${String(index + 1).padStart(6, '0')}`,
        classCode: demoClass.code,
        nameZh: demoClass.nameZh,
        position,
        gridCode: grid.code,
        ownerUnit: keeper(demoClass.owner),
        maintainerUnit: keeper(demoClass.maintainer),
        state: stateFor(random()),
        attributes: { installedYear: 2005 + Math.floor(random() * 19) },
      };
    }),
  );
}

/** Rounded to 1e-7° (about a centimetre), like surveyed inventory data. */
function randomPosition(area: BoundingBox, random: () => number): Position {
  const lng = area.minLng + random() * (area.maxLng - area.minLng);
  const lat = area.minLat + random() * (area.maxLat - area.minLat);
  return [Number(lng.toFixed(7)), Number(lat.toFixed(7))];
}
