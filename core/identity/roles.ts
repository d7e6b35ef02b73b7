/** The roles of the platform; the zh-CN names are what the UI shows. */
export const roles = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  acceptor: { zh: '受理员', en: 'Acceptor' },
  'shift-leader': { zh: '值班长', en: 'Shift leader' },
  dispatcher: { zh: '派遣员', en: 'Dispatcher' },
  department: { zh: '专业部门', en: 'Department handler' },
  'department-head': { zh: '部门负责人', en: 'Department head' },
  collector: { zh: '监督员', en: 'Collector' },
  leader: { zh: '领导', en: 'Leader' },
  citizen: { zh: '市民', en: 'Citizen' },
  reviewer: { zh: '第三方考评员', en: 'Third-party reviewer' },
} as const;

export type Role = keyof typeof roles;

/** Whom a third-party reviewer (第三方考评员) sits for; every reviewer has one. */
export const reviewerKinds = {
  deputy: { zh: '人大代表', en: "Deputy to the People's Congress" },
  'cppcc-member': { zh: '政协委员', en: 'CPPCC member' },
  'citizen-representative': { zh: '市民代表', en: "Citizens' representative" },
} as const;

export type ReviewerKind = keyof typeof reviewerKinds;

export const reviewerKindNames = Object.keys(reviewerKinds) as ReviewerKind[];

export const roleNames = Object.keys(roles) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(roles, value);
}

/** Who is calling: a signed-in user, or a machine channel holding an API key. */
export interface Principal {
  kind: 'user' | 'api-key';
  /** The user id, or the API key id. */
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  /** Set for department roles: the one department the caller acts for. */
  departmentId: string | null;
  /** Set for collectors: the responsibility grids they patrol. */
  gridCodes: string[];
  /** Set for API keys: the channel the key reports from. */
  channel?: string;
}

export function hasRole(principal: Principal, ...wanted: Role[]): boolean {
  return principal.roles.some((role) => wanted.includes(role));
}
