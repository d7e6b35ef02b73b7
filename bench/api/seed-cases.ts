import { json, type Database, type Sql } from '../../core/ports/database.ts';
import type { StandardsCatalog } from '../../core/ports/standards.ts';
import { progress } from '../figures.ts';

/**
 * A city's case archive for read benchmarks, written directly in SQL (generate_series), not through the engine:
 * driving a million lifecycles would take hours and measure the engine, not the reads. The rows are shaped like
 * the platform's own: every status of the lifecycle in realistic shares (most cases closed, ~13% open), open cases
 * recent and closed ones spread over two years, departments and classes skewed (a few get most of the cases),
 * locations inside their unit grid, a history of one event per step taken, and an open user task for every case
 * waiting at a user task (the task the lifecycle diagram would hold it at), so inboxes are as full as they would be,
 * plus a completed task for every step behind it, so the open tasks are a small part of user_task as in a live city.
 * The cases have no engine instance: reads never touch one, and nothing acts on these cases.
 */

/** Status, its kind, its share of all cases, where the diagram waits (if at a user task), and the steps behind it. */
const statusPlan: Array<{ status: string; kind: string; share: number; dispatched: boolean; task?: [element: string, name: string, group: string, form: string]; steps: string[] }> = [
  { status: 'closed', kind: 'closed', share: 0.8, dispatched: true, steps: ['report', 'register', 'dispatch', 'handle', 'verify', 'close'] },
  { status: 'rejected', kind: 'closed', share: 0.03, dispatched: false, steps: ['report', 'reject'] },
  { status: 'merged', kind: 'closed', share: 0.01, dispatched: false, steps: ['report', 'merge'] },
  { status: 'voided', kind: 'voided', share: 0.02, dispatched: true, steps: ['report', 'register', 'dispatch', 'void'] },
  { status: 'suspended', kind: 'suspended', share: 0.01, dispatched: true, task: ['Task_Resume', '挂账恢复', 'department', 'resume-case'], steps: ['report', 'register', 'dispatch', 'suspend'] },
  { status: 'reported', kind: 'open', share: 0.01, dispatched: false, task: ['Task_Confirm', '受理核实', 'acceptor', 'confirm-report'], steps: ['report'] },
  { status: 'confirmed', kind: 'open', share: 0.005, dispatched: false, task: ['Task_RegisterDecision', '立案审核', 'shift-leader', 'register-decision'], steps: ['report', 'confirm'] },
  { status: 'registered', kind: 'open', share: 0.01, dispatched: false, task: ['Task_Dispatch', '派遣', 'dispatcher', 'dispatch'], steps: ['report', 'register'] },
  { status: 'handling', kind: 'open', share: 0.07, dispatched: true, task: ['Task_Handle', '处置', 'department', 'handle-case'], steps: ['report', 'register', 'dispatch'] },
  { status: 'extension-requested', kind: 'open', share: 0.005, dispatched: true, task: ['Task_ApproveExtension', '延期审批', 'dispatcher', 'approval'], steps: ['report', 'register', 'dispatch', 'request-extension'] },
  { status: 'verifying', kind: 'open', share: 0.02, dispatched: true, task: ['Task_Verify', '核查', 'collector', 'verify'], steps: ['report', 'register', 'dispatch', 'handle'] },
  { status: 'verified', kind: 'open', share: 0.005, dispatched: true, task: ['Task_CloseDecision', '结案审核', 'shift-leader', 'close-case'], steps: ['report', 'register', 'dispatch', 'handle', 'verify'] },
  { status: 'verification-failed', kind: 'open', share: 0.005, dispatched: true, task: ['Task_Handle', '处置', 'department', 'handle-case'], steps: ['report', 'register', 'dispatch', 'handle', 'verify'] },
];

/** The user task each step completed (a report is not a task): completed tasks stay in user_task, as the engine keeps them. */
const stepTasks: Record<string, [element: string, name: string, group: string, form: string]> = {
  confirm: ['Task_Confirm', '受理核实', 'acceptor', 'confirm-report'],
  register: ['Task_RegisterDecision', '立案审核', 'shift-leader', 'register-decision'],
  reject: ['Task_RegisterDecision', '立案审核', 'shift-leader', 'register-decision'],
  merge: ['Task_Confirm', '受理核实', 'acceptor', 'confirm-report'],
  dispatch: ['Task_Dispatch', '派遣', 'dispatcher', 'dispatch'],
  handle: ['Task_Handle', '处置', 'department', 'handle-case'],
  'request-extension': ['Task_Handle', '处置', 'department', 'handle-case'],
  suspend: ['Task_ApproveSuspension', '挂账审批', 'dispatcher', 'approval'],
  verify: ['Task_Verify', '核查', 'collector', 'verify'],
  close: ['Task_CloseDecision', '结案审核', 'shift-leader', 'close-case'],
  void: ['Task_ApproveVoid', '作废审批', 'dispatcher', 'approval'],
};

/** Adds departments (and one department user each, sharing the demo password) until there are `total`. */
export async function addDepartments(db: Database, total: number): Promise<void> {
  await db.transaction(async (sql) => {
    await sql.query(
      `INSERT INTO department (id, name_zh, name_en, type)
       SELECT 'bench-dept-' || lpad(n::text, 3, '0'), '基准部门' || n, 'Benchmark department ' || n, 'city-department'
         FROM generate_series(1, greatest(0, $1::int - (SELECT count(*)::int FROM department))) n`,
      [total],
    );
    await sql.query(
      `INSERT INTO app_user (username, display_name, password_hash, department_id, demo)
       SELECT d.id, d.name_zh, (SELECT password_hash FROM app_user WHERE username = 'admin'), d.id, true
         FROM department d WHERE d.id LIKE 'bench-dept-%'`,
    );
    await sql.query(
      `INSERT INTO user_role (user_id, role) SELECT id, 'department' FROM app_user WHERE username LIKE 'bench-dept-%'`,
    );
  });
}

/** The lookup tables the generator draws from, numbered from 0 so a random index picks a row. */
async function createLookups(sql: Sql, catalog: StandardsCatalog): Promise<{ grids: number; classes: number; departments: number }> {
  const classes = (['component', 'event'] as const).flatMap((kind) =>
    catalog.classes('gbt47678', kind).map((c) => ({ code: c.code, name: c.nameZh, kind })),
  ).map((c, i) => ({ ...c, i }));
  await sql.query(
    `CREATE TABLE bench_class AS
     SELECT i, code, name, kind FROM jsonb_to_recordset($1::jsonb) AS r(i int, code text, name text, kind text)`,
    [json(classes)],
  );
  await sql.query(
    `CREATE TABLE bench_status AS
     SELECT status, kind, dispatched, element_id, task_name, task_group, form_id, steps,
            sum(share) OVER (ORDER BY n) - share AS lo, sum(share) OVER (ORDER BY n) AS hi
       FROM jsonb_to_recordset($1::jsonb)
            AS r(n int, status text, kind text, share float8, dispatched boolean, element_id text, task_name text, task_group text,
                 form_id text, steps text[])`,
    [json(statusPlan.map(({ task, ...plan }, n) => ({ ...plan, n, element_id: task?.[0], task_name: task?.[1], task_group: task?.[2], form_id: task?.[3] })))],
  );
  await sql.query(
    `CREATE TABLE bench_step_task AS
     SELECT action, element_id, task_name, task_group, form_id
       FROM jsonb_to_recordset($1::jsonb) AS r(action text, element_id text, task_name text, task_group text, form_id text)`,
    [json(Object.entries(stepTasks).map(([action, [element_id, task_name, task_group, form_id]]) => ({ action, element_id, task_name, task_group, form_id })))],
  );
  // The unit grid's street and community names, and a responsibility grid containing its centre (collectors' scope).
  await sql.query(
    `CREATE TABLE bench_grid AS
     SELECT (row_number() OVER (ORDER BY g.code) - 1)::int AS i, g.code, g.area_grade, g.min_lng, g.max_lng, g.min_lat, g.max_lat,
            c.name_zh AS community, s.name_zh AS street,
            (SELECT array_agg(r.code::text) FROM responsibility_grid r
              WHERE (g.min_lng + g.max_lng) / 2 BETWEEN r.min_lng AND r.max_lng AND (g.min_lat + g.max_lat) / 2 BETWEEN r.min_lat AND r.max_lat)
              AS responsibility_grids
       FROM unit_grid g JOIN organisation c ON c.id = g.community_id LEFT JOIN organisation s ON s.id = c.parent_id`,
  );
  // Demo departments first: with the skewed draw below they are the busiest, as city-wide departments are.
  await sql.query(
    `CREATE TABLE bench_department AS
     SELECT (row_number() OVER (ORDER BY id LIKE 'bench-dept-%', id) - 1)::int AS i, id FROM department`,
  );
  const { rows } = await sql.query<{ grids: number; classes: number; departments: number }>(
    `SELECT (SELECT count(*)::int FROM bench_grid) AS grids, (SELECT count(*)::int FROM bench_class) AS classes,
            (SELECT count(*)::int FROM bench_department) AS departments`,
  );
  return rows[0]!;
}

const sources = ['collector', 'collector', 'collector', 'collector', 'collector', 'collector', 'collector', 'collector', 'collector', 'collector',
  'collector', 'collector', 'hotline', 'hotline', 'hotline', 'hotline', 'citizen', 'wechat', 'app', 'video'];

async function insertBatch(sql: Sql, from: number, to: number, sizes: { grids: number; classes: number; departments: number }): Promise<void> {
  // Squared uniform draws skew classes and departments: index 0 is the most frequent.
  await sql.query(
    `CREATE TABLE bench_batch AS
     WITH draw AS (
       SELECT g, gen_random_uuid()::text AS id, random() AS rs, random() AS rt, random() AS rx, random() AS ry, random() AS rd, random() AS ru,
              floor(random() * $3)::int AS gi, floor(power(random(), 2) * $4)::int AS ci, floor(power(random(), 2) * $5)::int AS di,
              ($6::text[])[1 + floor(random() * array_length($6::text[], 1))::int] AS source
         FROM generate_series($1::int, $2::int) g
     ), dated AS (
       SELECT d.*, s.status, s.kind, s.dispatched, s.element_id, s.task_name, s.task_group, s.form_id, s.steps,
              CASE WHEN s.kind IN ('open', 'suspended') THEN now() - d.rt * interval '30 days'
                   ELSE now() - interval '30 days' - d.rt * interval '700 days' END AS reported_at
         FROM draw d JOIN bench_status s ON d.rs >= s.lo AND d.rs < s.hi
     )
     SELECT d.*, gr.code AS grid_code, gr.street, gr.community, gr.area_grade, gr.responsibility_grids,
            gr.min_lng + d.rx * (gr.max_lng - gr.min_lng) AS lng, gr.min_lat + d.ry * (gr.max_lat - gr.min_lat) AS lat,
            cl.code AS class_code, cl.name AS class_name, cl.kind AS class_kind,
            CASE WHEN d.dispatched THEN dp.id END AS department_id,
            CASE WHEN d.dispatched THEN d.reported_at + interval '1 hour' END AS dispatched_at,
            CASE WHEN d.dispatched THEN d.reported_at + interval '1 hour' + (1 + floor(d.rd * 7)) * interval '1 day' END AS deadline,
            CASE WHEN d.kind IN ('closed', 'voided') THEN d.reported_at + d.rd * interval '8 days' END AS closed_at
       FROM dated d JOIN bench_grid gr ON gr.i = d.gi JOIN bench_class cl ON cl.i = d.ci JOIN bench_department dp ON dp.i = d.di`,
    [from, to, sizes.grids, sizes.classes, sizes.departments, sources],
  );
  await sql.query(
    `INSERT INTO "case" (id, case_number, source, class_scheme, class_code, class_name, class_kind, description, lng, lat, address,
                         grid_code, street, community, area_grade, urgency, status, status_kind, department_id, deadline, overdue,
                         supervised, dispatch_count, reported_at, registered_at, dispatched_at, closed_at, updated_at, responsibility_grids)
     SELECT id, to_char(reported_at, 'YYYYMMDD') || lpad(g::text, 8, '0'), source, 'gbt47678', class_code, class_name, class_kind,
            class_name || '，请尽快处理（' || g || '）', lng, lat, coalesce(street, '') || coalesce(community, '') || '附近',
            grid_code, street, community, area_grade, CASE WHEN ru < 0.05 THEN 'urgent' ELSE 'normal' END, status, kind, department_id,
            deadline, deadline IS NOT NULL AND deadline < coalesce(closed_at, now()), dispatched AND ru > 0.98,
            CASE WHEN dispatched THEN 1 ELSE 0 END, reported_at,
            CASE WHEN 'register' = ANY(steps) THEN reported_at + interval '20 minutes' END, dispatched_at, closed_at,
            coalesce(closed_at, dispatched_at, reported_at), coalesce(responsibility_grids, '{}')
       FROM bench_batch`,
  );
  // The history as the platform writes it, so the evaluation can be computed from it: a dispatch names the
  // department and its deadline, the hand-in is a feedback, collectors report and verify under their own ids, and
  // the steps after dispatch lead up to the closing, so some hand-ins are on time and some late.
  await sql.query(
    `WITH collectors AS (
       SELECT array_agg(u.id ORDER BY u.id) AS ids, array_agg(u.display_name ORDER BY u.id) AS names
         FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'collector'
     )
     INSERT INTO case_event (case_id, at, actor_id, actor_name, actor_role, action, from_status, to_status, comment, data)
     SELECT b.id,
            CASE WHEN b.closed_at IS NOT NULL AND e.k > array_position(b.steps, 'dispatch')
                 THEN greatest(b.closed_at - (cardinality(b.steps) - e.k) * interval '30 minutes', b.dispatched_at + interval '10 minutes')
                 ELSE b.reported_at + (e.k - 1) * interval '30 minutes' END,
            CASE WHEN e.action IN ('report', 'verify') AND (e.action = 'verify' OR b.source = 'collector') THEN c.ids[1 + floor(b.rx * cardinality(c.ids))::int] END,
            CASE WHEN e.action IN ('report', 'verify') AND (e.action = 'verify' OR b.source = 'collector') THEN c.names[1 + floor(b.rx * cardinality(c.names))::int] ELSE '基准' END,
            CASE WHEN e.action IN ('report', 'verify') AND (e.action = 'verify' OR b.source = 'collector') THEN 'collector' ELSE 'bench' END,
            CASE e.action WHEN 'handle' THEN 'feedback' ELSE e.action END, NULL, NULL,
            CASE WHEN e.k = 1 THEN b.class_name END,
            CASE WHEN e.action = 'dispatch' THEN jsonb_build_object('departmentId', b.department_id, 'deadline', b.deadline) ELSE '{}'::jsonb END
       FROM bench_batch b CROSS JOIN collectors c CROSS JOIN LATERAL unnest(b.steps) WITH ORDINALITY AS e(action, k)`,
  );
  await sql.query(
    `INSERT INTO user_task (task_key, instance_key, execution_id, business_key, process_id, process_version, element_id, name,
                            candidate_groups, due_at, form_id, created_at)
     SELECT b.task_key, b.task_key, b.element_id || '_' || b.task_key, b.id, 'case-lifecycle', 1, b.element_id, b.task_name,
            jsonb_build_array(CASE b.task_group WHEN 'department' THEN 'department:' || b.department_id ELSE b.task_group END),
            coalesce(b.deadline, b.reported_at + interval '1 day'), b.form_id, coalesce(b.dispatched_at, b.reported_at)
       FROM (SELECT *, nextval('engine_key_seq') AS task_key FROM bench_batch WHERE element_id IS NOT NULL) b`,
  );
  await sql.query(
    `INSERT INTO user_task (task_key, instance_key, execution_id, business_key, process_id, process_version, element_id, name,
                            candidate_groups, due_at, form_id, created_at, status, ended_at, completed_by)
     SELECT b.task_key, b.task_key, b.element_id || '_' || b.task_key, b.id, 'case-lifecycle', 1, b.element_id, b.task_name,
            jsonb_build_array(CASE b.task_group WHEN 'department' THEN 'department:' || b.department_id ELSE b.task_group END),
            b.at + interval '1 day', b.form_id, b.at - interval '30 minutes', 'completed', b.at, b.task_group
       FROM (SELECT b.id, b.department_id, t.*, b.reported_at + (e.k - 1) * interval '30 minutes' AS at, nextval('engine_key_seq') AS task_key
               FROM bench_batch b CROSS JOIN LATERAL unnest(b.steps) WITH ORDINALITY AS e(action, k)
               JOIN bench_step_task t ON t.action = e.action) b`,
  );
  await sql.query('DROP TABLE bench_batch');
}

/** Bulk-inserts `total` cases (with history and open tasks); returns when the planner has fresh statistics. */
export async function seedCases(db: Database, catalog: StandardsCatalog, total: number): Promise<void> {
  const sizes = await db.transaction((sql) => createLookups(sql, catalog));
  const batch = 50_000;
  for (let from = 1; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1);
    await db.transaction((sql) => insertBatch(sql, from, to, sizes));
    progress(`inserted cases up to ${to} of ${total}`);
  }
  await db.exec('DROP TABLE bench_class, bench_status, bench_step_task, bench_grid, bench_department');
  // What autovacuum would eventually do on a server; PGlite has none at all.
  await db.exec('VACUUM ANALYZE');
}
