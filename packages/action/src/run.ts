import * as core from '@actions/core';
import { context } from '@actions/github';
import { CoderClient } from '@coder-tasks/sdk';
import { authorize } from './authorize';
import type { WorkOutcome } from './backends/backend';
import { chooseBackend } from './backends/choose-backend';
import { type Clock, systemClock } from './clock';
import { describeError } from './describe-error';
import { parseEvent, type Trigger } from './event';
import { createGitHubApi, createOctokit, type GitHubApi } from './github-api';
import { githubRetryUnitMs } from './github-retry-unit';
import { readInputs } from './inputs';
import { setOutputs } from './outputs';
import type { ActionInputs } from './parse-inputs';
import { Progress } from './progress';
import { createRedactor, type Redactor } from './redact';
import { taskRequestFor } from './task-request';
import { loadThread } from './thread';

/**
 * The action: read the inputs -> parse the event -> authorize -> acknowledge -> start or continue the
 * work (a task or a chat, by the backend chosen for this server) -> wait -> report. Ends green with `skipped=true` when the event is not a request or the person may not
 * make one; fails the step (after saying why in the status comment) when the work fails.
 */
export async function run(clock: Clock = systemClock): Promise<void> {
  let redact: Redactor = (text) => text;
  try {
    const inputs = readInputs();
    redact = createRedactor([inputs.coderToken, inputs.githubToken]);

    const decision = parseEvent(context.eventName, context.payload, inputs);
    if (decision.skip) return skip(`Nothing to do: ${decision.reason}`, redact);
    const { trigger } = decision;

    const octokit = createOctokit(inputs.githubToken, {
      unitMs: githubRetryUnitMs(),
      onLimited: (message) => core.info(message),
    });
    const github = createGitHubApi(octokit, context.repo);
    const authorization = await authorize(github, trigger.actor, inputs);
    if (!authorization.allowed && authorization.checkFailed) {
      // Fail closed but visibly; still no reply on the thread, which a drive-by commenter could provoke.
      setOutputs({ skipped: true }, redact);
      return core.setFailed(redact(`Not authorized: ${authorization.reason}`));
    }
    if (!authorization.allowed) return skip(`Not authorized: ${authorization.reason}`, redact);
    core.info(
      `${trigger.actor.login} (${authorization.role}) asked for work on ${context.repo.owner}/${context.repo.repo}.`,
    );

    const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
    const progress = await Progress.acknowledge(github, trigger, runUrl, redact, clock);
    await work(inputs, trigger, github, progress, redact, clock);
  } catch (error) {
    core.setFailed(redact(describeError(error, '')));
  }
}

/** Start or continue the work -> wait -> report; any failure is written into the status comment. */
async function work(
  inputs: ActionInputs,
  trigger: Trigger,
  github: GitHubApi,
  progress: Progress,
  redact: Redactor,
  clock: Clock,
): Promise<void> {
  const coder = new CoderClient({
    url: inputs.coderUrl,
    token: inputs.coderToken,
    userAgent: 'coder-tasks-action',
  });
  try {
    const thread = await loadThread(github, trigger.thread);
    const request = taskRequestFor(trigger, thread, inputs.taskNamePrefix, {
      owner: context.repo.owner,
      repo: context.repo.repo,
      runId: String(context.runId),
    });
    const backend = await chooseBackend(coder, {
      inputs,
      actor: trigger.actor,
      clock,
      deadline: clock.now() + inputs.waitTimeoutMs,
      pollIntervalMs: inputs.pollIntervalMs,
      onUpdate: (update) => progress.show(update),
    });
    progress.using(backend);
    const started = await backend.start(request);
    progress.started(started.ref);
    const outcome = await started.wait();
    await progress.finish(outcome);
    endStep(outcome, backend.noun, redact);
  } catch (error) {
    // Every failure after the acknowledgement is told where the person who asked will look.
    const reason = redact(describeError(error, inputs.coderUrl.toString()));
    await progress.fail(reason);
    core.setFailed(reason);
  } finally {
    await coder.close();
  }
}

/** The step's result: failed for failed or timed-out work, a warning for a paused one. */
function endStep(outcome: WorkOutcome, noun: string, redact: Redactor): void {
  if (outcome.kind === 'failed') core.setFailed(redact(outcome.reason ?? ''));
  if (outcome.kind === 'timed-out') {
    core.setFailed(
      redact(
        `The ${noun} did not finish within wait-timeout (status ${outcome.status}, ${outcome.state || 'no state'}).`,
      ),
    );
  }
  if (outcome.kind === 'paused') core.warning(`The ${noun} was paused before it finished.`);
}

function skip(message: string, redact: Redactor): void {
  core.notice(redact(message));
  setOutputs({ skipped: true }, redact);
}
