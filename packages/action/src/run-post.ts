import { CommentWriteError, patchComment, postComment } from './comment-patch';
import { type RunContext, readRunContext } from './github-context';
import { githubRetryUnitMs } from './github-retry-unit';
import { createRedactor } from './redact';
import { renderStatus } from './render-comment';
import { loadRunState, type SavedRun } from './run-state';
import * as core from './runner-commands';

/**
 * The post step. When the main step posted a status comment but could not write its final body, it
 * writes it; when the main step never finished (the run was cancelled while waiting), it rewrites the
 * comment to say so, instead of leaving "working" there for ever. It needs only the saved state, the
 * tokens (to redact) and a PATCH, so it loads neither `@actions/core` nor Octokit: it starts on every run.
 */
export async function runPost(): Promise<void> {
  const saved = loadRunState();
  if (saved.commentId === undefined || saved.finished) return;
  const commentId = saved.commentId;
  let redact = (text: string) => text;
  try {
    const coderToken = core.getInput('coder-token');
    const githubToken = core.getInput('github-token');
    for (const secret of [coderToken, githubToken]) if (secret !== '') core.setSecret(secret);
    redact = createRedactor([coderToken, githubToken]);
    const github = { context: readRunContext(), token: githubToken };
    if (saved.finalBody !== undefined) {
      await rewrite(github, commentId, saved.finalBody);
      core.info('The status comment now shows the result that the main step could not write.');
      return;
    }
    await rewrite(github, commentId, cancelledBody(saved, redact));
    core.info('The run was cancelled; the status comment says so.');
  } catch (error) {
    if (saved.finalBody !== undefined) {
      core.setFailed(
        `The status comment is stale: it could not be updated with the result: ${redact(String(error))}`,
      );
    } else {
      core.warning(`Could not mark the status comment as cancelled: ${redact(String(error))}`);
    }
  }
}

/** Edits the comment; one someone deleted is posted again, so the thread still hears how it ended. */
async function rewrite(
  github: { context: RunContext; token: string },
  commentId: number,
  body: string,
): Promise<void> {
  const { context, token } = github;
  const target = { apiUrl: context.apiUrl, repo: context.repo, token, body };
  try {
    await patchComment({ ...target, commentId, delayMs: githubRetryUnitMs() });
  } catch (error) {
    const payload = context.payload as {
      issue?: { number?: unknown };
      pull_request?: { number?: unknown };
    };
    const issue = payload.issue?.number ?? payload.pull_request?.number;
    if (!(error instanceof CommentWriteError && error.status === 404) || typeof issue !== 'number')
      throw error;
    await postComment({ ...target, issueNumber: issue });
  }
}

function cancelledBody(saved: SavedRun, redact: (text: string) => string): string {
  const task =
    saved.taskName && saved.taskUrl
      ? { name: saved.taskName, url: saved.taskUrl, status: '', state: undefined, message: undefined }
      : undefined;
  // No noun saved: the run was cancelled before it chose Tasks or Chats, so no agent has the request.
  const reason = saved.noun
    ? `The workflow run was cancelled before the ${saved.noun} finished. The ${saved.noun} itself keeps running in Coder.`
    : "The workflow run was cancelled before Coder's agent was given the request.";
  return renderStatus(
    {
      phase: 'cancelled',
      noun: saved.noun,
      runUrl: saved.runUrl,
      task,
      reason,
    },
    { redact },
  ).body;
}
