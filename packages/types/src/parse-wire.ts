import type { z } from 'zod';

/** One place where a value did not match its wire type. */
export interface WireIssue {
  /** JSON path of the value, such as `$.tasks[3].current_state.state`. */
  path: string;
  /** What was expected there and what was found, without the value itself. */
  problem: string;
}

/**
 * A value that does not match the Coder wire type it was read as: a missing required field or a wrong
 * type. The message names the wire type, the JSON path and the expected type; it never contains the
 * value that was found, so a token or a prompt cannot leak through it.
 */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
  /** The wire type that was expected, such as `Task`. */
  readonly typeName: string;
  /** Every mismatch, in order. */
  readonly issues: readonly WireIssue[];

  constructor(typeName: string, issues: readonly WireIssue[]) {
    const [first] = issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(
      first
        ? `Invalid ${typeName}: ${first.path}: ${first.problem}${more}`
        : `Invalid ${typeName}: it does not match the expected shape`,
    );
    this.typeName = typeName;
    this.issues = issues;
  }
}

/**
 * Parses `data` as the wire type `typeName` with `schema`. Unknown fields are dropped; a mismatch throws
 * a {@link WireFormatError}.
 */
export function parseWire<S extends z.ZodType>(schema: S, data: unknown, typeName: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new WireFormatError(
    typeName,
    result.error.issues.map((issue) => describeIssue(issue, data)),
  );
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): WireIssue {
  const path = formatJsonPath(issue.path);
  const found = jsonTypeAt(data, issue.path);
  if (found === 'missing') {
    return { path, problem: `required field is missing (${expectedOf(issue)})` };
  }
  return { path, problem: `${expectedOf(issue)}, got ${found}` };
}

function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    // zod's own message for a plain type mismatch includes "received …", which we compute ourselves.
    return issue.message.startsWith('Invalid input') ? `expected ${issue.expected}` : issue.message;
  }
  if (issue.code === 'invalid_union') {
    for (const branch of issue.errors) {
      for (const inner of branch) {
        if (inner.code === 'invalid_type') return `expected ${inner.expected}`;
      }
    }
    return 'expected one of the accepted shapes';
  }
  if (issue.code === 'invalid_value') {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  // Custom messages (UUID, timestamp) are written to say what was expected; zod's built-in messages for
  // the remaining codes (too_big, invalid_format, …) never include the input.
  return issue.message;
}

/** `$`, `.key` for identifier keys, `["key"]` for others, `[n]` for array indices. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function jsonTypeAt(data: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return 'missing';
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value === undefined) return 'missing';
  return typeof value;
}
