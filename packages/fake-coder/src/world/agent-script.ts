import { APP_STATUS_STATES, type AppStatusState } from './app-status-state';

/** An app status an agent reports (the app-level states; `failure` is shown to clients as `failed`). */
export type AgentReportState = AppStatusState;

/**
 * One step of a scripted agent reply. `after` is the delay in milliseconds of the fake clock before the
 * step (default 0: the step runs at once, in order).
 */
export type AgentStep =
  /** Appends an output message (AgentAPI role `agent`). A function receives the input being answered. */
  | { say: string | ((input: string) => string); after?: number }
  /** Reports an app status, which becomes the task's `current_state` (message at most 160 bytes). */
  | {
      report: AgentReportState;
      message?: string | ((input: string) => string);
      uri?: string;
      after?: number;
    };

/** A reply used when the input matches: a substring (case-sensitive) or a regular expression. */
export interface AgentReply {
  /** Which input this reply answers (default: any input). */
  match?: string | RegExp;
  steps: AgentStep[];
}

/**
 * What the simulated agent does with each input: the initial prompt when the agent starts, and every
 * `send`. The first reply whose `match` fits is used; without one, `otherwise` runs. While a reply runs,
 * AgentAPI reports `running` (so a send answers 409 "Task app is not ready to accept input."), then
 * `stable`. A plain array of steps is shorthand for `{ otherwise: steps }`.
 */
export interface AgentScript {
  replies?: AgentReply[];
  /** Steps for input that no reply matches (default: the built-in reply of {@link DEFAULT_AGENT_SCRIPT}). */
  otherwise?: AgentStep[];
  /**
   * When false, the agent does not take the initial prompt at all: AgentAPI starts with no message and
   * the script does not run until the first `send` (default true).
   */
  answerInitialPrompt?: boolean;
}

/** The script every task gets unless a test or `defaultAgentScript` says otherwise: work, answer, complete. */
export const DEFAULT_AGENT_SCRIPT: AgentScript = {
  otherwise: [
    { report: 'working', message: 'Working on it' },
    { say: (input) => `On it: ${input}` },
    { say: 'Done.' },
    { report: 'complete', message: 'Done' },
  ],
};

/** Normalizes the array shorthand and checks a script, throwing a clear error on a malformed one. */
export function normalizeAgentScript(script: AgentScript | AgentStep[]): AgentScript {
  const normalized: AgentScript = Array.isArray(script) ? { otherwise: script } : script;
  const all = [...(normalized.replies ?? []).flatMap((r) => r.steps), ...(normalized.otherwise ?? [])];
  for (const step of all) {
    if (step.after !== undefined && !(step.after >= 0 && Number.isFinite(step.after))) {
      throw new TypeError(`agent script step "after" must be a finite number of ms >= 0, got ${step.after}`);
    }
    if (!('say' in step) && !('report' in step)) {
      throw new TypeError('agent script step needs "say" (output text) or "report" (an app status state)');
    }
    if ('report' in step && !APP_STATUS_STATES.includes(step.report)) {
      throw new TypeError(
        `agent script "report" must be working, idle, complete or failure (the app-level states), got ${JSON.stringify(step.report)}`,
      );
    }
  }
  return normalized;
}

/** The steps that answer `input`. */
export function stepsFor(script: AgentScript, input: string): AgentStep[] {
  for (const reply of script.replies ?? []) {
    const m = reply.match;
    if (m === undefined || (typeof m === 'string' ? input.includes(m) : m.test(input))) return reply.steps;
  }
  return script.otherwise ?? DEFAULT_AGENT_SCRIPT.otherwise ?? [];
}
