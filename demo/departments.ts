import { DEMO_DISTRICT, type DemoOrganisation } from './city-layout.ts';

export type DepartmentType = 'city-department' | 'district-department' | 'utility-company' | 'street-office';

export interface DemoDepartment {
  /** Also the user name of the department's demo account. */
  id: string;
  nameZh: string;
  nameEn: string;
  type: DepartmentType;
  /** Set for departments that serve one district; city departments and utilities serve the whole city. */
  districtId?: string;
}

// The mix the seed cities route cases to: city departments, district departments, public-service companies.
const CITY_AND_DISTRICT: readonly DemoDepartment[] = [
  { id: 'municipal', nameZh: '市市政设施管理处', nameEn: 'Municipal Facilities Administration', type: 'city-department' },
  { id: 'landscaping', nameZh: '市园林绿化局', nameEn: 'Landscaping and Greening Bureau', type: 'city-department' },
  { id: 'sanitation', nameZh: '市环境卫生管理中心', nameEn: 'Sanitation Administration Centre', type: 'city-department' },
  { id: 'enforcement', nameZh: '市城市管理综合行政执法局', nameEn: 'Urban Management Enforcement Bureau', type: 'city-department' },
  { id: 'housing', nameZh: '市住房和城乡建设委员会', nameEn: 'Housing and Urban-Rural Development Commission', type: 'city-department' },
  { id: 'transport', nameZh: '市交通委员会', nameEn: 'Transport Commission', type: 'city-department' },
  { id: 'water-affairs', nameZh: '市水务局', nameEn: 'Water Affairs Bureau', type: 'city-department' },
  { id: 'traffic-police', nameZh: '市公安局公安交通管理局', nameEn: 'Traffic Management Bureau', type: 'city-department' },
  ...[
    { id: 'district-urban-management', nameZh: '东城区城市管理委员会', nameEn: 'Dongcheng Urban Management Commission' },
    { id: 'district-landscaping', nameZh: '东城区园林绿化局', nameEn: 'Dongcheng Landscaping Bureau' },
    { id: 'district-housing', nameZh: '东城区住房和城市建设委员会', nameEn: 'Dongcheng Housing and Construction Commission' },
    { id: 'district-market-regulation', nameZh: '东城区市场监督管理局', nameEn: 'Dongcheng Market Regulation Bureau' },
  ].map((department) => ({ ...department, type: 'district-department' as const, districtId: DEMO_DISTRICT.id })),
  { id: 'water-supply', nameZh: '市自来水公司', nameEn: 'Water Supply Company', type: 'utility-company' },
  { id: 'gas', nameZh: '市燃气公司', nameEn: 'Gas Company', type: 'utility-company' },
  { id: 'power-supply', nameZh: '市供电公司', nameEn: 'Power Supply Company', type: 'utility-company' },
  { id: 'heating', nameZh: '市热力公司', nameEn: 'District Heating Company', type: 'utility-company' },
  { id: 'telecom', nameZh: '电信东城分公司', nameEn: 'China Telecom Dongcheng Branch', type: 'utility-company' },
  { id: 'mobile', nameZh: '移动东城分公司', nameEn: 'China Mobile Dongcheng Branch', type: 'utility-company' },
];

export function streetOfficeId(streetId: string): string {
  return `street-${streetId}`;
}

/** Every department of the demo city: the fixed ones above and one street office (街道办事处) per street. */
export function demoDepartments(streets: readonly DemoOrganisation[]): DemoDepartment[] {
  return [
    ...CITY_AND_DISTRICT,
    ...streets.map((street) => ({
      id: streetOfficeId(street.id),
      nameZh: `${street.nameZh}办事处`,
      nameEn: `${street.nameEn} Office`,
      type: 'street-office' as const,
      districtId: DEMO_DISTRICT.id,
    })),
  ];
}
