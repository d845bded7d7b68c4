import {
  CoderAbortError,
  CoderApiError,
  CoderConnectionError,
  CoderResponseFormatError,
  CoderTimeoutError,
  TaskFailedError,
  TasksUnavailableError,
} from '@coder-tasks/sdk';
import { InputError } from './input-error';

/**
 * A sentence for the person who asked, saying what went wrong and what to do. Branches on error classes
 * and statuses, never on message text. The result still goes through the redactor before it is shown.
 */
export function describeError(error: unknown, coderUrl: string): string {
  if (error instanceof InputError) return error.message;
  if (error instanceof TasksUnavailableError) {
    const version = error.serverVersion ? ` (version ${error.serverVersion})` : '';
    return `The Coder server at ${coderUrl}${version} does not serve the Tasks API: it is older than v2.29, or, from v2.36 on, it runs without CODER_ENABLE_AI_TASKS.`;
  }
  if (error instanceof TaskFailedError) {
    const build = error.buildError ? ` The workspace build failed: ${error.buildError}` : '';
    return `The task ${error.task.name} failed (status ${error.task.status}).${build}`;
  }
  if (error instanceof CoderApiError) {
    const detail = error.response.detail ? ` ${error.response.detail}` : '';
    const hint =
      error.status === 401
        ? ' Check the coder-token secret: it is wrong or expired.'
        : error.status === 403
          ? ' The token’s user is not allowed to do this.'
          : '';
    return `Coder answered ${error.method} ${pathOf(error.url)} with ${error.status}: ${error.response.message}${detail}${hint}`;
  }
  if (error instanceof CoderConnectionError) return `Could not reach Coder at ${coderUrl}: ${error.message}`;
  if (error instanceof CoderTimeoutError)
    return `Coder at ${coderUrl} did not answer in time: ${error.message}`;
  if (error instanceof CoderResponseFormatError) {
    return `Coder at ${coderUrl} sent a response the action cannot read: ${error.message}`;
  }
  if (error instanceof CoderAbortError) return 'The run was cancelled.';
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The path of a URL (no host, no query: a query could carry a token); the text itself if it is not one. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}
