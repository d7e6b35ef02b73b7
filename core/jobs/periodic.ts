export interface PeriodicOptions {
  intervalMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Runs `round` now and then `intervalMs` after each round ends; a round that answers true (more work waiting) is
 * followed at once. The returned function stops the loop and waits for the round in progress, so a platform
 * closing its database never cuts a round in half.
 */
export function startPeriodic(round: () => Promise<boolean | void>, options: PeriodicOptions): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();

  const run = async () => {
    timer = null;
    let more = false;
    try {
      more = (await round()) === true;
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) schedule(more ? 0 : options.intervalMs);
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      current = run();
    }, delayMs);
  };

  current = run();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
  };
}
