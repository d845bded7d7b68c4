import type { CoderClient } from '@coder-tasks/sdk';
import { describeError } from './describe-error';
import { type Phase, renderStatus, type StatusView, SUMMARY_LIMIT_BYTES } from './render-comment';
import type { LogMessage } from './render-logs';
import * as core from './runner-commands';
import { taskView } from './task-view';
import type { Outcome } from './wait-outcome';

/** What the final report is made from. */
export interface ReportInput {
  outcome: Outcome;
  created: boolean;
  taskUrl: string;
  runUrl: string;
  requester: string | undefined;
  postLogs: boolean;
  coderUrl: string;
  redact: (text: string) => string;
  signal?: AbortSignal | undefined;
}

/**
 * Builds the final view of the run: the outcome, the task, and (with `post-logs`) the conversation read
 * from Coder. A failure to read the logs is shown in the view, not thrown: the outcome matters more.
 */
export async function buildReport(coder: CoderClient, input: ReportInput): Promise<StatusView> {
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
    runUrl: input.runUrl,
    requester: input.requester,
    reused: !input.created,
    task: taskView(task, input.taskUrl),
    reason: outcome.kind === 'failed' ? outcome.reason : undefined,
    logs,
    logsError,
  };
}

/** Writes the full report to the job summary (1 MiB at most), without the comment marker. */
export async function writeJobSummary(view: StatusView, redact: (text: string) => string): Promise<void> {
  const { body } = renderStatus(view, {
    redact,
    limit: SUMMARY_LIMIT_BYTES,
    measure: (text) => Buffer.byteLength(text, 'utf8'),
    marker: false,
    fullLogsAt: 'the task page in Coder',
  });
  try {
    await core.appendSummary(body);
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${redact(error instanceof Error ? error.message : String(error))}`,
    );
  }
}
