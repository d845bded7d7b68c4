/** The longest task name Coder accepts (it is also the workspace name). */
export const TASK_NAME_MAX_LENGTH = 32;
/** The longest display name Coder accepts, in UTF-8 bytes after trimming spaces. */
export const TASK_DISPLAY_NAME_MAX_BYTES = 64;

const NAME_PATTERN = /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/;

/** Why the server would reject a name: the `message` and `detail` of its 400 `Response`. */
export interface NameProblem {
  message: string;
  detail?: string;
}

/**
 * Checks a task name with Coder's `codersdk.NameValid`, returning the server's 400 message and detail, or
 * undefined when the name is valid. Length is counted in bytes, as Go's `len` does.
 */
export function validateTaskName(name: string): NameProblem | undefined {
  const detail = taskNameDetail(name);
  return detail === undefined
    ? undefined
    : { message: 'Unable to create a Task with the provided name.', detail };
}

function taskNameDetail(name: string): string | undefined {
  const bytes = utf8Length(name);
  if (bytes > TASK_NAME_MAX_LENGTH) return `must be <= ${TASK_NAME_MAX_LENGTH} characters`;
  if (bytes < 1) return 'must be >= 1 character';
  // Route names that a task name would shadow; the check is case-sensitive in Go.
  if (name === 'new' || name === 'create') return `cannot use "${name}" as a name`;
  if (!NAME_PATTERN.test(name)) return 'must be alphanumeric with hyphens';
  return undefined;
}

/**
 * Checks a display name as the create route does: at most 64 bytes after trimming. An empty one is
 * valid (the server generates one). Returns the server's 400 message, or undefined when valid.
 */
export function validateTaskDisplayName(displayName: string): NameProblem | undefined {
  if (utf8Length(goTrimSpace(displayName)) > TASK_DISPLAY_NAME_MAX_BYTES) {
    return { message: `Display name must be ${TASK_DISPLAY_NAME_MAX_BYTES} characters or less.` };
  }
  return undefined;
}

/** Length of a string in UTF-8 bytes (what Go's `len` counts). */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    // A lone surrogate is encoded as U+FFFD (3 bytes), as TextEncoder and Go's conversion do.
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

// Go's strings.TrimSpace trims Unicode White_Space, which differs from String.prototype.trim (that also
// trims U+FEFF and does not trim U+0085).
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING = new RegExp(`^[${GO_SPACE}]+`);
const TRAILING = new RegExp(`[${GO_SPACE}]+$`);

/** Trims white space as Go's `strings.TrimSpace` does. */
export function goTrimSpace(value: string): string {
  return value.replace(LEADING, '').replace(TRAILING, '');
}
