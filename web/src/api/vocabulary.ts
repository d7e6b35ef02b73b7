/**
 * Closed lists the API validates against, repeated here because their server modules also hold Node-only code.
 * test/e2e/locales.test.ts fails when they drift from the server's.
 */
export const departmentTypes = ['city-department', 'district-department', 'utility-company', 'street-office'] as const;
export type DepartmentType = (typeof departmentTypes)[number];

export const apiKeyChannels = ['video', 'iot', 'hotline', 'wechat', 'app', 'open311'] as const;
export type ApiKeyChannel = (typeof apiKeyChannels)[number];
