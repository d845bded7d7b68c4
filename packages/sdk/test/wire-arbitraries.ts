import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { FieldKind, Fields } from '../src/fast-wire';

// Generated wire objects for the fast readers' equivalence tests: for each field kind, values coderd
// writes and the near misses a field can meet (null, wrong types, bad UUIDs and timestamps, unsafe
// integers, absent), plus unknown keys.

export const uuid = fc.uuid();
export const timestamp = fc.constantFrom(
  '2026-11-29T11:03:12.563Z',
  '2025-08-26T12:34:56.123456789+02:00',
  '2026-02-29T00:00:00Z',
  '2024-02-29T23:59:59.1-07:30',
);
const int = fc.integer();
/** A value of the wrong kind or form for most fields: null, wrong types, bad UUIDs and timestamps, unsafe integers. */
export const nearMiss = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string(),
  fc.constantFrom(2 ** 53, 1.5, Number.NaN, 7),
  fc.constantFrom('00000000-0000-0000-0000-00000000000G', '', '2026-02-30T00:00:00Z', 'yesterday'),
  fc.constant([]),
  fc.constant({}),
);

const valueFor: Record<FieldKind, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.constantFrom('text', 'tool-call', 'running', 'failure', 'active'), fc.string()),
  uuid,
  int,
  boolean: fc.boolean(),
  timestamp,
  'optional-string': fc.string(),
  'optional-int': int,
  'nullable-string': fc.option(fc.string(), { nil: null }),
  'nullable-uuid': fc.option(uuid, { nil: null }),
  'string-or-empty': fc.string(),
  'int-or-zero': int,
  'boolean-or-false': fc.boolean(),
  'string-or-null': fc.option(fc.string(), { nil: null }),
  'omitted-string': fc.string(),
  'omitted-boolean': fc.boolean(),
  'omitted-int': int,
  'omitted-timestamp': timestamp,
  'omitted-uuid': uuid,
  'omitted-other': fc.oneof(
    { weight: 1, arbitrary: fc.array(fc.array(fc.string(), { maxLength: 2 }), { maxLength: 2 }) },
    { weight: 10, arbitrary: fc.constant(null) },
  ),
  'uuid-or-null': uuid,
  unknown: fc.jsonValue({ maxDepth: 2 }),
};

const REQUIRED = new Set<FieldKind>([
  'string',
  'uuid',
  'int',
  'boolean',
  'timestamp',
  'nullable-string',
  'nullable-uuid',
]);

/**
 * Objects with `fields`: each one absent, well-typed or a near miss (weights `absent`/`good`/`miss`;
 * custom arbitraries for some keys in `custom`), plus unknown keys.
 */
export function objectOf(
  fields: Fields,
  weights: { absent: number; good: number; miss: number },
  custom: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const keys = [...fields.map(([key]) => key), ...Object.keys(custom)];
  const values = [
    ...fields.map(([, kind]) =>
      fc.oneof(
        // A required field is seldom left out, or hardly any object would be valid.
        { weight: REQUIRED.has(kind) ? 1 : weights.absent, arbitrary: fc.constant(undefined) },
        { weight: weights.good, arbitrary: valueFor[kind] },
        { weight: weights.miss, arbitrary: nearMiss },
      ),
    ),
    ...Object.values(custom),
  ];
  const extra = fc.dictionary(fc.constantFrom('unknown_field', 'future'), fc.jsonValue({ maxDepth: 1 }));
  return fc.tuple(fc.tuple(...values), extra).map(([generated, more]) => {
    const out: Record<string, unknown> = { ...more };
    keys.forEach((key, i) => {
      if (generated[i] !== undefined) out[key] = generated[i];
    });
    return out;
  });
}

/** A list of items, or absent or `null`. */
export function sliceOf<T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[] | null | undefined> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 8, arbitrary: fc.array(item, { maxLength: 3 }) },
  );
}

/**
 * Whether a fast reader agrees with the schema on `input`: it gave up, or it returned exactly what the
 * schema returns (same values, same keys present or absent, same key order).
 */
export function agrees(
  fast: (data: unknown) => unknown,
  schema: { safeParse(data: unknown): { success: boolean; data?: unknown } },
  input: unknown,
): boolean {
  const quick = fast(input);
  if (quick === undefined) return true;
  const slow = schema.safeParse(input);
  return (
    slow.success && isDeepStrictEqual(quick, slow.data) && JSON.stringify(quick) === JSON.stringify(slow.data)
  );
}
