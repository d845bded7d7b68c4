import type { CoderApiError } from './errors';

const TASK_ROUTE = /^\/api\/(v2|experimental)\/tasks(\/|$)/;

/**
 * One path segment from a caller's or a server's value: checked to be a non-empty string that is not a
 * dot segment, then escaped. encodeURIComponent leaves `.` and `..` as they are and URL resolution then
 * removes them with the segment before, so `..` as a user would send `/api/v2/tasks/../<id>` to
 * `/api/v2/<id>`, another route; an empty segment would likewise name another route.
 */
export function seg(name: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`\`${name}\` must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  if (value === '.' || value === '..') {
    throw new TypeError(
      `\`${name}\` must not be ${JSON.stringify(value)}: a dot segment would leave the route`,
    );
  }
  return encodeURIComponent(value);
}

/** `/api/<tree>/tasks/<user>/<id><suffix>`, each segment checked and escaped. */
export function taskPath(tree: 'v2' | 'experimental', user: string, id: string, suffix = ''): string {
  return `/api/${tree}/tasks/${seg('user', user)}/${seg('id', id)}${suffix}`;
}

/** A task route answered 404 "Route not found.": the server does not serve the Tasks API at all. */
export function isTasksApiMissing(error: CoderApiError, path: string): boolean {
  return error.status === 404 && error.response.message === 'Route not found.' && TASK_ROUTE.test(path);
}
