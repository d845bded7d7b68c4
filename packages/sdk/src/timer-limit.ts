/** The longest delay Node's timers hold, in ms: a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Checks a per-attempt time option: a number of ms above 0 that a Node timer can hold. Returns it, or
 * throws a RangeError naming the option, prefixed with `where` (such as `watchWorkspace: `).
 */
export function checkTimerMs(name: string, value: number, where = ''): number {
  if (!(typeof value === 'number' && value > 0 && value <= MAX_TIMER_MS)) {
    throw new RangeError(
      `${where}\`${name}\` must be a number of ms > 0 and <= ${MAX_TIMER_MS}, got ${value}`,
    );
  }
  return value;
}
