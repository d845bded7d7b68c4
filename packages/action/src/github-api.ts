import { Octokit as OctokitCore } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { fetchFor } from './comment-patch';
import type { TriggerComment } from './event';
import { addResilience } from './github-resilience';

/** The answer of GitHub's collaborator permission route, as far as the action reads it. */
export interface CollaboratorPermission {
  permission?: unknown;
  role_name?: unknown;
}

/** An issue or pull request, as far as the prompt needs it. */
export interface ThreadDetails {
  title: string;
  body: string;
  url: string;
  isPullRequest: boolean;
  headRef?: string | undefined;
  baseRef?: string | undefined;
}

/** A posted comment. */
export interface PostedComment {
  id: number;
  url: string;
}

/** A comment read back from a thread. */
export interface ListedComment extends PostedComment {
  body: string;
  /** Its author's login ('' when GitHub names none, as for a deleted account). */
  author: string;
}

/** The few GitHub calls the action makes, for one repository. I/O modules take this, never Octokit. */
export interface GitHubApi {
  /** Adds 👀; resolves with the login of the account that reacted (the action's own), when GitHub says. */
  addEyesReaction(comment: TriggerComment): Promise<string | undefined>;
  /** `signal` stops the read, and its retries. */
  getPermission(username: string, signal?: AbortSignal): Promise<CollaboratorPermission>;
  /** Posts once, never repeated after a server error: a POST that may have landed must not be sent blindly. */
  createComment(issueNumber: number, body: string): Promise<PostedComment>;
  updateComment(commentId: number, body: string): Promise<PostedComment>;
  /** The thread's comments updated at or after `since`, oldest first. */
  listComments(issueNumber: number, since: Date): Promise<ListedComment[]>;
  getThread(number: number): Promise<ThreadDetails>;
}

/** How the GitHub client waits before it repeats a request. */
export interface GitHubRetryOptions {
  /**
   * The length of one second of the client's waits (a `retry-after` of 2 waits two units; the backoff
   * after server errors is 1, 4, 9 units; new comments are spaced three). Default
   * 1_000. Tests shorten it; the behaviour is the same.
   */
  unitMs?: number;
  /** Told when GitHub limits the rate, with the wait in seconds. Default: ignore. */
  onLimited?: (message: string) => void;
  /** The API's URL. Default: `GITHUB_API_URL`, else https://api.github.com (as `@actions/github` reads it). */
  baseUrl?: string;
}

/**
 * An Octokit (not `@actions/github`'s: its client imports an HTTP client and undici
 * whatever one calls, which held up the first request) on Node's fetch (or undici's behind a proxy the
 * environment names, loaded only then), at `GITHUB_API_URL`. Failed requests are tried again as
 * octokit's retry and throttling plugins would (5xx and dropped connections with backoff, except for a
 * comment POST; `retry-after` of secondary rate limits; the reset of the primary one), and new comments
 * are spaced three units apart: see `github-retry.ts`.
 */
export function createOctokit(token: string, options: GitHubRetryOptions = {}): Octokit {
  const unitMs = options.unitMs ?? 1_000;
  const baseUrl = options.baseUrl ?? (process.env.GITHUB_API_URL || 'https://api.github.com');
  const orchestration = process.env.ACTIONS_ORCHESTRATION_ID?.trim();
  let chosen: Promise<typeof fetch> | undefined;
  const octokit = new ActionOctokit({
    auth: `token ${token}`,
    baseUrl,
    request: {
      // One fetch for the API's host, chosen at the first request (a proxy's agent is then reused).
      fetch: async (url: string, init: RequestInit) => {
        chosen ??= fetchFor(baseUrl);
        return (await chosen)(url, init);
      },
    },
    ...(orchestration
      ? { userAgent: `actions_orchestration_id/${orchestration.replace(/[^a-z0-9_.-]/gi, '_')}` }
      : {}),
  });
  addResilience(octokit, { unitMs, onLimited: options.onLimited ?? (() => {}) });
  return octokit;
}

// Routes are called by name with octokit.request: the REST-methods plugin would add 82 KB of endpoint
// definitions to what every run loads before its first request, for the eight routes used here.
const ActionOctokit = OctokitCore.plugin(paginateRest);
type Octokit = InstanceType<typeof ActionOctokit>;

/** {@link GitHubApi} over an Octokit (see {@link createOctokit}). */
export function createGitHubApi(octokit: Octokit, repo: { owner: string; repo: string }): GitHubApi {
  return {
    async addEyesReaction(comment) {
      const { data } =
        comment.kind === 'review'
          ? await octokit.request('POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions', {
              ...repo,
              comment_id: comment.id,
              content: 'eyes',
            })
          : await octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
              ...repo,
              comment_id: comment.id,
              content: 'eyes',
            });
      return data.user?.login;
    },
    async getPermission(username, signal) {
      const { data } = await octokit.request(
        'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
        {
          ...repo,
          username,
          ...(signal ? { request: { signal } } : {}),
        },
      );
      return data;
    },
    async createComment(issueNumber, body) {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repo,
        issue_number: issueNumber,
        body,
        request: { retries: 0 },
      });
      return { id: Number(data.id), url: data.html_url };
    },
    async updateComment(commentId, body) {
      const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...repo,
        comment_id: commentId,
        body,
      });
      return { id: Number(data.id), url: data.html_url };
    },
    async listComments(issueNumber, since) {
      const comments = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repo,
        issue_number: issueNumber,
        since: since.toISOString(),
        per_page: 100,
      });
      return comments.map((c) => ({
        id: Number(c.id),
        url: c.html_url,
        body: c.body ?? '',
        author: c.user?.login ?? '',
      }));
    },
    async getThread(number) {
      const { data: issue } = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
        ...repo,
        issue_number: number,
      });
      const details: ThreadDetails = {
        title: issue.title,
        body: issue.body ?? '',
        url: issue.html_url,
        isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
      };
      if (!details.isPullRequest) return details;
      const { data: pull } = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
        ...repo,
        pull_number: number,
      });
      return { ...details, headRef: pull.head.ref, baseRef: pull.base.ref };
    },
  };
}

/** The HTTP status of a failed request, when it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Whether a failed write may still have been carried out: GitHub answered 5xx (a proxy's 502 can come
 * after the write landed), or the connection failed (octokit reports that as status 500, or none).
 */
export function mayHaveLanded(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}
