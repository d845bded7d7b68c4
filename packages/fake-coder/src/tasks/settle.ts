import { ManualClock } from '../world/clock';
import type { World } from '../world/world';

const MANUAL_STEP_LIMIT = 10_000;

/**
 * Resolves once `condition` holds. With the manual clock it steps the clock to each next due callback
 * until then (tests never sleep); with the real clock it re-checks on every state change and every 10 ms.
 */
export async function waitUntil(
  world: World,
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const clock = world.clock;
  if (clock instanceof ManualClock) {
    for (let step = 0; step < MANUAL_STEP_LIMIT; step++) {
      if (condition()) return;
      const due = clock.nextDue();
      if (due === undefined) break;
      clock.advance(Math.max(0, due - clock.now()));
    }
    if (condition()) return;
    throw new Error(`gave up waiting for ${what}: nothing scheduled on the manual clock will make it happen`);
  }
  if (condition()) return;
  await new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (!condition()) return;
      cleanup();
      resolve();
    };
    const unsubscribe = world.onAnyChange(check);
    const poll = setInterval(check, 10);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    function cleanup(): void {
      unsubscribe();
      clearInterval(poll);
      clearTimeout(timer);
    }
  });
}
