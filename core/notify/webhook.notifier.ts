import { createHmac, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { Notifier, OutboxNotice } from '../ports/notifier.ts';

export interface WebhookOptions {
  url: string;
  /** Shared with the receiver, which checks the signature with `verifyWebhookSignature`. */
  secret: string;
  timeoutMs?: number;
  clock?: Clock;
}

export const signatureHeader = 'x-citycase-signature';
export const timestampHeader = 'x-citycase-timestamp';
export const deliveryHeader = 'x-citycase-delivery';

/** HMAC-SHA256 over "<timestamp>.<body>": the timestamp is signed too, so a receiver can refuse old replays. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The JSON a receiver gets: the notice as queued, its case facts in `payload`. */
export function webhookBody(notice: OutboxNotice): string {
  const { id, kind, caseId, recipient, payload, createdAt, dedupeKey } = notice;
  return JSON.stringify({ id, kind, caseId, recipient, payload, createdAt, dedupeKey });
}

/**
 * POSTs each notice as signed JSON. Anything but a 2xx answer within the timeout is a failure the outbox retries,
 * so a receiver may see a notice twice: the delivery header (the notice's dedupe key) lets it drop the repeat.
 */
export function createWebhookNotifier(options: WebhookOptions): Notifier {
  const timeoutMs = options.timeoutMs ?? 5000;
  const clock = options.clock ?? systemClock;
  const post = async (init: RequestInit) => {
    try {
      return await fetch(options.url, init);
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new Error(`webhook ${options.url} unreachable: ${reason}`);
    }
  };
  return {
    async deliver(notice) {
      const body = webhookBody(notice);
      const timestamp = String(Math.floor(clock.now().getTime() / 1000));
      const response = await post({
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [timestampHeader]: timestamp,
          [signatureHeader]: webhookSignature(options.secret, timestamp, body),
          [deliveryHeader]: notice.dedupeKey,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`webhook ${options.url} answered ${response.status}`);
    },
  };
}
