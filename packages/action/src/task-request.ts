import type { Trigger } from './event';
import { buildPrompt } from './prompt';
import { sanitizeUntrusted } from './sanitize';
import { displayNameFor, taskNameFor } from './task-naming';
import type { Thread } from './thread';

/** What a chat is created with (or, for the thread's existing chat, sent). */
export interface ChatRequest {
  /** The user message: the prompt without the workflow's standing instructions. */
  message: string;
  /** The workflow's standing instructions (the `prompt` input with a comment trigger), if any. */
  systemPrompt: string | undefined;
  /** The labels that find the thread's chat again: `gh-repo`, and `gh-thread` when there is a thread. */
  labels: Record<string, string>;
  /** A label only this run's create carries, so a create whose answer was lost is found again. */
  runLabel: { key: string; value: string };
}

/** What the task is created with (or, for an existing task, sent), and the same for a chat. */
export interface TaskRequest {
  name: string;
  displayName: string;
  input: string;
  chat: ChatRequest;
}

/** The repository and run the request comes from. */
export interface RunContext {
  owner: string;
  repo: string;
  runId: string;
}

/** Turns a trigger and its thread into the task's name, display name and prompt, and the chat's (pure). */
export function taskRequestFor(
  trigger: Trigger,
  thread: Thread | undefined,
  prefix: string,
  where: RunContext,
): TaskRequest {
  const prompt = {
    repository: `${where.owner}/${where.repo}`,
    requester: trigger.actor.login,
    request: trigger.request,
    requestUrl: trigger.comment?.url,
    thread: thread && {
      ...thread,
      kind: thread.isPullRequest ? ('pull request' as const) : ('issue' as const),
    },
  };
  const repository = `${where.owner}/${where.repo}`;
  const instructions = trigger.instructions?.trim() ? trigger.instructions : undefined;
  return {
    name: taskNameFor({
      prefix,
      owner: where.owner,
      repo: where.repo,
      number: thread?.number,
      runId: where.runId,
    }),
    displayName: displayNameFor(thread?.number, thread?.title ?? trigger.request.split('\n')[0] ?? ''),
    input: buildPrompt({ ...prompt, instructions: trigger.instructions }),
    chat: {
      // coderd adds a create's system_prompt to its own system prompts (tagged as the API caller's), so
      // the workflow's standing instructions go there, once, and each message is only the request.
      message: buildPrompt(prompt),
      systemPrompt:
        instructions && instructions !== trigger.request ? sanitizeUntrusted(instructions).trim() : undefined,
      labels: {
        'gh-repo': repository,
        ...(thread ? { 'gh-thread': `${repository}#${thread.number}` } : {}),
      },
      runLabel: { key: 'gh-run', value: `${repository}/actions/runs/${where.runId}` },
    },
  };
}
