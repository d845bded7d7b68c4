import type { CreateTaskRequest, TasksFilter } from '@coder-tasks/types';

// Checks of arguments that TypeScript users cannot get wrong but JavaScript users can: each throws a
// TypeError naming the method and the argument before anything is sent, rather than letting a number
// travel as JSON or `[object Object]` end up in a path.

/** `value` as a string; a TypeError for anything else (the empty string is allowed). */
export function checkString(where: string, name: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new TypeError(`${where}: \`${name}\` must be a string, got ${describe(value)}`);
  return value;
}

/** `value` when it is undefined or a string; a TypeError for anything else. */
export function checkOptionalString(where: string, name: string, value: unknown): string | undefined {
  return value === undefined ? undefined : checkString(where, name, value);
}

/** `value` as a plain object (not null, not an array); a TypeError for anything else. */
export function checkObject(where: string, name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: \`${name}\` must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Checks that each of `keys` of `object` is undefined or a string. */
export function checkOptionalStrings(
  where: string,
  name: string,
  object: Record<string, unknown>,
  keys: readonly string[],
): void {
  for (const key of keys) checkOptionalString(where, `${name}.${key}`, object[key]);
}

/** `value` when it is a number of ms above 0; a RangeError naming the method and option otherwise. */
export function checkPositiveMs(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0))
    throw new RangeError(`${where}: \`${name}\` must be a number of ms > 0, got ${value}`);
  return value;
}

/** `signal` when it is undefined or an AbortSignal; a TypeError for anything else. */
export function checkSignal(where: string, signal: unknown): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  throw new TypeError(`${where}: \`signal\` must be an AbortSignal, got ${describe(signal)}`);
}

/** A create request whose fields have the types the server reads. */
export function checkCreateTaskRequest(request: CreateTaskRequest): CreateTaskRequest {
  const fields = checkObject('createTask', 'request', request);
  checkString('createTask', 'request.template_version_id', fields.template_version_id);
  checkOptionalStrings('createTask', 'request', fields, [
    'input',
    'name',
    'display_name',
    'template_version_preset_id',
  ]);
  return request;
}

/** An absent filter, or one whose fields are strings. */
export function checkTasksFilter(filter: TasksFilter | undefined): TasksFilter | undefined {
  if (filter === undefined) return undefined;
  const fields = checkObject('listTasks', 'filter', filter);
  checkOptionalStrings('listTasks', 'filter', fields, ['owner', 'organization', 'status', 'filter_query']);
  return filter;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
