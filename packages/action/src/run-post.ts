import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { createGitHubApi } from './github-api';
import { readInputs } from './inputs';
import { createRedactor } from './redact';
import { renderStatus } from './render-comment';
import { loadRunState } from './run-state';

/**
 * The post step. When the main step posted a status comment but never finished (the run was cancelled
 * while waiting), it rewrites the comment to say so, instead of leaving "working" there for ever.
 */
export async function runPost(): Promise<void> {
  const saved = loadRunState();
  if (saved.commentId === undefined || saved.finished) return;
  let redact = (text: string) => text;
  try {
    const inputs = readInputs();
    redact = createRedactor([inputs.coderToken, inputs.githubToken]);
    const github = createGitHubApi(getOctokit(inputs.githubToken), context.repo);
    const task =
      saved.taskName && saved.taskUrl
        ? { name: saved.taskName, url: saved.taskUrl, status: '', state: undefined, message: undefined }
        : undefined;
    const { body } = renderStatus(
      {
        phase: 'cancelled',
        runUrl: saved.runUrl,
        task,
        reason:
          'The workflow run was cancelled before the task finished. The task itself keeps running in Coder.',
      },
      { redact },
    );
    await github.updateComment(saved.commentId, body);
    core.info('The run was cancelled; the status comment says so.');
  } catch (error) {
    core.warning(`Could not mark the status comment as cancelled: ${redact(String(error))}`);
  }
}
