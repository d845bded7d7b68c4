import { coderApiGeneration } from '@coder-tasks/types';
import type { BackendChoice } from '../parse-inputs';
import type { BackendName } from './backend';

/** What the inputs ask for and what the server serves, as the decision needs them. */
export interface BackendQuestion {
  choice: BackendChoice;
  /** True when `template` or `template-version-id` is set. */
  hasTemplate: boolean;
  /** What the server serves (the SDK's `apiSupport()`): its version, and whether Tasks and Chats answer. */
  support: { version: string; tasks: boolean; chats: boolean };
}

/** The decision: a backend and why (said once in the log), or why there is none. */
export type BackendDecision =
  | { backend: BackendName; why: string; notice?: string | undefined }
  | { backend: undefined; error: string };

const TASKS_NEEDS = 'Tasks needs v2.29 to v2.35 (v2.36 and v2.37 with CODER_ENABLE_AI_TASKS) and a template';
const CHATS_NEEDS = 'Chats (Coder Agents) needs v2.32 or newer';

/**
 * Picks the backend (pure): `tasks` and `chats` when the server serves them; `auto` takes Tasks when it
 * is served and a template is set, else Chats, and says when a template goes unused.
 */
export function decideBackend(question: BackendQuestion): BackendDecision {
  const { support, choice, hasTemplate } = question;
  const { version, tasks, chats } = support;
  const server = `the Coder server (version ${version})`;
  const atStart = `The Coder server (version ${version})`;
  if (choice === 'tasks') {
    if (tasks) return { backend: 'tasks', why: 'backend: tasks' };
    return {
      backend: undefined,
      error: `backend: tasks, but ${server} does not serve the Tasks API (${tasksWhy(version)}).${chats ? ' It serves Chats: use backend: auto or chats.' : ''}`,
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
    return { backend: 'tasks', why: `the server (${version}) serves Tasks and a template is set` };
  }
  if (chats) {
    if (!hasTemplate)
      return {
        backend: 'chats',
        why: `no template is set and the server (${version}) serves Chats`,
      };
    return {
      backend: 'chats',
      why: `the server (${version}) does not serve Tasks (${tasksWhy(version)}) but serves Chats`,
      notice: `The template is not used: ${server} does not serve the Tasks API, so the work goes to a Coder Agents chat, which needs none.`,
    };
  }
  if (tasks) {
    return {
      backend: undefined,
      error: `${atStart} serves only the Tasks API, which needs a template: set "template" or "template-version-id".`,
    };
  }
  return {
    backend: undefined,
    error: `${atStart} serves neither of Coder's agent APIs: ${TASKS_NEEDS}; ${CHATS_NEEDS}.`,
  };
}

/** Why a server does not serve Tasks, by its version. */
function tasksWhy(version: string): string {
  const generation = coderApiGeneration(version);
  if (generation.tasks === 'not-yet') return 'it is older than v2.29';
  if (generation.tasks === 'removed') return 'Coder removed it, coder/coder#28789';
  if (generation.minor >= 36) return 'from v2.36 it is served only with CODER_ENABLE_AI_TASKS';
  return 'its Tasks routes answered that they do not exist';
}
