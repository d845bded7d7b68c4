import { describe, expect, it } from 'vitest';
import { CoderApiError } from '../src/index';
import { startHarness } from './harness';

const ME = '/api/v2/users/me';

// Error bodies of every shape Go's ReadBodyAsError handles, over loopback, with the exact text Go prints.
describe('error bodies print like Go', () => {
  it.each([
    [
      'a plain-text proxy error',
      { status: 502, body: 'upstream connect error' },
      'non_json',
      'unexpected status code 502: unexpected non-JSON response "text/plain; charset=utf-8"\n\tError: upstream connect error',
    ],
    [
      'an empty non-JSON body',
      { status: 500, body: '' },
      'empty',
      'unexpected status code 500: unexpected non-JSON response "text/plain; charset=utf-8"\n\tError: no response body',
    ],
    [
      'a Coder response with detail and validations',
      {
        status: 400,
        body: {
          message: 'Invalid task search query.',
          detail: 'bad q',
          validations: [{ field: 'q', detail: 'Query param "x" is not a valid query param' }],
        },
      },
      'json',
      'unexpected status code 400: Invalid task search query.\n\tError: bad q\n\tq: Query param "x" is not a valid query param',
    ],
  ])('%s', async (_name, fault, bodyKind, text) => {
    const h = await startHarness({}, { retry: false });
    h.fake.control.faults.inject({ kind: 'status', ...fault, route: ME, times: 1 });
    const error = await h.client.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: fault.status, bodyKind });
    expect((error as Error).message).toBe(`GET ${h.fake.url}${ME}: ${text}`);
  });

  it('an empty JSON body', async () => {
    const h = await startHarness({}, { retry: false });
    h.fake.control.faults.inject({
      kind: 'status',
      status: 503,
      body: '',
      headers: { 'content-type': 'application/json' },
      route: ME,
      times: 1,
    });
    const error = await h.client.me().catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 503,
      bodyKind: 'empty',
      response: { message: 'empty response body' },
    });
    expect((error as Error).message).toBe(
      `GET ${h.fake.url}${ME}: unexpected status code 503: empty response body`,
    );
  });
});
