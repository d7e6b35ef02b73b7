/**
 * Zeebe 8.8 has no business key on a process instance, so the case id travels as this root variable: workers,
 * user tasks and incidents find their case through it.
 */
export const BUSINESS_KEY_VARIABLE = 'caseId';
