import { formatTimestamp } from '@coder-tasks/types';

// Record times are integer microseconds, as Postgres keeps them; the wire shows the sub-millisecond digits.

/** Formats a record time (integer microseconds) as Go writes a time.Time. */
export function ts(micros: number): string {
  const ms = Math.floor(micros / 1000);
  return formatTimestamp(new Date(ms), (micros - ms * 1000) * 1000);
}
