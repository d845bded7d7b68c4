import { describe, expect, it } from 'vitest';
import { isTimestamp, TimestampSchema, timestampToEpochNanos } from '../src/index';

// Validation checks a timestamp without building its instant (it runs for every timestamp of every
// response); it must accept exactly what the conversion can read.
describe('timestamp validation agrees with conversion', () => {
  it.each([
    ['2024-02-29T00:00:00Z', true],
    ['2000-02-29T00:00:00Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['1900-02-29T00:00:00Z', false],
    ['2025-04-31T00:00:00Z', false],
    ['2025-04-30T23:59:59.999999999Z', true],
    ['2025-12-31T23:59:59+23:59', true],
    ['2025-12-31T23:59:59+24:00', false],
    ['2025-12-31T23:59:59-00:60', false],
    ['2025-13-01T00:00:00Z', false],
    ['2025-00-10T00:00:00Z', false],
    ['2025-01-00T00:00:00Z', false],
    ['2025-01-01T00:60:00Z', false],
    ['2025-01-01T00:00:60Z', false],
    ['2025-01-01t00:00:00z', true],
  ])('%s → %s', (value, valid) => {
    expect(isTimestamp(value)).toBe(valid);
    expect(TimestampSchema.safeParse(value).success).toBe(valid);
    if (valid) expect(typeof timestampToEpochNanos(value)).toBe('bigint');
    else expect(() => timestampToEpochNanos(value)).toThrow();
  });
});
