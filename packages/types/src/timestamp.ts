import { z } from 'zod';

// Go writes time.Time as RFC 3339 with up to nine fractional digits (trailing zeros trimmed) and either
// `Z` or a numeric offset. JavaScript's Date keeps only milliseconds, so timestamps stay strings on the
// wire types and these helpers compare them exactly.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** The parts of an RFC 3339 timestamp, or undefined when the string is not one. */
function parseParts(value: string): { epochSeconds: bigint; nanos: bigint } | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return undefined;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  let epochSeconds = BigInt(utc.getTime() / 1000);
  if (sign !== undefined) {
    const offset = BigInt(Number(oh) * 3600 + Number(om) * 60);
    epochSeconds = sign === '+' ? epochSeconds - offset : epochSeconds + offset;
  }
  const nanos = BigInt((frac ?? '').padEnd(9, '0') || '0');
  return { epochSeconds, nanos };
}

/**
 * The same check as `parseParts(value) !== undefined`, without building the instant: validation runs
 * for every timestamp of every response (three per task, thousands in a list), and the BigInt and Date
 * work of parseParts made it the largest part of reading a task list.
 */
function isWellFormed(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s, , , , oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return false;
  if (day > daysInMonth(Number(y), month)) return false;
  return oh === undefined || (Number(oh) <= 23 && Number(om) <= 59);
}

/** Days in `month` (1–12) of the proleptic Gregorian `year`, as Go's time package counts them. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A date-time as Go's `time.Time` writes it to JSON (RFC 3339, nanoseconds, `Z` or an offset). */
export const TimestampSchema = z.string().refine(isWellFormed, {
  error: 'expected an RFC 3339 timestamp such as "2025-08-26T12:34:56.123456789Z"',
});

/** An RFC 3339 timestamp string exactly as the server sent it. */
export type Timestamp = z.infer<typeof TimestampSchema>;

/** True when `value` is an RFC 3339 timestamp as Go writes them. */
export function isTimestamp(value: string): boolean {
  return isWellFormed(value);
}

/** The exact instant of a timestamp, in nanoseconds since the Unix epoch. Throws on a malformed string. */
export function timestampToEpochNanos(value: string): bigint {
  const parts = parseParts(value);
  if (!parts) throw new TypeError('expected an RFC 3339 timestamp');
  return parts.epochSeconds * 1_000_000_000n + parts.nanos;
}

/** The instant as a Date (milliseconds: sub-millisecond digits are dropped, never rounded up). */
export function timestampToDate(value: string): Date {
  const nanos = timestampToEpochNanos(value);
  const ms = nanos >= 0n ? nanos / 1_000_000n : -((-nanos + 999_999n) / 1_000_000n);
  return new Date(Number(ms));
}

/** Compares two timestamps by their exact instant: negative, zero or positive, like a sort comparator. */
export function compareTimestamps(a: string, b: string): number {
  const x = timestampToEpochNanos(a);
  const y = timestampToEpochNanos(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Formats an instant the way Go's `time.Time.MarshalJSON` does in UTC: trailing zeros of the fraction
 * trimmed, `Z` suffix. `extraNanos` (0 to 999,999) adds sub-millisecond precision to a Date.
 */
export function formatTimestamp(date: Date, extraNanos = 0): string {
  const iso = date.toISOString(); // 2025-08-26T12:34:56.789Z
  const base = iso.slice(0, 19);
  const ms = date.getUTCMilliseconds();
  const fraction = String(ms * 1_000_000 + extraNanos)
    .padStart(9, '0')
    .replace(/0+$/, '');
  return fraction ? `${base}.${fraction}Z` : `${base}Z`;
}
