import type { CoderClient } from '@coder-tasks/sdk';
import type { Task } from '@coder-tasks/types';
import type { Clock } from '../../clock';
import type { Trigger } from '../../event';
import type { ActionInputs } from '../../parse-inputs';
import { progressPhase, taskView } from '../../task-view';
import type { Backend, WaitSettings, WorkOutcome } from '../backend';
import { resolveTarget } from './resolve-target';
import { startTask } from './start-task';
import { buildTaskReport } from './task-report';
import { type Outcome, waitForOutcome } from './wait-outcome';

/** What the Tasks backend works with besides the client. */
export interface TasksBackendOptions extends WaitSettings {
  inputs: ActionInputs;
  actor: Trigger['actor'];
  clock: Clock;
}

/** The Tasks API (coder/coder v2.29 on): one task per thread, named after it; follow-ups are its input. */
export function createTasksBackend(coder: CoderClient, options: TasksBackendOptions): Backend {
  const { inputs, clock, signal } = options;
  const onChange = (task: Task) =>
    options.onUpdate?.({ phase: progressPhase(task), work: taskView(task, coder.taskUrl(task)) });
  return {
    name: 'tasks',
    noun: 'task',
    async start(request) {
      const target = await resolveTarget(coder, inputs, options.actor, signal);
      const started = await startTask(coder, target, request, {
        clock,
        deadline: options.deadline,
        pollIntervalMs: options.pollIntervalMs,
        signal,
        onChange,
      });
      const url = coder.taskUrl(started.task);
      return {
        ref: {
          id: started.task.id,
          name: started.task.name,
          url,
          created: started.created,
        },
        async wait() {
          onChange(started.task);
          const outcome = await waitForOutcome(coder, started, {
            waitFor: inputs.waitFor,
            clock,
            deadline: options.deadline,
            pollIntervalMs: options.pollIntervalMs,
            settleMs: Math.min(options.pollIntervalMs, 10_000),
            signal,
            onChange,
          });
          return workOutcome(coder, outcome, url, inputs, signal);
        },
      };
    },
  };
}

function workOutcome(
  coder: CoderClient,
  outcome: Outcome,
  taskUrl: string,
  inputs: ActionInputs,
  signal: AbortSignal | undefined,
): WorkOutcome {
  return {
    kind: outcome.kind,
    reason: outcome.kind === 'failed' ? outcome.reason : undefined,
    status: outcome.task.status,
    state: outcome.task.current_state?.state ?? '',
    report: () =>
      buildTaskReport(coder, {
        outcome,
        taskUrl,
        postLogs: inputs.postLogs,
        coderUrl: inputs.coderUrl.toString(),
        signal,
      }),
  };
}
