import { z } from 'zod';

// Go's encoding/json writes a nil slice or map as `null` even without omitempty, and an older server may
// not send a field a newer one always sends. Both read as the empty value a Go client would see.
// Unions and transforms (rather than z.preprocess) keep the schemas' input types exact.

const nullAsAbsent = z.null().transform(() => undefined);

/** A Go slice: `null` or an absent key reads as `[]`. */
export function goSlice<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);
}

/** A Go `map[string]V`: `null` or an absent key reads as `{}`. */
export function goMap<T extends z.ZodType>(value: T) {
  return z
    .record(z.string(), value)
    .nullish()
    .transform((map) => map ?? {});
}

/**
 * A field Go leaves out when it is empty (`omitempty` on a pointer, string or slice): absent, and also
 * `null` (which an older server or a hand-written client may send), read as absent.
 */
export function goOmitted<T extends z.ZodType>(schema: T) {
  return z.union([nullAsAbsent, schema]).optional();
}

/**
 * An omitempty enum a request may also send as `""` or `null`: Go decodes all three as "not set".
 */
export function goOmittedEnum<T extends z.ZodType>(schema: T) {
  return z.union([nullAsAbsent, z.literal('').transform(() => undefined), schema]).optional();
}
