import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  CoderApiError,
  CoderConnectionError,
  CoderResponseFormatError,
  CoderTimeoutError,
  TasksUnavailableError,
} from '../src/index';
import { startHarness } from './harness';

/** Every way an error gets logged: message, stack, inspect (hidden fields, causes), JSON, and each cause. */
function renderings(error: unknown): string[] {
  const out = [inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error) ?? '', String(error)];
  for (let e: unknown = error; e instanceof Error; e = e.cause) out.push(e.message, e.stack ?? '');
  return out;
}

describe('no error ever shows the token', () => {
  it('in any rendering of API, connection, timeout, format and tasks-unavailable errors', async () => {
    // A token the fake accepts is needed for every error but the 401: use the fake's own.
    const h = await startHarness({}, { retry: false });
    const token = h.fake.token;
    const faults = h.fake.control.faults;
    const errors: unknown[] = [];
    const capture = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => errors.push(e),
      );
    faults.inject({ kind: 'resetBeforeResponse', route: '/api/v2/users/me', times: 1 });
    await capture(h.client.me());
    faults.inject({ kind: 'latency', ms: 2_000, route: '/api/v2/users/me', times: 1 });
    await capture(h.client.me({ timeout: 50 }));
    faults.inject({ kind: 'invalidJson', route: '/api/v2/users/me', times: 1 });
    await capture(h.client.me());
    faults.inject({
      kind: 'status',
      status: 400,
      route: '/api/v2/users/me',
      body: { message: token, detail: token, validations: [{ field: 'token', detail: token }] },
      times: 1,
    });
    await capture(h.client.me());
    const wrong = `${token.slice(0, 10)}-wrongwrongwrongwrongwr`;
    await capture(h.clientWith({ token: wrong }).me());
    const off = await startHarness({ tasksEnabled: false }, { retry: false });
    await capture(off.client.getTask('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77'));
    expect(errors.map((e) => (e as Error).constructor)).toEqual([
      CoderConnectionError,
      CoderTimeoutError,
      CoderResponseFormatError,
      CoderApiError,
      CoderApiError,
      TasksUnavailableError,
    ]);
    expect(errors[4]).toMatchObject({ status: 401 });
    for (const error of errors) {
      for (const text of renderings(error)) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(wrong);
        expect(text).not.toContain(off.fake.token);
      }
    }
  });
});
