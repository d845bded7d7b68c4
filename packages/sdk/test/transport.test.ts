import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { type CoderApiError, CoderClient, SDK_VERSION } from '../src/index';
import { startHarness, templateVersionId } from './harness';
import { startTcpProxy } from './tcp-proxy';

// Retries, aborts and timeouts are in transport-retries.test.ts; malformed answers in
// transport-bad-answers.test.ts.

describe('the wire', () => {
  it('sends the token header, a versioned User-Agent and JSON headers', async () => {
    const h = await startHarness({}, { userAgent: 'my-bot/1.2' });
    await h.client.createTask('me', { template_version_id: templateVersionId(h), input: 'x' });
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(SDK_VERSION).toBe(pkg.version);
    const [post] = h.fake.requests;
    expect(post?.user).toBe('admin');
    expect(post?.headers).toMatchObject({
      'user-agent': `my-bot/1.2 coder-tasks-sdk/${pkg.version}`,
      'content-type': 'application/json',
      accept: 'application/json',
    });
    await h.clientWith({}).buildInfo();
    expect(h.fake.requests[1]?.headers['user-agent']).toBe(`coder-tasks-sdk/${pkg.version}`);
  });

  it('keeps one connection alive across calls, and leaves an injected dispatcher open', async () => {
    const h = await startHarness();
    const proxy = await startTcpProxy(h.fake.url);
    const own = h.clientWith({ url: proxy.url });
    for (let i = 0; i < 20; i++) await own.me();
    // undici may open a second socket while the first is being returned to the pool; without keep-alive
    // this would be 20.
    expect(proxy.connections).toBeLessThanOrEqual(2);
    const before = proxy.connections;
    const agent = new Agent();
    const injected = h.clientWith({ url: proxy.url, dispatcher: agent });
    await injected.me();
    await injected.close();
    await expect(injected.me()).resolves.toMatchObject({ username: 'admin' });
    expect(proxy.connections).toBeGreaterThan(before);
    await agent.close();
  });

  it('rejects bad options with errors that say what to pass', () => {
    expect(() => new CoderClient({ url: 'coder.example.com', token: 't' })).toThrow(
      'CoderClient: `url` must be an absolute http(s) URL such as https://coder.example.com, got "coder.example.com"',
    );
    expect(() => new CoderClient({ url: 'ftp://x', token: 't' })).toThrow('must use http or https, got ftp:');
    expect(() => new CoderClient({ url: 'https://u:p@x', token: 't' })).toThrow('must not carry credentials');
    expect(() => new CoderClient({ url: 'https://x?coder_session_token=s3cret', token: 't' })).toThrow(
      'CoderClient: `url` must not carry a token in its query (coder_session_token); pass the session token as `token`.',
    );
    expect(() => new CoderClient({ url: 'https://x/?Access_Token=s3cret', token: 't' })).toThrow(
      'must not carry a token in its query (Access_Token)',
    );
    // Another query is dropped, not sent along with every request.
    expect(new CoderClient({ url: 'https://x/sub?a=1#f', token: 't' }).url.toString()).toBe('https://x/sub/');
    // An unparsable URL is shown without what could be a secret in it.
    const shown = (url: string, token = 't') => {
      try {
        new CoderClient({ url, token });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${url} was accepted`);
    };
    expect(shown('coder.example.com?coder_session_token=s3cret')).toMatch(/got "coder\.example\.com"$/);
    expect(shown('//u:s3cret@coder example')).toMatch(/got "\/\/coder example"$/);
    const token = 'abcdefghij-0123456789abcdefghijkl';
    expect(shown(token, 'https://coder.example.com')).not.toContain('0123456789');
    expect(shown(`${token}x`, token)).toMatch(/got "\[REDACTED\]x"$/);
    expect(() => new CoderClient({ url: 'https://x', token: ' ' })).toThrow(
      'CoderClient: `token` is required',
    );
    expect(() => new CoderClient({ url: 'https://x', token: 't', timeout: 0 })).toThrow(
      '`timeout` must be a number of ms > 0 and <= 2147483647, got 0',
    );
    expect(() => new CoderClient({ url: 'https://x', token: 't', timeout: 3_000_000_000 })).toThrow(
      '`timeout` must be a number of ms > 0 and <= 2147483647, got 3000000000',
    );
    expect(() => new CoderClient({ url: 'https://x', token: 't', retry: { jitter: 3 } })).toThrow(
      'retry.jitter',
    );
    expect(() => new CoderClient({ url: 'https://x', token: 't', fetchImpl: fetch as never })).toThrow(
      '`fetchImpl` is not supported',
    );
  });

  it('builds dashboard links under a path prefix', () => {
    const client = new CoderClient({ url: 'https://coder.example.com/sub', token: 't' });
    const task = { owner_name: 'alice', id: '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77' };
    expect(client.taskUrl(task)).toBe(
      'https://coder.example.com/sub/tasks/alice/8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77',
    );
    void client.close();
  });
});

describe('authentication and secrets', () => {
  it("adds Go's login hint to a 401 and never shows the token", async () => {
    const h = await startHarness();
    const token = 'abcdefghij-0123456789abcdefghijkl';
    const client = h.clientWith({ token });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, kind: 'unauthorized' });
    expect((error as Error).message).toContain(
      "unexpected status code 401: You are signed out or your session has expired. Please sign in again to continue.: Try logging in using 'coder login'.",
    );
    expect(JSON.stringify(error)).not.toContain(token);
    expect((error as Error).message).not.toContain(token);
  });

  it('never shows the token when the client itself is logged', async () => {
    const h = await startHarness();
    const shown = [
      inspect(h.client, { depth: 20, showHidden: true }),
      JSON.stringify(h.client),
      String(h.client),
    ];
    for (const text of shown) expect(text).not.toContain(h.fake.token);
  });

  it('scrubs the token from anything the server echoes back', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({
      kind: 'status',
      status: 400,
      body: { message: `bad header ${h.fake.token}`, detail: `Coder-Session-Token: ${h.fake.token}` },
      route: '/api/v2/users/me',
      times: 1,
    });
    const error = (await h.client.me().catch((e: unknown) => e)) as CoderApiError;
    expect(error.message).toBe(
      `GET ${h.fake.url}/api/v2/users/me: unexpected status code 400: bad header [REDACTED]\n\tError: Coder-Session-Token: [REDACTED]`,
    );
    expect(JSON.stringify(error.response)).not.toContain(h.fake.token);
  });
});
