import type { SampleRule } from './third-party-review-score.ts';

/** mulberry32: a small seeded generator, so a round's stored seed draws the same sample on any machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

/** How many of a department's `closed` cases the rule draws: a rate still draws one, so no department escapes. */
export function sampleSizeOf(rule: SampleRule, closed: number): number {
  if (closed === 0) return 0;
  const wanted = 'perDepartment' in rule ? rule.perDepartment : Math.max(1, Math.round(rule.rate * closed));
  return Math.min(wanted, closed);
}

export interface ClosedCase {
  caseId: string;
  departmentId: string;
}

export interface Assignment extends ClosedCase {
  reviewerId: number;
}

/**
 * Draws the sample stratified by department and hands each case to `reviewersPerCase` different reviewers in
 * turn, so the load is even. Inputs are sorted first: the same seed, cases and reviewers give the same result
 * whatever order the database returned them in.
 */
export function drawSample(
  input: { seed: number; rule: SampleRule; reviewersPerCase: number },
  cases: readonly ClosedCase[],
  reviewerIds: readonly number[],
): Assignment[] {
  const random = seededRandom(input.seed);
  const byDepartment = new Map<string, string[]>();
  for (const c of [...cases].sort((a, b) => a.caseId.localeCompare(b.caseId))) {
    byDepartment.set(c.departmentId, [...(byDepartment.get(c.departmentId) ?? []), c.caseId]);
  }
  const sample = [...byDepartment.keys()].sort().flatMap((departmentId) => {
    const ids = byDepartment.get(departmentId) ?? [];
    return shuffled(ids, random).slice(0, sampleSizeOf(input.rule, ids.length)).map((caseId) => ({ caseId, departmentId }));
  });
  const reviewers = shuffled([...new Set(reviewerIds)].sort((a, b) => a - b), random);
  const perCase = Math.min(input.reviewersPerCase, reviewers.length);
  return sample.flatMap((c, index) =>
    Array.from({ length: perCase }, (_, offset) => ({ ...c, reviewerId: reviewers[(index + offset) % reviewers.length] as number })),
  );
}
