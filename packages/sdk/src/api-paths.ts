import type { CoderApiError } from './errors';

const TASK_ROUTE = /^\/api\/(v2|experimental)\/tasks(\/|$)/;

/** One path segment from a caller's value: checked to be a non-empty string, then escaped. */
export function seg(name: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`\`${name}\` must be a non-empty string, got ${JSON.stringify(value)}`);
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
