import { authorize, startPermissionCheck } from './authorize';
import { type Clock, systemClock } from './clock';
import { likelyRequester } from './event-gate';
import { createGitHubApi, createOctokit } from './github-api';
import { readRunContext } from './github-context';
import { githubRetryUnitMs } from './github-retry-unit';
import { readInputs } from './inputs';
import { setOutputs } from './outputs';
import { createRedactor, type Redactor } from './redact';
import * as core from './runner-commands';

/**
 * The action: read the inputs -> (send the permission read early) -> parse the event -> authorize ->
 * acknowledge -> start or continue the work (a task or a chat, by the backend chosen for this server) ->
 * wait -> report. Ends green with `skipped=true` when the event is not a request or the person may not
 * make one; fails the step (after saying why in the status comment) when the work fails.
 */
export async function run(clock: Clock = systemClock): Promise<void> {
  let redact: Redactor = (text) => text;
  try {
    const inputs = readInputs();
    redact = createRedactor([inputs.coderToken, inputs.githubToken]);
    const context = readRunContext();
    const github = createGitHubApi(
      createOctokit(inputs.githubToken, { unitMs: githubRetryUnitMs(), onLimited: (m) => core.info(m) }),
      context.repo,
    );
    // The permission check goes out first, for a comment that mentions the trigger phrase at all; once
    // it has left, its answer travels while the event is read in full (a Markdown parse of the comment,
    // in a module loaded only then), and it is dropped when that finds no request.
    const requester = likelyRequester(context.eventName, context.payload, inputs.triggerPhrase);
    const early = requester === undefined ? undefined : startPermissionCheck(github, requester);
    await early?.sent;

    const { parseEvent } = await import('./event');
    const decision = parseEvent(context.eventName, context.payload, inputs);
    if (decision.skip) {
      early?.cancel();
      return skip(`Nothing to do: ${decision.reason}`, redact);
    }
    const { trigger } = decision;
    const authorization = await authorize(github, trigger.actor, inputs, early);
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
    const { Progress } = await import('./progress');
    const progress = await Progress.acknowledge(github, trigger, runUrl, redact, clock);
    // The Coder side (the SDK, its HTTP client, the wire schemas, the backends) is most of the bundle; it
    // loads only now, as its compilation held up whatever request was about to go out (the permission
    // check by 30 ms, the 👀 and the status comment by 60 ms, measured with `pnpm bench`).
    const { work } = await import('./work');
    await work(inputs, context, trigger, github, progress, redact, clock);
  } catch (error) {
    const { describeError } = await import('./describe-error');
    core.setFailed(redact(describeError(error, '')));
  }
}

function skip(message: string, redact: Redactor): void {
  core.notice(redact(message));
  setOutputs({ skipped: true }, redact);
}
