import { agentState } from '@coder-tasks/sdk';
import { compareTimestamps, type Task } from '@coder-tasks/types';

/**
 * How a `wait-for: complete` wait may end, by the agent's own account. `idle-unconfirmed`: idle again, but
 * no `working` report was seen in between (a fast agent can go working -> idle between two reads); the
 * caller confirms from the logs that the agent answered.
 */
export type Completion = 'complete' | 'failed' | 'idle' | 'idle-unconfirmed';

/**
 * Decides when the agent is done with this request. `complete` and `failed` reports end it at once. An
 * agent that never reports completion is done when, having worked on this request, it is `idle` again:
 * this tracker remembers whether a real `working` report (not the state Coder synthesizes while the
 * workspace starts) came after the request was sent. Reports older than `baseline` (the state the task
 * was in when the request was sent to an existing task) belong to earlier requests and are ignored.
 */
export class CompletionTracker {
  private sawWork = false;

  /** @param baseline `current_state.timestamp` just before the request was sent; null for a new task. */
  constructor(private readonly baseline: string | null) {}

  /** Looks at one read of the task; returns how it ended, or undefined while the agent is not done. */
  observe(task: Task): Completion | undefined {
    const state = agentState(task);
    const entry = task.current_state;
    if (state === null || entry === null) return undefined;
    if (this.baseline !== null && compareTimestamps(entry.timestamp, this.baseline) <= 0) return undefined;
    if (task.status !== 'active') return undefined;
    if (state === 'working') this.sawWork = true;
    if (state === 'complete') return 'complete';
    if (state === 'failed') return 'failed';
    if (state === 'idle') return this.sawWork ? 'idle' : 'idle-unconfirmed';
    return undefined;
  }
}
