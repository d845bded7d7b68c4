import { getState, saveState } from './runner-commands';

// What the main step leaves for the post step (GitHub passes saved state to it as STATE_* variables).
const COMMENT_ID = 'comment-id';
const FINISHED = 'finished';
const RUN_URL = 'run-url';
const TASK_NAME = 'task-name';
const TASK_URL = 'task-url';

/** What the post step needs to say that a run was cancelled. */
export interface SavedRun {
  commentId: number | undefined;
  finished: boolean;
  runUrl: string;
  taskName: string | undefined;
  taskUrl: string | undefined;
}

/** Saves the comment (and later the task) so a cancelled run can still be reported by the post step. */
export function saveRunState(values: {
  commentId?: number;
  runUrl?: string;
  taskName?: string;
  taskUrl?: string;
  finished?: boolean;
}): void {
  if (values.commentId !== undefined) saveState(COMMENT_ID, String(values.commentId));
  if (values.runUrl !== undefined) saveState(RUN_URL, values.runUrl);
  if (values.taskName !== undefined) saveState(TASK_NAME, values.taskName);
  if (values.taskUrl !== undefined) saveState(TASK_URL, values.taskUrl);
  if (values.finished) saveState(FINISHED, 'true');
}

/** Reads what {@link saveRunState} saved. */
export function loadRunState(): SavedRun {
  const id = Number(getState(COMMENT_ID));
  return {
    commentId: Number.isSafeInteger(id) && id > 0 ? id : undefined,
    finished: getState(FINISHED) === 'true',
    runUrl: getState(RUN_URL),
    taskName: getState(TASK_NAME) || undefined,
    taskUrl: getState(TASK_URL) || undefined,
  };
}
