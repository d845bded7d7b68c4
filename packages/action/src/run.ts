import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { CoderClient } from '@coder-tasks/sdk';
import { authorize } from './authorize';
import { systemClock } from './clock';
import { resolveTarget, startTask } from './coder-task';
import { describeError } from './describe-error';
import { parseEvent, type Trigger } from './event';
import { createGitHubApi, type GitHubApi } from './github-api';
import { readInputs } from './inputs';
import { oneLine } from './markdown';
import { setOutputs } from './outputs';
import type { ActionInputs } from './parse-inputs';
import { Progress } from './progress';
import { createRedactor, type Redactor } from './redact';
import { buildReport, writeJobSummary } from './report';
import { saveRunState } from './run-state';
import { taskRequestFor } from './task-request';
import { loadThread } from './thread';
import { type Outcome, waitForOutcome } from './wait-outcome';

/**
 * The action: read the inputs -> parse the event -> authorize -> acknowledge -> create or find the task
 * -> wait -> report. Ends green with `skipped=true` when the event is not a request or the person may not
 * make one; fails the step (after saying why in the status comment) when the work fails.
 */
export async function run(): Promise<void> {
  let redact: Redactor = (text) => text;
  try {
    const inputs = readInputs();
    redact = createRedactor([inputs.coderToken, inputs.githubToken]);

    const decision = parseEvent(context.eventName, context.payload, inputs);
    if (decision.skip) return skip(`Nothing to do: ${decision.reason}`, redact);
    const { trigger } = decision;

    const github = createGitHubApi(getOctokit(inputs.githubToken), context.repo);
    const authorization = await authorize(github, trigger.actor, inputs);
    if (!authorization.allowed) return skip(`Not authorized: ${authorization.reason}`, redact);
    core.info(
      `${trigger.actor.login} (${authorization.role}) asked for work on ${context.repo.owner}/${context.repo.repo}.`,
    );

    const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
    const progress = await Progress.acknowledge(github, trigger, runUrl, redact);
    saveRunState({ commentId: progress.comment?.id, runUrl });
    setOutputs(
      { skipped: false, 'comment-id': progress.comment?.id, 'comment-url': progress.comment?.url },
      redact,
    );

    await work(inputs, trigger, github, progress, redact);
  } catch (error) {
    core.setFailed(redact(describeError(error, '')));
  }
}

/** Create or find the task -> wait -> report; any failure is written into the status comment. */
async function work(
  inputs: ActionInputs,
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
  const onChange = (task: Parameters<Progress['show']>[0]) => progress.show(task, coder.taskUrl(task));
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

function skip(message: string, redact: Redactor): void {
  core.notice(redact(message));
  setOutputs({ skipped: true }, redact);
}
