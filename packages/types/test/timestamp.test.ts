import { describe, expect, it } from 'vitest';
import {
  compareTimestamps,
  formatTimestamp,
  isTimestamp,
  TimestampSchema,
  timestampToDate,
  timestampToEpochNanos,
} from '../src/index';

describe('timestamps as Go writes them', () => {
  it.each([
    ['2025-08-26T12:34:56Z', 1756211696000000000n],
    ['2025-08-26T12:34:56.5Z', 1756211696500000000n],
    ['2025-08-26T12:34:56.123456789Z', 1756211696123456789n],
    ['2025-08-26T14:34:56.123456789+02:00', 1756211696123456789n],
    ['2025-08-26T07:04:56.000000001-05:30', 1756211696000000001n],
    ['1969-12-31T23:59:59.999999999Z', -1n],
    ['0001-01-01T00:00:00Z', -62135596800000000000n],
  ])('%s is the exact instant %s ns', (value, nanos) => {
    expect(TimestampSchema.parse(value)).toBe(value);
    expect(timestampToEpochNanos(value)).toBe(nanos);
  });

  it.each([
    '2025-08-26 12:34:56Z',
    '2025-08-26T12:34:56',
    '2025-08-26T12:34:56.1234567890Z',
    '2025-02-30T00:00:00Z',
    '2025-08-26T24:00:00Z',
    '2025-08-26T12:34:56+2:00',
    '',
  ])('rejects %j', (value) => {
    expect(isTimestamp(value)).toBe(false);
    expect(TimestampSchema.safeParse(value).success).toBe(false);
  });

  it('compares instants exactly across offsets and below a millisecond', () => {
    expect(compareTimestamps('2025-08-26T14:34:56.123456789+02:00', '2025-08-26T12:34:56.123456789Z')).toBe(
      0,
    );
    expect(compareTimestamps('2025-08-26T12:34:56.123456788Z', '2025-08-26T12:34:56.123456789Z')).toBe(-1);
    expect(compareTimestamps('2025-08-26T12:34:57+00:01', '2025-08-26T12:33:58Z')).toBe(-1);
    expect(compareTimestamps('2025-08-26T12:34:56.9Z', '2025-08-26T12:34:56.89999Z')).toBe(1);
  });

  it('converts to a Date by truncating below the millisecond', () => {
    expect(timestampToDate('2025-08-26T12:34:56.123999999Z').toISOString()).toBe('2025-08-26T12:34:56.123Z');
    expect(timestampToDate('2025-08-26T14:34:56+02:00').toISOString()).toBe('2025-08-26T12:34:56.000Z');
  });

  it('formats like Go: fraction trimmed of trailing zeros, Z suffix', () => {
    expect(formatTimestamp(new Date('2025-08-26T12:34:56.000Z'))).toBe('2025-08-26T12:34:56Z');
    expect(formatTimestamp(new Date('2025-08-26T12:34:56.120Z'))).toBe('2025-08-26T12:34:56.12Z');
    expect(formatTimestamp(new Date('2025-08-26T12:34:56.120Z'), 4500)).toBe('2025-08-26T12:34:56.1200045Z');
    const formatted = formatTimestamp(new Date('2026-01-02T03:04:05.006Z'), 7);
    expect(timestampToEpochNanos(formatted)).toBe(1767323045006000007n);
  });
});
