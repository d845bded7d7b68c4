import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link patchComment}. */
export interface PatchCommentOptions {
  /** GitHub's REST API root (`GITHUB_API_URL`, e.g. `https://api.github.com`). */
  apiUrl: string;
  repo: { owner: string; repo: string };
  token: string;
  commentId: number;
  body: string;
  /** Default 3. */
  attempts?: number;
  /**
   * The length of a second of its waits: default 1,000 ms. It waits one per attempt so far, or what a
   * `Retry-After` asks (up to 10).
   */
  delayMs?: number;
  /** Default {@link fetchFor}: Node's fetch, or undici's through the proxy the environment names. */
  fetch?: typeof fetch;
}

const MAX_RETRY_AFTER_S = 10;

/** GitHub's refusal of a comment write: its status, and its message (never the token). */
export class CommentWriteError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'CommentWriteError';
  }
}

function headers(token: string): Record<string, string> {
  return {
    accept: 'application/vnd.github+json',
    authorization: `token ${token}`,
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'coder-tasks-action',
    'x-github-api-version': '2022-11-28',
  };
}

function repoUrl(apiUrl: string, repo: { owner: string; repo: string }): string {
  return `${apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
}

/**
 * Sets the body of an issue comment, as `PATCH /repos/{owner}/{repo}/issues/comments/{id}`. Setting a
 * body twice leaves what setting it once does, so an attempt that may have landed can be repeated: it
 * is, after a connection failure, a 5xx, or a rate limit (429, or 403 with `Retry-After`). Errors name
 * the status and GitHub's message, never the token.
 */
export async function patchComment(options: PatchCommentOptions): Promise<void> {
  const url = `${repoUrl(options.apiUrl, options.repo)}/issues/comments/${options.commentId}`;
  const send = options.fetch ?? (await fetchFor(url));
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const unit = options.delayMs ?? 1_000;
    let waitMs = unit * attempt;
    let failure: Error;
    try {
      const response = await send(url, {
        method: 'PATCH',
        headers: headers(options.token),
        body: JSON.stringify({ body: options.body }),
      });
      const text = await response.text();
      if (response.ok) return;
      failure = new CommentWriteError(
        `GitHub answered ${response.status} to PATCH the comment: ${messageOf(text)}`,
        response.status,
      );
      const retryAfter = Number(response.headers.get('retry-after'));
      const limited = response.status === 429 || (response.status === 403 && retryAfter > 0);
      if (response.status < 500 && !limited) throw failure;
      if (retryAfter > 0) waitMs = Math.min(retryAfter, MAX_RETRY_AFTER_S) * unit;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      // fetch throws a TypeError when the connection fails; its cause says why.
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
      failure = new CommentWriteError(`Could not reach GitHub to PATCH the comment${cause}`, undefined);
    }
    if (attempt >= attempts) throw failure;
    await sleep(waitMs);
  }
}

/**
 * Posts a new comment on an issue or pull request, once: a POST that may have landed is never repeated
 * (a second one would be a second comment).
 */
export async function postComment(
  options: Omit<PatchCommentOptions, 'commentId' | 'attempts' | 'delayMs'> & { issueNumber: number },
): Promise<void> {
  const url = `${repoUrl(options.apiUrl, options.repo)}/issues/${options.issueNumber}/comments`;
  const send = options.fetch ?? (await fetchFor(url));
  const response = await send(url, {
    method: 'POST',
    headers: headers(options.token),
    body: JSON.stringify({ body: options.body }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new CommentWriteError(
      `GitHub answered ${response.status} to POST the comment: ${messageOf(text)}`,
      response.status,
    );
  }
}

function messageOf(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string')
      return parsed.message.slice(0, 500);
  } catch {}
  return text.slice(0, 200);
}

/**
 * The proxy the environment names for `url` (`https_proxy`/`HTTPS_PROXY`, or the `http_` pair for http:),
 * unless `no_proxy`/`NO_PROXY` lists its host (exactly, as a domain suffix, with its port, or `*`) or the
 * host is a loopback address, as the runner's own tools decide.
 */
export function proxyFor(url: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const proxy = secure ? (env.https_proxy ?? env.HTTPS_PROXY) : (env.http_proxy ?? env.HTTP_PROXY);
  if (!proxy) return undefined;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.startsWith('127.') || host === '::1') return undefined;
  const port = target.port || (secure ? '443' : '80');
  for (const raw of (env.no_proxy ?? env.NO_PROXY ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return undefined;
    const [name = '', entryPort] = entry.replace(/^\*?\./, '').split(':');
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return undefined;
  }
  return proxy;
}

/**
 * Node's fetch, or, when {@link proxyFor} names a proxy for `url`, undici's fetch through it: undici is
 * loaded only then (Node's own fetch ignores proxy variables).
 */
export async function fetchFor(url: string): Promise<typeof fetch> {
  const proxy = proxyFor(url);
  if (proxy === undefined) return fetch;
  const undici = await import('undici');
  const dispatcher = new undici.ProxyAgent(proxy);
  return ((input: string, init: RequestInit) =>
    undici.fetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}
