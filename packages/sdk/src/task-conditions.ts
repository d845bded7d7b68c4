import type { Task, TaskState } from '@coder-tasks/types';

/**
 * The messages Coder puts in a `working` state it makes up while a task initializes, before any agent
 * has reported (`deriveTaskCurrentState` in coderd/aitasks.go). Such a state says nothing about the agent.
 */
export const SYNTHESIZED_STATE_MESSAGES: ReadonlySet<string> = new Set([
  'Workspace is pending',
  'Workspace is starting',
  'Agent is connecting',
  'Agent is starting',
  'App is initializing',
  'Initializing workspace applications',
  'Initializing workspace agent',
  'Initializing workspace',
]);

/** True when `current_state` is the server's made-up `working` of an initializing task, not an agent report. */
export function isSynthesizedState(task: Pick<Task, 'status' | 'current_state'>): boolean {
  const state = task.current_state;
  return (
    state !== null &&
    task.status === 'initializing' &&
    state.state === 'working' &&
    state.uri === '' &&
    SYNTHESIZED_STATE_MESSAGES.has(state.message)
  );
}

/** What the agent itself last reported: `current_state.state`, or null when nothing or only a synthesized state. */
export function agentState(task: Pick<Task, 'status' | 'current_state'>): TaskState | null {
  if (!task.current_state || isSynthesizedState(task)) return null;
  return task.current_state.state;
}

/**
 * What `waitForTask` waits for: `active` (the task's status is active), `complete` (the agent reported
 * `complete` or `failed`), `idle` (active and the agent is stable: `idle`, `complete` or `failed`), or
 * any predicate over the task.
 */
export type WaitUntil = 'active' | 'complete' | 'idle' | ((task: Task) => boolean);

const STABLE: ReadonlySet<string> = new Set(['idle', 'complete', 'failed']);
const FINISHED: ReadonlySet<string> = new Set(['complete', 'failed']);

/** Whether `task` is what `until` waits for. */
export function isWaitSatisfied(task: Task, until: WaitUntil): boolean {
  if (typeof until === 'function') return until(task);
  const state = agentState(task);
  switch (until) {
    case 'active':
      return task.status === 'active';
    case 'complete':
      return state !== null && FINISHED.has(state);
    case 'idle':
      return task.status === 'active' && state !== null && STABLE.has(state);
  }
}

/** Says in words what `until` waits for, for messages. */
export function describeWaitUntil(until: WaitUntil): string {
  if (typeof until === 'function') return 'a state the predicate accepts';
  if (until === 'complete') return 'complete (the agent reporting complete or failed)';
  if (until === 'idle') return 'idle (active, with the agent idle, complete or failed)';
  return 'active';
}

/**
 * The parts of a task whose change is a real change for `onChange`: status, workspace and agent state,
 * and the agent's report. `updated_at` is left out: it moves with every workspace write.
 */
export function taskChangeKey(task: Task): string {
  const s = task.current_state;
  return JSON.stringify([
    task.status,
    task.workspace_status ?? null,
    task.workspace_agent_lifecycle,
    task.workspace_agent_health?.healthy ?? null,
    task.workspace_agent_health?.reason ?? null,
    s ? [s.state, s.message, s.timestamp, s.uri] : null,
  ]);
}
