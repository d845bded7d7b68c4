import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CommentWriteError, patchComment, postComment, proxyFor } from '../src/comment-patch';

const TOKEN = 'ghs_patchTestToken0123456789abcdefghij';
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: { close(): void }[] = [];

/** A loopback GitHub API that answers each PATCH with the next handler, and records what it got. */
async function github(...handlers: Handler[]) {
  const seen: { method: string; url: string; authorization: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization ?? '',
        body,
      });
      const handler = handlers[Math.min(seen.length - 1, handlers.length - 1)];
      handler?.(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const answer =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

const options = (apiUrl: string) => ({
  apiUrl,
  repo: { owner: 'Codertocat', repo: 'Hello-World' },
  token: TOKEN,
  commentId: 42,
  body: 'cancelled',
  delayMs: 200,
});

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('patchComment', () => {
  it('sends one PATCH of the body with the token to the comment route', async () => {
    const api = await github(answer(200, { id: 42 }));
    await patchComment(options(api.url));
    expect(api.seen).toEqual([
      {
        method: 'PATCH',
        url: '/repos/Codertocat/Hello-World/issues/comments/42',
        authorization: `token ${TOKEN}`,
        body: JSON.stringify({ body: 'cancelled' }),
      },
    ]);
  });

  it('repeats it after a 5xx and after a rate limit, honouring Retry-After', async () => {
    const api = await github(
      answer(502, { message: 'Bad gateway' }),
      answer(429, { message: 'slow down' }, { 'retry-after': '1' }),
      answer(200, { id: 42 }),
    );
    const started = Date.now();
    await patchComment(options(api.url));
    expect(api.seen).toHaveLength(3);
    // 1 unit after the 502, then the 1 s of Retry-After: 2 units in all.
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('does not repeat a refusal, and says why without the token', async () => {
    const api = await github(answer(404, { message: 'Not Found' }));
    const failure = await patchComment(options(api.url)).catch((error: Error) => error);
    expect(api.seen).toHaveLength(1);
    expect(String(failure)).toContain('GitHub answered 404 to PATCH the comment: Not Found');
    expect(String(failure)).not.toContain(TOKEN);
  });

  it('gives up after its attempts when GitHub cannot be reached', async () => {
    const api = await github(answer(200, {}));
    servers.pop()?.close();
    const failure = await patchComment({ ...options(api.url), attempts: 2 }).catch((error: Error) => error);
    expect(String(failure)).toMatch(
      /^CommentWriteError: Could not reach GitHub to PATCH the comment: connect ECONNREFUSED/,
    );
    expect(String(failure)).not.toContain(TOKEN);
  });
});

describe('postComment', () => {
  it('posts once, and does not repeat a POST that failed (it may have landed)', async () => {
    const api = await github(answer(502, { message: 'Bad gateway' }), answer(201, { id: 7 }));
    const { commentId: _, delayMs: __, ...rest } = options(api.url);
    const failure = await postComment({ ...rest, issueNumber: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommentWriteError);
    expect((failure as CommentWriteError).status).toBe(502);
    expect(api.seen.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST /repos/Codertocat/Hello-World/issues/1/comments',
    ]);
  });
});

describe('proxyFor', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', http_proxy: 'http://plain.corp:8080' };
  it.each([
    ['https://api.github.com/x', {}, undefined],
    ['https://api.github.com/x', env, 'http://proxy.corp:3128'],
    ['http://ghe.corp/api/v3', env, 'http://plain.corp:8080'],
    ['https://api.github.com/x', { ...env, NO_PROXY: 'github.com' }, undefined],
    ['https://api.github.com/x', { ...env, no_proxy: '.github.com' }, undefined],
    ['https://api.github.com/x', { ...env, NO_PROXY: 'api.github.com:8443' }, 'http://proxy.corp:3128'],
    ['https://api.github.com/x', { ...env, NO_PROXY: 'api.github.com:443' }, undefined],
    ['https://api.github.com/x', { ...env, NO_PROXY: 'notgithub.com' }, 'http://proxy.corp:3128'],
    ['https://api.github.com/x', { ...env, NO_PROXY: '*' }, undefined],
    ['https://127.0.0.1:3000/x', env, undefined],
    ['https://localhost/x', env, undefined],
  ])('%s with %j -> %s', (url, vars, expected) => {
    expect(proxyFor(url, vars)).toBe(expected);
  });
});
