import type { ThreadRef } from './event';
import type { GitHubApi, ThreadDetails } from './github-api';

/** A thread with everything the prompt uses. */
export interface Thread extends ThreadDetails {
  number: number;
}

/**
 * Completes what the payload says about the thread: a pull request's branches are not in an
 * `issue_comment` payload, and a `workflow_dispatch` has only the number.
 */
export async function loadThread(github: GitHubApi, ref: ThreadRef | undefined): Promise<Thread | undefined> {
  if (ref === undefined) return undefined;
  const complete = ref.isPullRequest === false || (ref.isPullRequest === true && ref.headRef !== undefined);
  if (complete && ref.title !== undefined && ref.url !== undefined) {
    return {
      number: ref.number,
      title: ref.title,
      body: ref.body ?? '',
      url: ref.url,
      isPullRequest: ref.isPullRequest === true,
      headRef: ref.headRef,
      baseRef: ref.baseRef,
    };
  }
  return { number: ref.number, ...(await github.getThread(ref.number)) };
}
