import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkNoun } from './render-comment';
import * as core from './runner-commands';

// What the main step leaves for the post step (GitHub passes saved state to it as STATE_* variables).
const COMMENT_ID = 'comment-id';
const FINISHED = 'finished';
const RUN_URL = 'run-url';
const TASK_NAME = 'task-name';
const TASK_URL = 'task-url';
const FINAL_BODY_FILE = 'final-body-file';
const NOUN = 'noun';

/** What the post step needs to say that a run was cancelled, or to write the final comment it could not. */
export interface SavedRun {
  commentId: number | undefined;
  finished: boolean;
  runUrl: string;
  taskName: string | undefined;
  taskUrl: string | undefined;
  /** What does the work (`task` or `chat`), once the main step chose; undefined before. */
  noun: WorkNoun | undefined;
  /** The final comment the main step could not write, when it saved one. */
  finalBody: string | undefined;
}

/**
 * Saves the comment (and later the task) so a cancelled run can still be reported by the post step.
 * `finished` must be saved only once the final comment is on the thread: the post step then does nothing.
 */
export function saveRunState(values: {
  commentId?: number;
  runUrl?: string;
  taskName?: string;
  taskUrl?: string;
  noun?: WorkNoun;
  finished?: boolean;
}): void {
  if (values.commentId !== undefined) core.saveState(COMMENT_ID, String(values.commentId));
  if (values.runUrl !== undefined) core.saveState(RUN_URL, values.runUrl);
  if (values.taskName !== undefined) core.saveState(TASK_NAME, values.taskName);
  if (values.taskUrl !== undefined) core.saveState(TASK_URL, values.taskUrl);
  if (values.noun !== undefined) core.saveState(NOUN, values.noun);
  if (values.finished) core.saveState(FINISHED, 'true');
}

/**
 * Records how the final comment went. Written: the run is finished. Not written: the body is kept for
 * the post step (in a file under `RUNNER_TEMP`, since up to 65,536 characters could pass the size an
 * environment variable may have), and the step fails, saying that the comment is stale.
 */
export function saveFinalWrite(unwritten: string | undefined, runnerTemp = process.env.RUNNER_TEMP): void {
  if (unwritten === undefined) {
    saveRunState({ finished: true });
    return;
  }
  const file = join(runnerTemp || tmpdir(), `coder-tasks-final-${crypto.randomUUID()}.md`);
  writeFileSync(file, unwritten, { mode: 0o600 });
  core.saveState(FINAL_BODY_FILE, file);
  core.setFailed(
    'The status comment could not be updated with the result, so it is stale: it still shows an earlier state. The post step will try again.',
  );
}

/** Reads what {@link saveRunState} and {@link saveFinalWrite} saved. */
export function loadRunState(): SavedRun {
  const id = Number(core.getState(COMMENT_ID));
  return {
    commentId: Number.isSafeInteger(id) && id > 0 ? id : undefined,
    finished: core.getState(FINISHED) === 'true',
    runUrl: core.getState(RUN_URL),
    taskName: core.getState(TASK_NAME) || undefined,
    taskUrl: core.getState(TASK_URL) || undefined,
    noun: nounOf(core.getState(NOUN)),
    finalBody: readSaved(core.getState(FINAL_BODY_FILE)),
  };
}

function nounOf(saved: string): WorkNoun | undefined {
  return saved === 'task' || saved === 'chat' ? saved : undefined;
}

function readSaved(file: string): string | undefined {
  if (file === '') return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
