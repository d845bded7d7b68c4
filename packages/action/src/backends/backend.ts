import type { Phase, StatusView, WorkNoun } from '../render-comment';
import type { TaskRequest } from '../task-request';

/** Which of Coder's agent APIs does the work: Tasks (v2.29 to v2.36/37) or Chats (Coder Agents). */
export type BackendName = 'tasks' | 'chats';

/** The thread's work as the status comment shows it (a task, or a chat). */
export type WorkView = NonNullable<StatusView['task']>;

/** What the run learns about the work while it waits: the headline and the work's latest state. */
export interface WorkUpdate {
  phase: Phase;
  work: WorkView;
}

/** The work the request went to. */
export interface WorkRef {
  id: string;
  /** The task's name, or the chat's title (the `task-name` output; shown in the status comment). */
  name: string;
  /** Its page in the Coder dashboard. */
  url: string;
  /** True when this run started it; false when the request went to the thread's existing work. */
  created: boolean;
}

/** The part of the final view a backend supplies; the run adds who asked, the links and reuse. */
export type WorkReport = Pick<StatusView, 'phase' | 'task' | 'reason' | 'logs' | 'logsError' | 'pullRequest'>;

/** How waiting ended; `failed` carries the reason. Each kind is also the final headline. */
export type OutcomeKind = 'submitted' | 'active' | 'complete' | 'paused' | 'timed-out' | 'failed';

/** The end of the wait, with what the outputs report and a way to build the final view. */
export interface WorkOutcome {
  kind: OutcomeKind;
  /** Why it failed (untrusted: may quote the server), for `failed`. */
  reason?: string | undefined;
  /** The work's status (`task-status`) and agent state (`task-state`, '' when none). */
  status: string;
  state: string;
  /** The pull request the agent opened (`pull-request-url`), when known. */
  pullRequestUrl?: string | undefined;
  /** Builds the final view: the outcome, the work and, when asked for, the conversation. */
  report(): Promise<WorkReport>;
}

/** Work that has the request: it can be waited on. */
export interface StartedWork {
  readonly ref: WorkRef;
  /** Waits per `wait-for`; throws only when the wait itself could not be made (Coder unreachable, 401). */
  wait(): Promise<WorkOutcome>;
}

/**
 * The one seam between the story in `run.ts` and an API generation: find the thread's work and send it
 * the request (or start it), then wait, then report.
 */
export interface Backend {
  readonly name: BackendName;
  /** What the work is called in sentences: `task` or `chat`. */
  readonly noun: WorkNoun;
  /** Finds the thread's work and sends it the request, or starts new work with it. */
  start(request: TaskRequest): Promise<StartedWork>;
}

/** What every backend is given to wait with. */
export interface WaitSettings {
  /** When to stop waiting (epoch ms on `clock`). */
  deadline: number;
  pollIntervalMs: number;
  signal?: AbortSignal | undefined;
  onUpdate?: ((update: WorkUpdate) => void) | undefined;
}
