import type { CoderApiGeneration } from '@coder-tasks/types';
import type { BackendChoice } from '../parse-inputs';
import type { BackendName } from './backend';

/** What the inputs ask for and what the server serves, as the decision needs them. */
export interface BackendQuestion {
  choice: BackendChoice;
  /** True when `template` or `template-version-id` is set. */
  hasTemplate: boolean;
  generation: Pick<CoderApiGeneration, 'version' | 'tasks' | 'chatsPrefixes'>;
  /** On a release where a flag decides (v2.37), whether the Tasks routes answered; undefined if not asked. */
  tasksServed?: boolean | undefined;
}

/** The decision: a backend and why (said once in the log), or why there is none. */
export type BackendDecision =
  | { backend: BackendName; why: string; notice?: string | undefined }
  | { backend: undefined; error: string };

const TASKS_NEEDS = 'Tasks needs v2.29 to v2.36 (v2.37 with CODER_ENABLE_AI_TASKS) and a template';
const CHATS_NEEDS = 'Chats (Coder Agents) needs v2.32 or newer';

/** Whether the question must first learn if the Tasks routes answer (only a flag can tell). */
export function needsTasksProbe(question: Omit<BackendQuestion, 'tasksServed'>): boolean {
  return (
    question.generation.tasks === 'flagged' &&
    (question.choice === 'tasks' || (question.choice === 'auto' && question.hasTemplate))
  );
}

/**
 * Picks the backend (pure): `tasks` and `chats` when the server serves them; `auto` takes Tasks when it
 * is served and a template is set, else Chats, and says when a template goes unused.
 */
export function decideBackend(question: BackendQuestion): BackendDecision {
  const { generation, choice, hasTemplate } = question;
  const server = `the Coder server (version ${generation.version})`;
  const Server = `The Coder server (version ${generation.version})`;
  const tasks =
    generation.tasks === 'served' || (generation.tasks === 'flagged' && question.tasksServed === true);
  const chats = generation.chatsPrefixes.length > 0;
  if (choice === 'tasks') {
    if (tasks) return { backend: 'tasks', why: 'backend: tasks' };
    return {
      backend: undefined,
      error: `backend: tasks, but ${server} does not serve the Tasks API (${tasksWhy(generation.tasks)}).${chats ? ' It serves Chats: use backend: auto or chats.' : ''}`,
    };
  }
  if (choice === 'chats') {
    if (chats) return { backend: 'chats', why: 'backend: chats' };
    return {
      backend: undefined,
      error: `backend: chats, but ${server} does not serve the Chats API: ${CHATS_NEEDS}.`,
    };
  }
  if (tasks && hasTemplate) {
    return { backend: 'tasks', why: `the server (${generation.version}) serves Tasks and a template is set` };
  }
  if (chats) {
    if (!hasTemplate)
      return {
        backend: 'chats',
        why: `no template is set and the server (${generation.version}) serves Chats`,
      };
    return {
      backend: 'chats',
      why: `the server (${generation.version}) does not serve Tasks (${tasksWhy(generation.tasks)}) but serves Chats`,
      notice: `The template is not used: ${server} does not serve the Tasks API, so the work goes to a Coder Agents chat, which needs none.`,
    };
  }
  if (tasks) {
    return {
      backend: undefined,
      error: `${Server} serves only the Tasks API, which needs a template: set "template" or "template-version-id".`,
    };
  }
  return {
    backend: undefined,
    error: `${Server} serves neither of Coder's agent APIs: ${TASKS_NEEDS}; ${CHATS_NEEDS}.`,
  };
}

function tasksWhy(tasks: CoderApiGeneration['tasks']): string {
  if (tasks === 'not-yet') return 'it is older than v2.29';
  if (tasks === 'removed') return 'Coder removed it, coder/coder#28789';
  if (tasks === 'flagged') return 'v2.37 serves it only with CODER_ENABLE_AI_TASKS';
  return 'it answered that the routes do not exist';
}
