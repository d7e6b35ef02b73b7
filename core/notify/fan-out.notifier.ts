import type { Notifier } from '../ports/notifier.ts';

/**
 * Delivers through every channel. When one fails the notice fails as a whole and is retried on all of them:
 * the in-app inbox ignores a repeat, a webhook receiver drops it by its delivery header.
 */
export function fanOut(channels: Notifier[]): Notifier {
  return {
    async deliver(notice, context) {
      const failures: string[] = [];
      for (const channel of channels) {
        try {
          await channel.deliver(notice, context);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
      if (failures.length > 0) throw new Error(failures.join('; '));
    },
  };
}
