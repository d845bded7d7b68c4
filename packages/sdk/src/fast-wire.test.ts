import { isTimestamp, UuidSchema } from '@coder-tasks/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid, isWellFormedTimestamp } from './fast-wire';

// The hand-written checks must answer exactly as the types package's: a UUID as `UuidSchema`, a
// timestamp as `isTimestamp`, on well-formed values, near misses and noise.

const digitsSwapped = (s: string) =>
  fc
    .tuple(
      fc.nat({ max: s.length - 1 }),
      fc.constantFrom('0', '9', 'a', 'Z', 'z', 't', '-', ':', '.', '+', ' '),
    )
    .map(([at, c]) => s.slice(0, at) + c + s.slice(at + 1));
const iso = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const goTimestamp = fc.oneof(
  iso,
  iso.map((s) => s.replace('.000Z', 'Z')),
  fc.tuple(iso, fc.stringMatching(/^\d{1,10}$/)).map(([s, frac]) => `${s.slice(0, 19)}.${frac}Z`),
  iso.map((s) => `${s.slice(0, 19)}+02:00`),
  fc.constantFrom(
    '2026-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
  ),
  fc.constantFrom(
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-01-01T23:59:60Z',
    '2026-01-00T00:00:00Z',
  ),
  fc.constantFrom('2026-01-01t00:00:00z', '2026-01-01T00:00:00.Z', '2026-01-01T00:00:00.1234567890Z'),
);
const uuidLike = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
);

describe('the fast readers’ value checks', () => {
  it('accept exactly the timestamps isTimestamp accepts', () => {
    const anything = fc.oneof(goTimestamp, goTimestamp.chain(digitsSwapped), fc.string(), fc.anything());
    fc.assert(
      fc.property(anything, (v) => isWellFormedTimestamp(v) === (typeof v === 'string' && isTimestamp(v))),
      { numRuns: 20_000 },
    );
  });

  it('accept exactly the UUIDs UuidSchema accepts', () => {
    const anything = fc.oneof(uuidLike, uuidLike.chain(digitsSwapped), fc.string(), fc.anything());
    fc.assert(
      fc.property(anything, (v) => isUuid(v) === UuidSchema.safeParse(v).success),
      { numRuns: 20_000 },
    );
  });

  it('tell the common forms apart', () => {
    expect(isWellFormedTimestamp('2026-11-29T11:03:12.563Z')).toBe(true);
    expect(isWellFormedTimestamp('2026-02-29T11:03:12Z')).toBe(false);
    expect(isUuid('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77')).toBe(true);
    expect(isUuid('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c7g')).toBe(false);
  });
});
