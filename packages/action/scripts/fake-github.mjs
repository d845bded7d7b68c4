// A fake of the few GitHub REST routes the action calls, on loopback, recording every call. Used by the
// end-to-end tests and the demo (plain JavaScript so the demo runs on Node without a build step).
import { createServer } from 'node:http';

const ROLE_TO_PERMISSION = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
};

/**
 * Starts the fake GitHub API.
 * @param {import('./fake-github.d.mts').FakeGitHubOptions} [options]
 * @returns {Promise<import('./fake-github.d.mts').FakeGitHub>}
 */
export async function startFakeGitHub(options = {}) {
  const owner = options.owner ?? 'Codertocat';
  const repo = options.repo ?? 'Hello-World';
  const roles = { ...(options.roles ?? {}) };
  const threads = { ...(options.threads ?? {}) };
  const failures = { ...(options.failures ?? {}) };
  const fake = { latencyMs: options.latencyMs ?? 0 };
  /** @type {import('./fake-github.d.mts').RecordedCall[]} */
  const calls = [];
  /** @type {Map<number, { id: number, issue_number: number, body: string, html_url: string, history: string[] }>} */
  const comments = new Map();
  let nextId = 9_000_001;
  const base = `/repos/${owner}/${repo}`;

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text === '' ? undefined : JSON.parse(text);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const call = {
      method: req.method ?? 'GET',
      path,
      body,
      authorization: req.headers.authorization ?? '',
      status: 0,
    };
    calls.push(call);
    if (fake.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.latencyMs));
    /** @type {import('./fake-github.d.mts').FailureSpec | undefined} */
    let after;
    const reply = (status, data, headers = {}) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    const fail = (spec) => {
      if (spec.reset) {
        call.status = -1;
        res.socket?.destroy();
        return;
      }
      reply(
        spec.status ?? 502,
        { message: spec.message ?? 'Injected failure', documentation_url: 'https://docs.github.com/rest' },
        spec.headers,
      );
    };
    // A failure injected `afterHandler` lets the route do its work and then answers the failure instead.
    const send = (status, data) => (after ? fail(after) : reply(status, data));
    const route = (method, pattern) => {
      if (req.method !== method) return undefined;
      const match = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${pattern}$`).exec(path);
      return match ?? undefined;
    };
    const failure = Object.entries(failures).find(
      ([key, spec]) =>
        (key === `${req.method} ${path.replace(base, '')}` ||
          key === `${req.method} ${routeKey(path.replace(base, ''))}`) &&
        (typeof spec === 'number' || spec.bodyIncludes === undefined || text.includes(spec.bodyIncludes)),
    );
    if (failure) {
      const spec = typeof failure[1] === 'number' ? { status: failure[1] } : failure[1];
      if (spec.times !== undefined && --spec.times <= 0) delete failures[failure[0]];
      if (!spec.afterHandler) return fail(spec);
      after = spec;
    }
    if (options.requireToken && req.headers.authorization !== `token ${options.requireToken}`) {
      return send(401, { message: 'Bad credentials' });
    }
    let m;
    m =
      route('POST', '/issues/comments/(\\d+)/reactions') ?? route('POST', '/pulls/comments/(\\d+)/reactions');
    if (m) {
      return send(201, { id: nextId++, content: body?.content, user: { login: 'github-actions[bot]' } });
    }
    m = route('GET', '/collaborators/([^/]+)/permission');
    if (m) {
      const role = roles[m[1]];
      if (role === undefined) return send(404, { message: 'Not Found' });
      return send(200, {
        permission: ROLE_TO_PERMISSION[role] ?? 'read',
        role_name: role,
        user: { login: m[1] },
      });
    }
    m = route('POST', '/issues/(\\d+)/comments');
    if (m) {
      const id = nextId++;
      const issueNumber = Number(m[1]);
      const html_url = `https://github.com/${owner}/${repo}/issues/${issueNumber}#issuecomment-${id}`;
      if (typeof body?.body !== 'string' || body.body.length > 65_536)
        return send(422, {
          message: 'Validation Failed',
          errors: [
            { field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' },
          ],
        });
      const now = new Date().toISOString();
      comments.set(id, {
        id,
        issue_number: issueNumber,
        body: body.body,
        html_url,
        history: [body.body],
        user: 'github-actions[bot]',
        created_at: now,
        updated_at: now,
      });
      return send(201, {
        id,
        body: body.body,
        html_url,
        user: { login: 'github-actions[bot]', type: 'Bot' },
      });
    }
    m = route('PATCH', '/issues/comments/(\\d+)');
    if (m) {
      const comment = comments.get(Number(m[1]));
      if (!comment) return send(404, { message: 'Not Found' });
      if (typeof body?.body !== 'string' || body.body.length > 65_536)
        return send(422, { message: 'Validation Failed' });
      comment.body = body.body;
      comment.history.push(body.body);
      comment.updated_at = new Date().toISOString();
      return send(200, {
        id: comment.id,
        body: comment.body,
        html_url: comment.html_url,
        user: { login: 'github-actions[bot]', type: 'Bot' },
      });
    }
    m = route('GET', '/issues/(\\d+)/comments');
    if (m) {
      const since = url.searchParams.get('since');
      const list = [...comments.values()].filter(
        (c) => c.issue_number === Number(m[1]) && (since === null || c.updated_at >= since),
      );
      return send(
        200,
        list.map(({ id, body: b, html_url, user, created_at, updated_at }) => ({
          id,
          body: b,
          html_url,
          user: { login: user, type: user.endsWith('[bot]') ? 'Bot' : 'User' },
          created_at,
          updated_at,
        })),
      );
    }
    m = route('GET', '/issues/(\\d+)');
    if (m) {
      const thread = threads[Number(m[1])];
      if (!thread) return send(404, { message: 'Not Found' });
      return send(200, {
        number: Number(m[1]),
        title: thread.title,
        body: thread.body ?? null,
        html_url: `https://github.com/${owner}/${repo}/${thread.pull ? 'pull' : 'issues'}/${m[1]}`,
        ...(thread.pull ? { pull_request: { url: `https://api.github.com${base}/pulls/${m[1]}` } } : {}),
      });
    }
    m = route('GET', '/pulls/(\\d+)');
    if (m) {
      const thread = threads[Number(m[1])];
      if (!thread?.pull) return send(404, { message: 'Not Found' });
      return send(200, {
        number: Number(m[1]),
        title: thread.title,
        body: thread.body ?? null,
        html_url: `https://github.com/${owner}/${repo}/pull/${m[1]}`,
        head: { ref: thread.pull.head },
        base: { ref: thread.pull.base },
      });
    }
    return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    comments,
    roles,
    failures,
    get latencyMs() {
      return fake.latencyMs;
    },
    set latencyMs(ms) {
      fake.latencyMs = ms;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/** `/collaborators/alice/permission` -> `/collaborators/{user}/permission`, for failure keys. */
function routeKey(path) {
  return path
    .replace(/^\/collaborators\/[^/]+\/permission$/, '/collaborators/{user}/permission')
    .replace(/\/\d+/g, '/{n}');
}
