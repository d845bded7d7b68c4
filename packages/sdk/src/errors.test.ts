import { describe, expect, it } from 'vitest';
import {
  apiErrorKind,
  CoderAbortError,
  CoderApiError,
  CoderConnectionError,
  CoderError,
  CoderRequestError,
  CoderResponseFormatError,
  CoderStreamError,
  CoderTimeoutError,
  formatApiError,
  UNAUTHORIZED_HELPER,
} from './errors';
import { TasksUnavailableError } from './tasks-unavailable-error';

const at = { method: 'GET', url: 'https://coder.example.com/api/v2/tasks/me/x' };

describe('formatApiError (Go codersdk.Error.Error)', () => {
  it.each([
    [
      'message only',
      { status: 404, response: { message: 'Resource not found or you do not have access to this resource' } },
      'GET https://coder.example.com/api/v2/tasks/me/x: unexpected status code 404: Resource not found or you do not have access to this resource',
    ],
    [
      'helper, detail and validations',
      {
        status: 400,
        helper: 'a hint',
        response: {
          message: 'Invalid task search query.',
          detail: 'bad q',
          validations: [
            { field: 'q', detail: '"foo" is not a valid query param' },
            { field: 'owner', detail: 'nope' },
          ],
        },
      },
      'GET https://coder.example.com/api/v2/tasks/me/x: unexpected status code 400: Invalid task search query.: a hint\n\tError: bad q\n\tq: "foo" is not a valid query param\n\towner: nope',
    ],
  ])('%s', (_name, init, expected) => {
    expect(formatApiError({ ...at, ...init })).toBe(expected);
  });

  it('leaves out method and URL when either is missing, as Go does', () => {
    expect(formatApiError({ method: '', url: '', status: 500, response: { message: 'boom' } })).toBe(
      'unexpected status code 500: boom',
    );
  });
});

describe('apiErrorKind', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [413, 'bad_request'],
    [429, 'rate_limited'],
    [500, 'server'],
    [502, 'server'],
    [504, 'server'],
    [302, 'other'],
    [418, 'other'],
  ] as const)('%i → %s', (status, kind) => {
    expect(apiErrorKind(status)).toBe(kind);
  });
});

describe('CoderApiError', () => {
  it('prints like Go, with the login hint on 401, and carries its fields', () => {
    const error = new CoderApiError({
      ...at,
      status: 401,
      bodyKind: 'json',
      helper: UNAUTHORIZED_HELPER,
      response: {
        message: 'You are signed out or your session has expired. Please sign in again to continue.',
        detail: 'API key is invalid.',
      },
    });
    expect(error).toBeInstanceOf(CoderError);
    expect(error.message).toBe(
      "GET https://coder.example.com/api/v2/tasks/me/x: unexpected status code 401: You are signed out or your session has expired. Please sign in again to continue.: Try logging in using 'coder login'.\n\tError: API key is invalid.",
    );
    expect(error).toMatchObject({ status: 401, kind: 'unauthorized', method: 'GET', name: 'CoderApiError' });
  });
});

describe('CoderRequestError', () => {
  it('is the one base of every error about a request, carrying its method and URL', () => {
    const errors = [
      new CoderApiError({ ...at, status: 500, response: { message: 'boom' }, bodyKind: 'json' }),
      new TasksUnavailableError({ ...at, response: { message: 'Route not found.' } }),
      new CoderConnectionError({ ...at, code: 'ECONNRESET' }),
      new CoderTimeoutError({ ...at, timeoutMs: 5 }),
      new CoderResponseFormatError({ ...at, reason: 'empty', status: 200, endpoint: 'GET /x' }),
      new CoderStreamError(at, { message: 'gone' }),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(CoderRequestError);
      expect(error).toBeInstanceOf(CoderError);
      expect(error).toMatchObject(at);
      expect(error.message.startsWith(`${at.method} ${at.url}: `)).toBe(true);
    }
    // An abort is not about one request: waitForTask aborts between them.
    expect(new CoderAbortError({})).not.toBeInstanceOf(CoderRequestError);
  });
});
