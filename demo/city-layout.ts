import type { PolygonGeometry } from '../core/geo/geometry.ts';

/*
 * The demo city sits on Beijing's Dongcheng district (东城区, GB/T 2260 code 110101), where the 万米单元网格
 * method was first used in 2004. The city, district and street codes and names are real (统计用区划代码);
 * the communities under the streets and every boundary are schematic: a 12 × 8 block of 150 m cells over
 * the real place, not the official grid layout.
 */

export type OrganisationKind = 'city' | 'district' | 'street' | 'community';
export type AreaGrade = 'A' | 'B' | 'C';

export interface DemoOrganisation {
  id: string;
  kind: OrganisationKind;
  nameZh: string;
  nameEn: string;
  parentId?: string;
}

export interface DemoUnitGrid {
  /** 15 digits: the community's 12-digit code and a 3-digit sequence. */
  code: string;
  communityId: string;
  streetId: string;
  nameZh: string;
  areaGrade: AreaGrade;
  geometry: PolygonGeometry;
}

/** One community's area, before it is given to a department as a responsibility grid. */
export interface DemoCommunityArea {
  communityId: string;
  streetId: string;
  nameZh: string;
  geometry: PolygonGeometry;
}

export interface DemoLayout {
  organisations: DemoOrganisation[];
  streets: DemoOrganisation[];
  communities: DemoCommunityArea[];
  unitGrids: DemoUnitGrid[];
}

export const DEMO_CITY: DemoOrganisation = { id: '110000', kind: 'city', nameZh: '北京市', nameEn: 'Beijing' };
export const DEMO_DISTRICT: DemoOrganisation = {
  id: '110101',
  kind: 'district',
  nameZh: '东城区',
  nameEn: 'Dongcheng District',
  parentId: DEMO_CITY.id,
};

const STREETS: ReadonlyArray<{ code: string; nameZh: string; nameEn: string }> = [
  { code: '110101001', nameZh: '东华门街道', nameEn: 'Donghuamen Subdistrict' },
  { code: '110101002', nameZh: '景山街道', nameEn: 'Jingshan Subdistrict' },
  { code: '110101003', nameZh: '交道口街道', nameEn: 'Jiaodaokou Subdistrict' },
  { code: '110101004', nameZh: '安定门街道', nameEn: 'Andingmen Subdistrict' },
];
const COMMUNITY_ORDINALS = ['一', '二', '三'] as const;

// South-west corner of the block (WGS-84) and a cell of about 150 m × 150 m (≈ 2.2 ha) at this latitude.
const ORIGIN_LNG = 116.3975;
const ORIGIN_LAT = 39.9165;
const CELL_LNG = 0.00175;
const CELL_LAT = 0.00135;
/** Each street is a 6 × 4-cell quadrant, each community a 2 × 4-cell strip of it. */
const STREET_COLUMNS = 6;
const STREET_ROWS = 4;
const COMMUNITY_COLUMNS = 2;

// Neighbouring cells compute shared corners from the same integers, so their edges coincide exactly.
const lngAt = (column: number) => Number((ORIGIN_LNG + column * CELL_LNG).toFixed(7));
const latAt = (row: number) => Number((ORIGIN_LAT + row * CELL_LAT).toFixed(7));

/** A counter-clockwise rectangle (RFC 7946 winding) between cell lines. */
function cellBlock(column: number, row: number, columns: number, rows: number): PolygonGeometry {
  const [west, east, south, north] = [lngAt(column), lngAt(column + columns), latAt(row), latAt(row + rows)];
  return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
}

/** Busy centre A, ring B, edge C: the grade that CJ/T 315 deadlines depend on. */
function areaGradeAt(column: number, row: number): AreaGrade {
  const totalColumns = 2 * STREET_COLUMNS;
  const totalRows = 2 * STREET_ROWS;
  const fromCentre = Math.max(Math.abs(column + 0.5 - totalColumns / 2), Math.abs(row + 0.5 - totalRows / 2));
  if (fromCentre <= 2) return 'A';
  if (fromCentre <= 4) return 'B';
  return 'C';
}

export function demoLayout(): DemoLayout {
  const streets: DemoOrganisation[] = [];
  const organisations: DemoOrganisation[] = [DEMO_CITY, DEMO_DISTRICT];
  const communities: DemoCommunityArea[] = [];
  const unitGrids: DemoUnitGrid[] = [];
  STREETS.forEach((street, streetIndex) => {
    const streetOrganisation: DemoOrganisation = {
      id: street.code,
      kind: 'street',
      nameZh: street.nameZh,
      nameEn: street.nameEn,
      parentId: DEMO_DISTRICT.id,
    };
    streets.push(streetOrganisation);
    organisations.push(streetOrganisation);
    const firstColumn = (streetIndex % 2) * STREET_COLUMNS;
    const firstRow = Math.floor(streetIndex / 2) * STREET_ROWS;
    COMMUNITY_ORDINALS.forEach((ordinal, communityIndex) => {
      const communityId = `${street.code}${String(communityIndex + 1).padStart(3, '0')}`;
      const communityName = `${street.nameZh.replace('街道', '')}${ordinal}社区`;
      organisations.push({
        id: communityId,
        kind: 'community',
        nameZh: communityName,
        nameEn: `${street.nameEn.replace(' Subdistrict', '')} Community ${communityIndex + 1} (demo)`,
        parentId: street.code,
      });
      const column0 = firstColumn + communityIndex * COMMUNITY_COLUMNS;
      communities.push({
        communityId,
        streetId: street.code,
        nameZh: communityName,
        geometry: cellBlock(column0, firstRow, COMMUNITY_COLUMNS, STREET_ROWS),
      });
      for (let row = 0; row < STREET_ROWS; row++) {
        for (let offset = 0; offset < COMMUNITY_COLUMNS; offset++) {
          const sequence = row * COMMUNITY_COLUMNS + offset + 1;
          unitGrids.push({
            code: `${communityId}${String(sequence).padStart(3, '0')}`,
            communityId,
            streetId: street.code,
            nameZh: `${communityName}${sequence}号网格`,
            areaGrade: areaGradeAt(column0 + offset, firstRow + row),
            geometry: cellBlock(column0 + offset, firstRow + row, 1, 1),
          });
        }
      }
    });
  });
  return { organisations, streets, communities, unitGrids };
}

/** The whole schematic district, for sampling positions and for tests that check the grids tile it. */
export const DEMO_EXTENT: PolygonGeometry = cellBlock(0, 0, 2 * STREET_COLUMNS, 2 * STREET_ROWS);
