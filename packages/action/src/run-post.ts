import * as core from '@actions/core';
import { context } from '@actions/github';
import { createGitHubApi, createOctokit, type GitHubApi, statusOf } from './github-api';
import { githubRetryUnitMs } from './github-retry-unit';
import { readInputs } from './inputs';
import { createRedactor } from './redact';
import { renderStatus } from './render-comment';
import { loadRunState, type SavedRun } from './run-state';

/**
 * The post step. When the main step posted a status comment but could not write its final body, it
 * writes it; when the main step never finished (the run was cancelled while waiting), it rewrites the
 * comment to say so, instead of leaving "working" there for ever.
 */
export async function runPost(): Promise<void> {
  const saved = loadRunState();
  if (saved.commentId === undefined || saved.finished) return;
  const commentId = saved.commentId;
  let redact = (text: string) => text;
  try {
    const inputs = readInputs();
    redact = createRedactor([inputs.coderToken, inputs.githubToken]);
    const octokit = createOctokit(inputs.githubToken, {
      unitMs: githubRetryUnitMs(),
      onLimited: (message) => core.info(message),
    });
    const github = createGitHubApi(octokit, context.repo);
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
async function rewrite(github: GitHubApi, commentId: number, body: string): Promise<void> {
  try {
    await github.updateComment(commentId, body);
  } catch (error) {
    const issue = context.payload.issue?.number ?? context.payload.pull_request?.number;
    if (statusOf(error) !== 404 || typeof issue !== 'number') throw error;
    await github.createComment(issue, body);
  }
}

function cancelledBody(saved: SavedRun, redact: (text: string) => string): string {
  const task =
    saved.taskName && saved.taskUrl
      ? { name: saved.taskName, url: saved.taskUrl, status: '', state: undefined, message: undefined }
      : undefined;
  return renderStatus(
    {
      phase: 'cancelled',
      runUrl: saved.runUrl,
      task,
      reason:
        'The workflow run was cancelled before the task finished. The task itself keeps running in Coder.',
    },
    { redact },
  ).body;
}
