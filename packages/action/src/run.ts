import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { CoderClient } from '@coder-tasks/sdk';
import type { Task } from '@coder-tasks/types';
import { authorize } from './authorize';
import { systemClock } from './clock';
import { resolveTarget, startTask } from './coder-task';
import { describeError } from './describe-error';
import { parseEvent } from './event';
import { createGitHubApi } from './github-api';
import { readInputs } from './inputs';
import { setOutputs } from './outputs';
import { buildPrompt } from './prompt';
import { createRedactor } from './redact';
import { renderStatus, type StatusView } from './render-comment';
import { buildReport, writeJobSummary } from './report';
import { saveRunState } from './run-state';
import { StatusComment } from './status-comment';
import { displayNameFor, taskNameFor } from './task-naming';
import { progressPhase, taskView } from './task-view';
import { loadThread } from './thread';
import { waitForOutcome } from './wait-outcome';

/**
 * The action: read the inputs -> parse the event -> authorize -> acknowledge -> create or find the task
 * -> wait -> report. Ends green with `skipped=true` when the event is not a request or the person may not
 * make one; fails the step (after saying why in the status comment) when the work fails.
 */
export async function run(): Promise<void> {
  let redact = (text: string) => text;
  try {
    const inputs = readInputs();
    redact = createRedactor([inputs.coderToken, inputs.githubToken]);

    const decision = parseEvent(context.eventName, context.payload, inputs);
    if (decision.skip) return skip(`Nothing to do: ${decision.reason}`, redact);
    const trigger = decision.trigger;

    const github = createGitHubApi(getOctokit(inputs.githubToken), context.repo);
    const authorization = await authorize(github, trigger.actor, inputs);
    if (!authorization.allowed) return skip(`Not authorized: ${authorization.reason}`, redact);
    core.info(
      `${trigger.actor.login} (${authorization.role}) asked for work on ${context.repo.owner}/${context.repo.repo}.`,
    );

    const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
    const view: StatusView = { phase: 'acknowledged', runUrl, requester: trigger.actor.login };
    const render = () => renderStatus(view, { redact }).body;
    const threadNumber = trigger.thread?.number;
    const status =
      threadNumber === undefined
        ? undefined
        : new StatusComment(github, threadNumber, systemClock, {
            onError: (error) => core.warning(`Could not update the status comment: ${redact(String(error))}`),
          });
    if (trigger.comment) {
      await github
        .addEyesReaction(trigger.comment)
        .catch((error) => core.warning(`Could not add the reaction: ${redact(String(error))}`));
    }
    const comment = await status?.post(render());
    saveRunState({ commentId: comment?.id, runUrl });
    setOutputs({ skipped: false, 'comment-id': comment?.id, 'comment-url': comment?.url }, redact);

    const coder = new CoderClient({
      url: inputs.coderUrl,
      token: inputs.coderToken,
      userAgent: 'coder-tasks-action',
    });
    const deadline = systemClock.now() + inputs.waitTimeoutMs;
    const show = (task: Task) => {
      view.task = taskView(task, coder.taskUrl(task));
      view.phase = progressPhase(task);
      status?.update(render());
    };
    try {
      const thread = await loadThread(github, trigger.thread);
      const name = taskNameFor({
        prefix: inputs.taskNamePrefix,
        owner: context.repo.owner,
        repo: context.repo.repo,
        number: thread?.number,
        runId: String(context.runId),
      });
      const input = buildPrompt({
        repository: `${context.repo.owner}/${context.repo.repo}`,
        requester: trigger.actor.login,
        request: trigger.request,
        instructions: trigger.instructions,
        requestUrl: trigger.comment?.url,
        thread: thread && { ...thread, kind: thread.isPullRequest ? 'pull request' : 'issue' },
      });
      const displayName = displayNameFor(
        thread?.number,
        thread?.title ?? trigger.request.split('\n')[0] ?? '',
      );

      const target = await resolveTarget(coder, inputs, trigger.actor);
      const started = await startTask(
        coder,
        target,
        { name, displayName, input },
        {
          clock: systemClock,
          deadline,
          pollIntervalMs: inputs.pollIntervalMs,
          onChange: show,
        },
      );
      const taskUrl = coder.taskUrl(started.task);
      view.reused = !started.created;
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
        `${started.created ? 'Created' : 'Sent the request to'} the task ${started.task.name}: ${taskUrl}`,
      );
      show(started.task);

      const outcome = await waitForOutcome(coder, started, {
        waitFor: inputs.waitFor,
        clock: systemClock,
        deadline,
        pollIntervalMs: inputs.pollIntervalMs,
        settleMs: Math.min(inputs.pollIntervalMs, 10_000),
        onChange: show,
      });

      const final = await buildReport(coder, {
        outcome,
        created: started.created,
        taskUrl,
        runUrl,
        requester: trigger.actor.login,
        postLogs: inputs.postLogs,
        coderUrl: inputs.coderUrl.toString(),
        redact,
      });
      const rendered = renderStatus(final, { redact });
      await status?.finish(rendered.body);
      await writeJobSummary(final, redact);
      setOutputs(
        {
          'task-status': outcome.task.status,
          'task-state': outcome.task.current_state?.state ?? '',
          'logs-truncated': rendered.logsTruncated,
        },
        redact,
      );
      if (outcome.kind === 'failed') core.setFailed(redact(outcome.reason));
      else if (outcome.kind === 'timed-out') {
        core.setFailed(
          `The task did not finish within wait-timeout (${outcome.task.status}/${outcome.task.current_state?.state ?? 'no state'}).`,
        );
      } else if (outcome.kind === 'paused') core.warning('The task was paused before it finished.');
    } catch (error) {
      // Every failure after the acknowledgement is told where the person who asked will look.
      const reason = redact(describeError(error, inputs.coderUrl.toString()));
      view.phase = 'failed';
      view.reason = reason;
      await status?.finish(render());
      await writeJobSummary(view, redact);
      core.setFailed(reason);
    } finally {
      saveRunState({ finished: true });
      await coder.close();
    }
  } catch (error) {
    core.setFailed(redact(describeError(error, '')));
  }
}

function skip(message: string, redact: (text: string) => string): void {
  core.notice(redact(message));
  setOutputs({ skipped: true }, redact);
}
