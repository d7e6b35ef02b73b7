import type { PolygonGeometry } from '../core/geo/geometry.ts';
import { DEMO_DISTRICT, DEMO_EXTENT, demoLayout, type DemoLayout } from './city-layout.ts';
import { demoComponents, type DemoComponent } from './components.ts';
import { demoDepartments, streetOfficeId, type DemoDepartment } from './departments.ts';
import { demoUsers, type DemoUser } from './users.ts';

export interface DemoResponsibilityGrid {
  /** 15 digits: the community's code and 000, the sequence no unit grid uses. */
  code: string;
  nameZh: string;
  departmentId: string;
  streetId: string;
  geometry: PolygonGeometry;
}

export interface DemoCity extends DemoLayout {
  departments: DemoDepartment[];
  responsibilityGrids: DemoResponsibilityGrid[];
  users: DemoUser[];
  components: DemoComponent[];
}

/**
 * Everything `citycase seed-demo` loads, computed without I/O. Responsibility grids follow the seeds'
 * practice of one per community, in the charge of the street office (以街道办事处为责任网格).
 */
export function demoCity(): DemoCity {
  const layout = demoLayout();
  const departments = demoDepartments(layout.streets);
  const streetName = new Map(layout.streets.map((street) => [street.id, street.nameZh]));
  const responsibilityGrids = layout.communities.map(
    (community): DemoResponsibilityGrid => ({
      code: `${community.communityId}000`,
      nameZh: `${community.nameZh}责任网格`,
      departmentId: streetOfficeId(community.streetId),
      streetId: community.streetId,
      geometry: community.geometry,
    }),
  );
  const patrolAreas = responsibilityGrids.map((grid) => ({
    code: grid.code,
    streetId: grid.streetId,
    streetNameZh: streetName.get(grid.streetId) ?? grid.streetId,
  }));
  return {
    ...layout,
    departments,
    responsibilityGrids,
    users: demoUsers(departments, patrolAreas),
    components: demoComponents(DEMO_DISTRICT.id, DEMO_EXTENT, layout.unitGrids),
  };
}
