import type { Clock } from '../ports/clock.ts';
import type { Notifier } from '../ports/notifier.ts';
import { fanOut } from './fan-out.notifier.ts';
import { createInAppNotifier, type InAppNotifierDeps } from './in-app.notifier.ts';
import { createWebhookNotifier } from './webhook.notifier.ts';

/**
 * The channels notices go out on: always the in-app inbox; a webhook too when CITYCASE_WEBHOOK_URL is set
 * (signed with CITYCASE_WEBHOOK_SECRET, which is then required; CITYCASE_WEBHOOK_TIMEOUT_MS, default 5000).
 */
export function notifierFromEnv(env: NodeJS.ProcessEnv, deps: InAppNotifierDeps & { clock: Clock }): Notifier {
  const channels: Notifier[] = [createInAppNotifier(deps)];
  const url = env.CITYCASE_WEBHOOK_URL;
  if (url) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new Error(`CITYCASE_WEBHOOK_URL must be an http(s) URL, not "${url}"`);
    }
    const secret = env.CITYCASE_WEBHOOK_SECRET;
    if (!secret) throw new Error('CITYCASE_WEBHOOK_URL is set: CITYCASE_WEBHOOK_SECRET must be set too, to sign the notices');
    const timeoutMs = env.CITYCASE_WEBHOOK_TIMEOUT_MS ? Number(env.CITYCASE_WEBHOOK_TIMEOUT_MS) : undefined;
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
      throw new Error(`CITYCASE_WEBHOOK_TIMEOUT_MS must be a positive whole number of milliseconds, not "${env.CITYCASE_WEBHOOK_TIMEOUT_MS}"`);
    }
    channels.push(createWebhookNotifier({ url, secret, timeoutMs, clock: deps.clock }));
  }
  return channels.length === 1 ? (channels[0] as Notifier) : fanOut(channels);
}
