import type { Trigger } from './event';
import { buildPrompt } from './prompt';
import { displayNameFor, taskNameFor } from './task-naming';
import type { Thread } from './thread';

/** What the task is created with (or, for an existing task, sent). */
export interface TaskRequest {
  name: string;
  displayName: string;
  input: string;
}

/** The repository and run the request comes from. */
export interface RunContext {
  owner: string;
  repo: string;
  runId: string;
}

/** Turns a trigger and its thread into the task's name, display name and prompt (pure). */
export function taskRequestFor(
  trigger: Trigger,
  thread: Thread | undefined,
  prefix: string,
  where: RunContext,
): TaskRequest {
  return {
    name: taskNameFor({
      prefix,
      owner: where.owner,
      repo: where.repo,
      number: thread?.number,
      runId: where.runId,
    }),
    displayName: displayNameFor(thread?.number, thread?.title ?? trigger.request.split('\n')[0] ?? ''),
    input: buildPrompt({
      repository: `${where.owner}/${where.repo}`,
      requester: trigger.actor.login,
      request: trigger.request,
      instructions: trigger.instructions,
      requestUrl: trigger.comment?.url,
      thread: thread && { ...thread, kind: thread.isPullRequest ? 'pull request' : 'issue' },
    }),
  };
}
