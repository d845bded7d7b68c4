import { patchComment } from './comment-patch';
import { createRedactor } from './redact';
import { renderStatus } from './render-comment';
import { loadRunState } from './run-state';
import { getInput, info, setSecret, warning } from './runner-commands';

/**
 * The post step. When the main step posted a status comment but never finished (the run was cancelled
 * while waiting), it rewrites the comment to say so, instead of leaving "working" there for ever. It
 * needs only the saved state, the tokens (to redact) and one PATCH, so it loads neither `@actions/core`
 * nor Octokit: it starts on every run.
 */
export async function runPost(): Promise<void> {
  const saved = loadRunState();
  if (saved.commentId === undefined || saved.finished) return;
  let redact = (text: string) => text;
  try {
    const coderToken = getInput('coder-token');
    const githubToken = getInput('github-token');
    for (const secret of [coderToken, githubToken]) if (secret !== '') setSecret(secret);
    redact = createRedactor([coderToken, githubToken]);
    const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
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
    await patchComment({
      apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
      repo: { owner, repo },
      token: githubToken,
      commentId: saved.commentId,
      body,
    });
    info('The run was cancelled; the status comment says so.');
  } catch (error) {
    warning(`Could not mark the status comment as cancelled: ${redact(String(error))}`);
  }
}
