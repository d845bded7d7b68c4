import { CoderClient } from '@coder-tasks/sdk';
import type { Task } from '@coder-tasks/types';
import { systemClock } from './clock';
import { resolveTarget, startTask } from './coder-task';
import { describeError } from './describe-error';
import type { Trigger } from './event';
import type { GitHubApi } from './github-api';
import type { RunContext } from './github-context';
import { oneLine } from './markdown';
import { setOutputs } from './outputs';
import type { ActionInputs } from './parse-inputs';
import type { Progress } from './progress';
import type { Redactor } from './redact';
import { buildReport, writeJobSummary } from './report';
import { saveRunState } from './run-state';
import * as core from './runner-commands';
import { taskRequestFor } from './task-request';
import { progressPhase, taskView } from './task-view';
import { loadThread } from './thread';
import { type Outcome, waitForOutcome } from './wait-outcome';

// Loaded by run.ts with import() while its first GitHub request is in flight: everything here is the
// Coder side, which the acknowledgement does not need.

/** Create or find the task -> wait -> report; any failure is written into the status comment. */
export async function work(
  inputs: ActionInputs,
  context: RunContext,
  trigger: Trigger,
  github: GitHubApi,
  progress: Progress,
  redact: Redactor,
): Promise<void> {
  const coder = new CoderClient({
    url: inputs.coderUrl,
    token: inputs.coderToken,
    userAgent: 'coder-tasks-action',
  });
  const deadline = systemClock.now() + inputs.waitTimeoutMs;
  const onChange = (task: Task) => progress.show(taskView(task, coder.taskUrl(task)), progressPhase(task));
  try {
    const thread = await loadThread(github, trigger.thread);
    const request = taskRequestFor(trigger, thread, inputs.taskNamePrefix, {
      owner: context.repo.owner,
      repo: context.repo.repo,
      runId: String(context.runId),
    });
    const target = await resolveTarget(coder, inputs, trigger.actor);
    const started = await startTask(coder, target, request, {
      clock: systemClock,
      deadline,
      pollIntervalMs: inputs.pollIntervalMs,
      onChange,
    });
    const taskUrl = coder.taskUrl(started.task);
    progress.view.reused = !started.created;
    saveRunState({ taskName: started.task.name, taskUrl });
    setOutputs(
      {
        'task-id': started.task.id,
        'task-name': started.task.name,
        'task-url': taskUrl,
        'task-created': started.created,
      },
      redact,
    );
    core.info(
      // The name is the server's: on one line it cannot start a workflow command (`::set-output …`).
      `${started.created ? 'Created' : 'Sent the request to'} the task ${oneLine(started.task.name)}: ${taskUrl}`,
    );
    onChange(started.task);

    const outcome = await waitForOutcome(coder, started, {
      waitFor: inputs.waitFor,
      clock: systemClock,
      deadline,
      pollIntervalMs: inputs.pollIntervalMs,
      settleMs: Math.min(inputs.pollIntervalMs, 10_000),
      onChange,
    });

    const report = await buildReport(coder, {
      outcome,
      created: started.created,
      taskUrl,
      runUrl: progress.view.runUrl,
      requester: trigger.actor.login,
      postLogs: inputs.postLogs,
      coderUrl: inputs.coderUrl.toString(),
      redact,
    });
    const { logsTruncated } = await progress.finish(report);
    await writeJobSummary(report, redact);
    setOutputs(
      {
        'task-status': outcome.task.status,
        'task-state': outcome.task.current_state?.state ?? '',
        'logs-truncated': logsTruncated,
      },
      redact,
    );
    endStep(outcome, redact);
  } catch (error) {
    // Every failure after the acknowledgement is told where the person who asked will look.
    const reason = redact(describeError(error, inputs.coderUrl.toString()));
    progress.view.phase = 'failed';
    progress.view.reason = reason;
    await progress.finish();
    await writeJobSummary(progress.view, redact);
    // The task's last known status still tells later steps where it stands.
    const last = progress.view.task;
    if (last) setOutputs({ 'task-status': last.status, 'task-state': last.state ?? '' }, redact);
    core.setFailed(reason);
  } finally {
    saveRunState({ finished: true });
    await coder.close();
  }
}

/** The step's result: failed for a failed or timed-out task, a warning for a paused one. */
function endStep(outcome: Outcome, redact: Redactor): void {
  if (outcome.kind === 'failed') core.setFailed(redact(outcome.reason));
  if (outcome.kind === 'timed-out') {
    const state = outcome.task.current_state?.state ?? 'no state';
    core.setFailed(`The task did not finish within wait-timeout (status ${outcome.task.status}, ${state}).`);
  }
  if (outcome.kind === 'paused') core.warning('The task was paused before it finished.');
}
