import { json } from '../../../core/ports/database.ts';
import type { PublishMessage } from '../../../core/ports/engine.ts';
import { advance, lockInstance, type StepContext } from './instance-step.ts';
import { nextKey } from './keys.ts';

/**
 * Correlates a message to every instance with an open subscription for its name and correlation key (one wait
 * per instance), or buffers it for its time to live. A message id seen within its time to live is a no-op.
 */
export async function publish(ctx: StepContext, message: PublishMessage): Promise<void> {
  const now = ctx.clock.now();
  const ttl = Math.max(0, message.timeToLiveMs ?? 0);
  await ctx.sql.query('DELETE FROM engine_message WHERE name = $1 AND expires_at <= $2', [message.name, now]);
  const { rows: stored } = await ctx.sql.query<{ message_key: string }>(
    `INSERT INTO engine_message (message_key, name, correlation_key, message_id, variables, published_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING message_key::text`,
    [await nextKey(ctx.sql), message.name, message.correlationKey, message.messageId ?? null, json(message.variables ?? {}), now, new Date(now.getTime() + ttl)],
  );
  const messageKey = stored[0]?.message_key;
  if (!messageKey) return;
  const { rows: subscriptions } = await ctx.sql.query<{ instance_key: string }>(
    `SELECT DISTINCT instance_key::text FROM engine_message_subscription
      WHERE message_name = $1 AND correlation_key = $2 ORDER BY 1`,
    [message.name, message.correlationKey],
  );
  let correlated = false;
  for (const { instance_key: instanceKey } of subscriptions) {
    const row = await lockInstance(ctx.sql, instanceKey);
    // Read again under the lock: a step that committed meanwhile may have closed the subscription.
    const { rows } = await ctx.sql.query<{ execution_id: string }>(
      `SELECT execution_id FROM engine_message_subscription
        WHERE instance_key = $1 AND message_name = $2 AND correlation_key = $3 ORDER BY execution_id LIMIT 1`,
      [instanceKey, message.name, message.correlationKey],
    );
    const subscription = rows[0];
    if (!subscription) continue;
    await advance(ctx, row, (live) => {
      live.assignVariables(message.variables ?? {});
      live.signal(subscription.execution_id);
    });
    ctx.touched.add(instanceKey);
    correlated = true;
  }
  if (correlated) await ctx.sql.query('UPDATE engine_message SET correlated_at = $2 WHERE message_key = $1', [messageKey, now]);
}

/**
 * Fires the most overdue timer whose instance no one else holds. The instance is resumed (its timers are
 * recorded, not armed) and the recorded timer is triggered; if the engine already fired it while resuming, the
 * step simply saves that. Returns false when nothing is due.
 */
export async function fireNextTimer(ctx: StepContext): Promise<boolean> {
  const now = ctx.clock.now();
  const { rows } = await ctx.sql.query<{ instance_key: string; execution_id: string }>(
    `SELECT t.instance_key::text, t.execution_id FROM engine_timer t JOIN engine_instance i ON i.instance_key = t.instance_key
      WHERE t.due_at <= $1 ORDER BY t.due_at LIMIT 1 FOR UPDATE OF i SKIP LOCKED`,
    [now],
  );
  const due = rows[0];
  if (!due) return false;
  const row = await lockInstance(ctx.sql, due.instance_key);
  const { rows: still } = await ctx.sql.query('SELECT 1 FROM engine_timer WHERE instance_key = $1 AND execution_id = $2 AND due_at <= $3', [
    due.instance_key,
    due.execution_id,
    now,
  ]);
  if (still.length === 0) return true;
  await advance(ctx, row, (live) => {
    live.fireTimer(due.execution_id);
  });
  ctx.touched.add(due.instance_key);
  return true;
}
