import type { CoderClient } from '@coder-tasks/sdk';
import { describeError } from '../../describe-error';
import type { Phase } from '../../render-comment';
import type { LogMessage } from '../../render-logs';
import { taskView } from '../../task-view';
import type { WorkReport } from '../backend';
import type { Outcome } from './wait-outcome';

/** What the final report is made from. */
export interface ReportInput {
  outcome: Outcome;
  taskUrl: string;
  postLogs: boolean;
  coderUrl: string;
  signal?: AbortSignal | undefined;
}

/**
 * Builds the task's part of the final view: the outcome, the task, and (with `post-logs`) the conversation read
 * from Coder. A failure to read the logs is shown in the view, not thrown: the outcome matters more.
 */
export async function buildTaskReport(
  coder: Pick<CoderClient, 'getTaskLogs'>,
  input: ReportInput,
): Promise<WorkReport> {
  const { outcome } = input;
  const task = outcome.task;
  let logs: LogMessage[] | undefined;
  let logsError: string | undefined;
  if (input.postLogs) {
    try {
      const response = await coder.getTaskLogs(task.owner_name, task.id, { signal: input.signal });
      logs = response.logs.map((entry) => ({ type: entry.type, content: entry.content }));
    } catch (error) {
      logsError = describeError(error, input.coderUrl);
    }
  }
  return {
    // Every outcome has the headline of the same name; the compiler holds the two lists together.
    phase: outcome.kind satisfies Phase,
    task: taskView(task, input.taskUrl),
    reason: outcome.kind === 'failed' ? outcome.reason : undefined,
    logs,
    logsError,
  };
}
