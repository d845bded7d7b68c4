import { type CreateTaskRequestBody, goTrimSpace, type Task, timestampToDate } from '@coder-tasks/types';
import type { AttemptHistory, CallOptions } from './client-options';
import type { CoderApiError } from './errors';
import { headerValue, type RawResponse } from './response-body';

/**
 * Slack when comparing a task's `created_at` with the first create attempt: the `Date` header counts
 * whole seconds, and the database clock that stamps `created_at` may differ a little from coderd's.
 */
export const CREATE_CLOCK_TOLERANCE_MS = 5_000;

/**
 * The first attempt's send time on the server's clock (see {@link AttemptHistory}): the `Date` of `raw`
 * minus the time elapsed here since `firstSent` (a `performance.now()` reading), so the client's clock
 * skew does not matter; the local clock when the server sent no `Date`.
 */
export function attemptHistory(raw: RawResponse, firstSent: number): AttemptHistory {
  const date = Date.parse(headerValue(raw.headers, 'date') ?? '');
  const serverNow = Number.isNaN(date) ? Date.now() : date;
  return { firstSentServerTime: serverNow - (performance.now() - firstSent) };
}

/**
 * Whether `existing`, found under the name a create met 409 for, is the task an earlier attempt of that
 * create made: the same template version, prompt and display name (when one was asked for), and created
 * after the first attempt was sent, so an older task that happens to match is never passed off as new.
 */
export function isTaskFromThisCreate(
  existing: Task,
  body: CreateTaskRequestBody,
  history: AttemptHistory,
): boolean {
  // The server trims a display name with Go's strings.TrimSpace and makes one up when nothing is left.
  const displayName = goTrimSpace(body.display_name ?? '');
  const sameRequest =
    existing.template_version_id === body.template_version_id &&
    existing.initial_prompt === body.input &&
    (displayName === '' || goTrimSpace(existing.display_name) === displayName);
  const createdAt = timestampToDate(existing.created_at).getTime();
  return sameRequest && createdAt >= history.firstSentServerTime - CREATE_CLOCK_TOLERANCE_MS;
}

/** What the recovery needs of the client: a task by owner and name (an interface, so no import cycle). */
export interface TaskByName {
  getTaskByOwnerAndName(owner: string, name: string, options?: CallOptions): Promise<Task>;
}

/**
 * After a named create that may have landed unseen meets 409 "already exists": the task an earlier
 * attempt made, if the task under that name is really it (see {@link isTaskFromThisCreate}).
 */
export async function findCreatedTask(
  client: TaskByName,
  user: string,
  body: CreateTaskRequestBody,
  error: CoderApiError,
  history: AttemptHistory,
  options: CallOptions | undefined,
): Promise<{ value: Task } | undefined> {
  if (error.status !== 409 || !body.name) return undefined;
  const existing = await client.getTaskByOwnerAndName(user, body.name, options).catch((lookup: unknown) => {
    if (options?.signal?.aborted) throw lookup;
    return undefined; // the 409 itself is the better error to show
  });
  return existing && isTaskFromThisCreate(existing, body, history) ? { value: existing } : undefined;
}
