import { CoderClient } from '@coder-tasks/sdk';
import type { WorkOutcome } from './backends/backend';
import { chooseBackend } from './backends/choose-backend';
import type { Clock } from './clock';
import { describeError } from './describe-error';
import type { Trigger } from './event';
import type { GitHubApi } from './github-api';
import type { RunContext } from './github-context';
import type { ActionInputs } from './parse-inputs';
import type { Progress } from './progress';
import type { Redactor } from './redact';
import * as core from './runner-commands';
import { taskRequestFor } from './task-request';
import { loadThread } from './thread';

// Loaded by run.ts with import() once the request is acknowledged: everything here is the Coder side,
// which the first GitHub requests do not need.

/** Start or continue the work -> wait -> report; any failure is written into the status comment. */
export async function work(
  inputs: ActionInputs,
  context: RunContext,
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
