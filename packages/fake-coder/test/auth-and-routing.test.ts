import { BuildInfoSchema, parseWire } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask, withFake } from './helpers';

// Authentication (httpmw.ExtractAPIKey), unknown routes, the tasks-disabled switch, common headers and request
// recording.

const SIGNED_OUT = 'You are signed out or your session has expired. Please sign in again to continue.';

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder();
});
afterAll(() => fake.close());

describe('authentication', () => {
  it.each([
    ['no token', null, 'Cookie "coder_session_token" or query parameter must be provided.'],
    ['one part', 'abc', 'Invalid API key format: incorrect amount of API key parts, expected 2 got 1'],
    [
      'a short id',
      'abc-0123456789012345678901',
      'Invalid API key format: invalid API key ID length, expected 10 got 3',
    ],
    [
      'a short secret',
      '0123456789-abc',
      'Invalid API key format: invalid API key secret length, expected 22 got 3',
    ],
    ['an unknown id', '0123456789-0123456789012345678901', 'API key is invalid.'],
  ])('answers 401 for %s', async (_name, token, detail) => {
    const res = await call(fake, 'GET', '/api/v2/users/me', { token });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ message: SIGNED_OUT, detail });
    // coderd's fixed description, not the body's detail; its "signed out … expired" message makes it
    // pick the expired sentence for every API key 401.
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer realm="coder", error="invalid_token", error_description="The access token has expired", resource_metadata="${fake.url}/.well-known/oauth-protected-resource"`,
    );
  });

  it('answers 401 for a wrong secret and for an expired key', async () => {
    const { token } = fake.control.addUser({ username: 'expiring' });
    const wrong = `${token.slice(0, 10)}-${'x'.repeat(22)}`;
    expect((await call(fake, 'GET', '/api/v2/users/me', { token: wrong })).json).toEqual({
      message: SIGNED_OUT,
      detail: 'API key secret is invalid.',
    });
    fake.control.expireToken('expiring');
    const expired = await call(fake, 'GET', '/api/v2/users/me', { token });
    expect(expired.status).toBe(401);
    expect((expired.json as { detail: string }).detail).toMatch(/^API key expired at ".+"\.$/);
    expect(expired.headers.get('www-authenticate')).toContain(
      'error="invalid_token", error_description="The access token has expired"',
    );
  });

  it('accepts every token source coderd reads', async () => {
    const me = async (init: { headers?: Record<string, string>; query?: string }) => {
      const res = await fetch(`${fake.url}/api/v2/users/me${init.query ?? ''}`, { headers: init.headers });
      return [res.status, ((await res.json()) as { username?: string }).username];
    };
    const t = fake.tokens.member as string;
    expect(await me({ headers: { 'Coder-Session-Token': t } })).toEqual([200, 'member']);
    expect(await me({ headers: { Authorization: `Bearer ${t}` } })).toEqual([200, 'member']);
    expect(await me({ headers: { Authorization: `bEaReR ${t}` } })).toEqual([200, 'member']);
    expect(await me({ headers: { Cookie: `other=1; coder_session_token=${t}` } })).toEqual([200, 'member']);
    expect(await me({ query: `?coder_session_token=${t}` })).toEqual([200, 'member']);
    expect(await me({ query: `?access_token=${t}` })).toEqual([200, 'member']);
    expect(await me({ query: `?access_token=%20${t}%20` })).toEqual([200, 'member']);
    // The cookie wins over the header.
    expect(
      await me({ headers: { Cookie: `coder_session_token=${t}`, 'Coder-Session-Token': fake.token } }),
    ).toEqual([200, 'member']);
  });
});

describe('routing', () => {
  it('answers 404 "Route not found." for unknown routes, authenticated or not', async () => {
    for (const path of ['/api/v2/nope', '/api/v2/chats', '/', '/api/v2/tasks/me/x/y/z']) {
      const res = await call(fake, 'GET', path, { token: null });
      expect([res.status, res.json]).toEqual([404, { message: 'Route not found.' }]);
    }
  });

  it('sets coderd headers on every response', async () => {
    for (const res of [
      await call(fake, 'GET', '/api/v2/buildinfo'),
      await call(fake, 'GET', '/api/v2/nope'),
    ]) {
      expect(res.headers.get('x-coder-build-version')).toBe('v2.36.1');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('escapes HTML in JSON as Go does', async () => {
    const t = await createTask(fake, { input: '<b>&</b>' });
    const res = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}`);
    expect(res.text).toContain('"initial_prompt":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"');
  });

  it('records requests without any credential', async () => {
    fake.requests.length = 0;
    await call(fake, 'POST', '/api/v2/tasks/me?coder_session_token=secret-in-query', {
      body: { template_version_id: fake.control.seed?.templateVersionId, input: 'recorded' },
      headers: { Authorization: `Bearer ${fake.token}`, Cookie: `coder_session_token=${fake.token}` },
    });
    expect(fake.requests).toHaveLength(1);
    const [r] = fake.requests;
    expect(r).toMatchObject({
      method: 'POST',
      path: '/api/v2/tasks/me',
      route: '/api/v2/tasks/{user}',
      status: 201,
      user: 'admin',
      body: { input: 'recorded' },
      query: {},
    });
    const dump = JSON.stringify(fake.requests);
    expect(dump).not.toContain(fake.token);
    expect(dump).not.toContain('secret-in-query');
    expect(Object.keys(r?.headers ?? {})).not.toContain('authorization');
  });

  it('records no token from the header, access_token, or a rejected request', async () => {
    fake.requests.length = 0;
    const member = fake.tokens.member as string;
    const rejected = 'Zq8Rw2Lk5N-Tt4Yh7Ud1Ic6Ob3Pa9Ms0Ee';
    await call(fake, 'GET', `/api/v2/users/me?access_token=${member}&keep=1`, { token: null });
    await call(fake, 'GET', '/api/v2/users/me', { token: member });
    await call(fake, 'GET', `/api/v2/users/me?coder_session_token=${rejected}`, { token: rejected });
    expect(fake.requests.map((r) => [r.status, r.user ?? null, r.query])).toEqual([
      [200, 'member', { keep: '1' }],
      [200, 'member', {}],
      [401, null, {}],
    ]);
    for (const r of fake.requests) expect(Object.keys(r.headers)).not.toContain('coder-session-token');
    const dump = JSON.stringify(fake.requests);
    expect(dump).not.toContain(member);
    expect(dump).not.toContain(rejected);
  });

  it('serves every task route under /api/experimental as under /api/v2', async () => {
    const x = '/api/experimental/tasks';
    const created = await call(fake, 'POST', `${x}/me`, {
      body: { template_version_id: fake.control.seed?.templateVersionId, input: 'experimental' },
    });
    expect(created.status).toBe(201);
    const { id } = created.json as { id: string };
    await fake.control.waitForTask(id, 'active');
    await fake.control.waitForIdle();
    expect((await call(fake, 'GET', x)).status).toBe(200);
    expect((await call(fake, 'GET', `${x}/me/${id}`)).status).toBe(200);
    expect((await call(fake, 'GET', `${x}/me/${id}/logs`)).status).toBe(200);
    expect((await call(fake, 'POST', `${x}/me/${id}/send`, { body: { input: 'hi' } })).status).toBe(204);
    await fake.control.waitForIdle();
    expect((await call(fake, 'POST', `${x}/me/${id}/pause`)).status).toBe(202);
    await fake.control.waitForTask(id, 'paused');
    expect((await call(fake, 'PATCH', `${x}/me/${id}/input`, { body: { input: 'again' } })).status).toBe(204);
    expect((await call(fake, 'POST', `${x}/me/${id}/resume`)).status).toBe(202);
    await fake.control.waitForIdle();
    expect((await call(fake, 'DELETE', `${x}/me/${id}`)).status).toBe(202);
    expect((await call(fake, 'GET', `${x}/me/${id}`)).status).toBe(404);
  });
});

describe('tasks disabled', () => {
  it('answers 404 "Route not found." on every task route while buildinfo still answers', async () => {
    await withFake({ tasksEnabled: false, aiTasks: true, version: 'v2.37.0-devel' }, async (off) => {
      for (const path of [
        '/api/v2/tasks',
        '/api/v2/tasks/me',
        '/api/experimental/tasks',
        '/api/experimental/tasks/me',
      ]) {
        for (const method of ['GET', 'POST']) {
          const res = await call(off, method, path);
          expect([res.status, res.json]).toEqual([404, { message: 'Route not found.' }]);
        }
      }
      const info = parseWire(
        BuildInfoSchema,
        (await call(off, 'GET', '/api/v2/buildinfo', { token: null })).json,
        'BuildInfo',
      );
      expect(info.version).toBe('v2.37.0-devel');
      off.control.setTasksEnabled(true);
      expect((await call(off, 'GET', '/api/v2/tasks')).status).toBe(200);
    });
  });
});
