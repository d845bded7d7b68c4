import { isTimestamp } from '@coder-tasks/types';

// Hand-written readers for the largest answers (a task list, a page of chat messages), where zod's ~1 µs
// per field-rich object made validation the biggest part of a call. A reader handles the shapes coderd
// writes and gives up on anything it is not sure of; the caller then runs the zod schema, so errors and
// every rare shape stay exactly the schema's. Each field kind below mirrors one schema construct of
// packages/types, and the readers' tests check them against the schemas on generated input. The input
// is always a JSON value (a decoded body): it never holds `undefined`, so an undefined field is absent.

/** How a field reads. */
export type FieldKind =
  /** `z.string()`, or an `openEnum` (any string, kept as sent). */
  | 'string'
  | 'uuid'
  | 'int'
  | 'boolean'
  | 'timestamp'
  /** `z.string().optional()` and the like: absent stays absent, `null` is refused. */
  | 'optional-string'
  | 'optional-int'
  /** `X.nullable()`: `null` or the value; the key is required. */
  | 'nullable-string'
  | 'nullable-uuid'
  /** `z.string().default('')`, `z.number().int().default(0)`, `z.boolean().default(false)`. */
  | 'string-or-empty'
  | 'int-or-zero'
  | 'boolean-or-false'
  /** `z.string().nullable().default(null)`: absent or `null` read as `null`. */
  | 'string-or-null'
  /** `goOmitted(X)`: absent stays absent, `null` reads as a present `undefined`. */
  | 'omitted-string'
  | 'omitted-boolean'
  | 'omitted-int'
  | 'omitted-timestamp'
  | 'omitted-uuid'
  /** `goOmitted` of anything else: only absent or `null` are handled here. */
  | 'omitted-other'
  /** `UuidSchema.nullable().default(null)`. */
  | 'uuid-or-null'
  /** `z.unknown().optional()`: kept as sent, by reference. */
  | 'unknown';

/** The fields of one object, in the schema's order (the order the output is built in, as zod does). */
export type Fields = readonly (readonly [string, FieldKind])[];

/** What a reader answers when it leaves the input to the schema. */
export const GIVE_UP = Symbol('give up');
/** A reader's output object. */
export type Out = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export const isObject = (v: unknown): v is Out => typeof v === 'object' && v !== null && !Array.isArray(v);

/** zod's `z.guid()` check (`UuidSchema`), by hand: a regex per id was half of reading a task. */
export function isUuid(v: unknown): boolean {
  if (typeof v !== 'string' || v.length !== 36) return false;
  if (
    v.charCodeAt(8) !== 45 ||
    v.charCodeAt(13) !== 45 ||
    v.charCodeAt(18) !== 45 ||
    v.charCodeAt(23) !== 45
  ) {
    return false; // the dashes
  }
  return hexRun(v, 0, 8) && hexRun(v, 9, 13) && hexRun(v, 14, 18) && hexRun(v, 19, 23) && hexRun(v, 24, 36);
}

// 1 for the ASCII codes of [0-9a-fA-F].
const HEX = Uint8Array.from({ length: 128 }, (_, c) => (/[0-9a-fA-F]/.test(String.fromCharCode(c)) ? 1 : 0));

function hexRun(v: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = v.charCodeAt(k);
    if (c >= 128 || HEX[c] === 0) return false;
  }
  return true;
}

// zod 4's `.int()` is the safe-integer range.
export const isInt = (v: unknown) => Number.isSafeInteger(v);

function valueOk(kind: FieldKind, v: unknown): boolean {
  switch (kind) {
    case 'string':
    case 'optional-string':
    case 'nullable-string':
    case 'string-or-empty':
    case 'string-or-null':
    case 'omitted-string':
      return typeof v === 'string';
    case 'uuid':
    case 'nullable-uuid':
    case 'omitted-uuid':
    case 'uuid-or-null':
      return isUuid(v);
    case 'int':
    case 'optional-int':
    case 'int-or-zero':
    case 'omitted-int':
      return isInt(v);
    case 'boolean':
    case 'boolean-or-false':
    case 'omitted-boolean':
      return typeof v === 'boolean';
    case 'timestamp':
    case 'omitted-timestamp':
      return isWellFormedTimestamp(v);
    default:
      return false;
  }
}

/** Copies `key` of `input` into `out` as the schema would; false to give up. */
export function readField(input: Out, out: Out, key: string, kind: FieldKind): boolean {
  const v = input[key];
  if (v === undefined) {
    // Absent: the input is JSON, which has no undefined.
    switch (kind) {
      case 'string-or-empty':
        out[key] = '';
        return true;
      case 'int-or-zero':
        out[key] = 0;
        return true;
      case 'boolean-or-false':
        out[key] = false;
        return true;
      case 'uuid-or-null':
      case 'string-or-null':
        out[key] = null;
        return true;
      case 'optional-string':
      case 'optional-int':
      case 'omitted-string':
      case 'omitted-boolean':
      case 'omitted-int':
      case 'omitted-timestamp':
      case 'omitted-uuid':
      case 'omitted-other':
      case 'unknown':
        return true;
      default:
        return false; // a required field
    }
  }
  if (v === null) {
    switch (kind) {
      case 'nullable-string':
      case 'nullable-uuid':
      case 'uuid-or-null':
      case 'string-or-null':
      case 'unknown':
        out[key] = null;
        return true;
      case 'omitted-string':
      case 'omitted-boolean':
      case 'omitted-int':
      case 'omitted-timestamp':
      case 'omitted-uuid':
      case 'omitted-other':
        out[key] = undefined;
        return true;
      default:
        return false;
    }
  }
  if (kind !== 'unknown' && !valueOk(kind, v)) return false;
  out[key] = v;
  return true;
}

// Value readers for the hand-unrolled hot objects (a message part, a task), whose property reads and
// writes are written out by name: V8 then reads JSON.parse's objects through inline caches, four times
// faster than a loop over key names. Each returns the output value or GIVE_UP.

/** `z.string()` (or an open enum). */
export const str = (v: unknown) => (typeof v === 'string' ? v : GIVE_UP);
/**
 * `TimestampSchema`'s check. The form coderd writes (`YYYY-MM-DDTHH:MM:SS[.fraction]Z`) is checked by
 * hand, the same checks as the types package's; anything else (an offset, a lower-case `t`) goes to
 * `isTimestamp` itself.
 */
export function isWellFormedTimestamp(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const n = v.length;
  if (n < 20 || n > 30 || v.charCodeAt(n - 1) !== 90 /* Z */ || !utcForm(v, n)) return isTimestamp(v);
  const month = num(v, 5, 2);
  const day = num(v, 8, 2);
  if (month < 1 || month > 12 || day < 1 || num(v, 11, 2) > 23 || num(v, 14, 2) > 59) return false;
  return num(v, 17, 2) <= 59 && day <= daysInMonth(num(v, 0, 4), month);
}

// `dddd-dd-ddTdd:dd:dd` then nothing or `.` and 1–9 digits, then the final `Z`.
function utcForm(v: string, n: number): boolean {
  for (let k = 0; k < 19; k++) {
    const c = v.charCodeAt(k);
    const want = k === 4 || k === 7 ? 45 : k === 10 ? 84 : k === 13 || k === 16 ? 58 : -1;
    if (want >= 0 ? c !== want : c < 48 || c > 57) return false;
  }
  if (n === 20) return true;
  if (v.charCodeAt(19) !== 46 || n < 22) return false;
  for (let k = 20; k < n - 1; k++) {
    const c = v.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function num(v: string, at: number, len: number): number {
  let out = 0;
  for (let k = at; k < at + len; k++) out = out * 10 + v.charCodeAt(k) - 48;
  return out;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `z.number().int()`. */
export const int = (v: unknown) => (isInt(v) ? v : GIVE_UP);
/** `UuidSchema`. */
export const uuid = (v: unknown) => (isUuid(v) ? v : GIVE_UP);
/** `z.string().nullable()` (or a nullable open enum). */
export const strOrNullRequired = (v: unknown) => (v === null ? null : typeof v === 'string' ? v : GIVE_UP);
/** `UuidSchema.nullable()`. */
export const uuidOrNullRequired = (v: unknown) => (v === null ? null : isUuid(v) ? v : GIVE_UP);
/** `TimestampSchema`. */
export const timestamp = (v: unknown) => (isWellFormedTimestamp(v) ? v : GIVE_UP);
/** `z.string().default('')`. */
export const strOrEmpty = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : GIVE_UP);
/** `z.boolean().default(false)`. */
export const boolOrFalse = (v: unknown) => (v === undefined ? false : typeof v === 'boolean' ? v : GIVE_UP);
/** `z.string().nullable().default(null)`. */
export const strOrNull = (v: unknown) =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : GIVE_UP;
/** `z.number().int().default(0)`. */
export const intOrZero = (v: unknown) => (v === undefined ? 0 : isInt(v) ? v : GIVE_UP);
/** `UuidSchema.nullable().default(null)`. */
export const uuidOrNull = (v: unknown) => (v === undefined || v === null ? null : isUuid(v) ? v : GIVE_UP);
/** A present value of `goOmitted(X)`: `null` reads as undefined; `ok` says whether X accepts it. */
export const omitted = (v: unknown, ok: (v: unknown) => boolean) =>
  v === null ? undefined : ok(v) ? v : GIVE_UP;
export const isString = (v: unknown) => typeof v === 'string';
export const isBoolean = (v: unknown) => typeof v === 'boolean';

/** Reads `fields` of `input` into `out`, in order; false to give up. */
export function readFields(input: Out, out: Out, fields: Fields): boolean {
  for (const [key, kind] of fields) if (!readField(input, out, key, kind)) return false;
  return true;
}

/** The object `input` read field by field, or GIVE_UP. Unknown keys are dropped, as zod does. */
export function readObject(input: unknown, fields: Fields): Out | typeof GIVE_UP {
  if (!isObject(input)) return GIVE_UP;
  const out: Out = {};
  return readFields(input, out, fields) ? out : GIVE_UP;
}

/** `schema.nullable()` of an object read by `read`: `null`, the object, or GIVE_UP (also when absent). */
export function readNullable(
  v: unknown,
  read: (v: unknown) => Out | typeof GIVE_UP,
): Out | null | typeof GIVE_UP {
  return v === null ? null : read(v);
}

/** `z.array(item)`; with `orEmpty` (`goSlice`), absent or `null` read as `[]`. */
export function readArray(
  input: Out,
  key: string,
  item: (v: unknown) => Out | typeof GIVE_UP,
  orEmpty: boolean,
): Out[] | typeof GIVE_UP {
  const v = input[key];
  if (v === undefined || v === null) return orEmpty ? [] : GIVE_UP;
  if (!Array.isArray(v)) return GIVE_UP;
  const out: Out[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const parsed = item(v[i]);
    if (parsed === GIVE_UP) return GIVE_UP;
    out[i] = parsed;
  }
  return out;
}
