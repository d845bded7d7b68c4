import { parseWire, TaskSchema } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { taskFixture } from '../test/task-fixture';
import { CoderApiError, CoderResponseFormatError, HTML_RESPONSE_HELPER } from './errors';
import { apiErrorFromResponse, decodeBody, type RawResponse, readJsonBody } from './response-body';

const ctx = { method: 'POST', url: 'http://127.0.0.1:1/api/v2/tasks/me', endpoint: 'POST /api/v2/tasks/me' };
const JSON_TYPE = 'application/json; charset=utf-8';
const raw = (
  status: number,
  body: string,
  contentType?: string,
  extra: Record<string, string> = {},
): RawResponse => ({
  status,
  body,
  headers: { ...(contentType ? { 'content-type': contentType } : {}), ...extra },
});

describe('apiErrorFromResponse (Go ReadBodyAsError, special cases apart)', () => {
  it('keeps the body’s own `kind` (a chat lifecycle hook’s) as responseKind, and only a non-empty string', () => {
    const denied = raw(403, '{"message":"Not on main.","kind":"hook_denied"}', JSON_TYPE);
    expect(apiErrorFromResponse(denied, ctx, 0)).toMatchObject({
      kind: 'forbidden',
      responseKind: 'hook_denied',
      response: { message: 'Not on main.' },
    });
    for (const body of ['{"message":"m","kind":7}', '{"message":"m","kind":""}', '{"message":"m"}']) {
      expect(apiErrorFromResponse(raw(403, body, JSON_TYPE), ctx, 0).responseKind).toBeUndefined();
    }
    const html = raw(502, '<html><title>Bad Gateway</title></html>', 'text/html');
    expect(apiErrorFromResponse(html, ctx, 0).responseKind).toBeUndefined();
  });

  it.each([
    [
      'a Coder Response',
      raw(
        409,
        '{"message":"Workspace \\"x\\" already exists.","validations":[{"field":"name","detail":"This value is already in use and should be unique."}]}\n',
        JSON_TYPE,
      ),
      'json',
      {
        message: 'Workspace "x" already exists.',
        validations: [{ field: 'name', detail: 'This value is already in use and should be unique.' }],
      },
    ],
    [
      'JSON without a message',
      raw(500, '{"error":"x"}', JSON_TYPE),
      'json_no_message',
      { message: 'unexpected status code 500, response has no message', detail: '{"error":"x"}' },
    ],
    [
      'JSON with an empty message',
      raw(502, '{"message":""}', JSON_TYPE),
      'json_no_message',
      { message: 'unexpected status code 502, response has no message', detail: '{"message":""}' },
    ],
    ['an empty JSON body', raw(503, '', JSON_TYPE), 'empty', { message: 'empty response body' }],
    [
      'JSON that does not parse',
      raw(500, '{"message":', JSON_TYPE),
      'invalid_json',
      { message: 'unexpected status code 500, response body is not valid JSON', detail: '{"message":' },
    ],
    [
      'plain text',
      raw(502, 'Bad Gateway', 'text/plain'),
      'non_json',
      { message: 'unexpected non-JSON response "text/plain"', detail: 'Bad Gateway' },
    ],
    [
      'no body and no type',
      raw(504, ''),
      'empty',
      { message: 'unexpected non-JSON response ""', detail: 'no response body' },
    ],
    [
      'an HTML page',
      raw(502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', 'text/html'),
      'html',
      { message: 'unexpected non-JSON response "text/html"', detail: 'HTML page titled "502 Bad Gateway"' },
    ],
    [
      'HTML sent as text/plain',
      raw(403, '  <p>Access denied</p>', 'text/plain'),
      'html',
      { message: 'unexpected non-JSON response "text/plain"', detail: 'HTML page: Access denied' },
    ],
  ])('%s', (_name, input, bodyKind, response) => {
    const error = apiErrorFromResponse(input, ctx, 0);
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error.bodyKind).toBe(bodyKind);
    expect(error.response).toEqual(response);
    expect(error.status).toBe(input.status);
  });

  it('truncates a long non-JSON body at 2048 characters like Go', () => {
    const error = apiErrorFromResponse(raw(500, 'x'.repeat(3000), 'text/plain'), ctx, 0);
    expect(error.response.detail).toBe(`${'x'.repeat(2048)}...`);
  });

  it('says an HTML answer comes from something in front of Coder', () => {
    const error = apiErrorFromResponse(raw(404, '<!doctype html><html></html>', 'text/html'), ctx, 0);
    expect(error.message).toContain(
      'The server answered with a web page, not the Coder API: check the Coder URL',
    );
  });

  it('names a redirect and where it goes, without its query', () => {
    const error = apiErrorFromResponse(
      raw(302, '', undefined, { location: 'https://sso.example.com/login?state=secret' }),
      ctx,
      0,
    );
    expect(error.bodyKind).toBe('redirect');
    expect(error.message).toContain('unexpected redirect to https://sso.example.com/login');
    expect(error.message).not.toContain('secret');
  });

  it('adds the 401 helper and reads Retry-After', () => {
    const unauthorized = apiErrorFromResponse(
      raw(401, '{"message":"You are signed out"}', JSON_TYPE),
      ctx,
      0,
    );
    expect(unauthorized.message).toBe(
      "POST http://127.0.0.1:1/api/v2/tasks/me: unexpected status code 401: You are signed out: Try logging in using 'coder login'.",
    );
    const limited = apiErrorFromResponse(
      raw(429, '{"message":"slow down"}', JSON_TYPE, { 'retry-after': '2' }),
      ctx,
      0,
    );
    expect(limited.retryAfterMs).toBe(2000);
    expect(limited.kind).toBe('rate_limited');
  });
});

describe('readJsonBody (Go ReadBodyAsJSON)', () => {
  it.each([
    ['an HTML page', raw(200, '<html></html>', 'text/html'), 'html'],
    ['HTML under a JSON-less type', raw(200, '<!DOCTYPE html>', 'application/octet-stream'), 'html'],
    ['an empty body', raw(200, '', JSON_TYPE), 'empty'],
    ['only whitespace', raw(200, ' \n', JSON_TYPE), 'empty'],
    ['truncated JSON', raw(200, '{"id":"x", "na', JSON_TYPE), 'invalid_json'],
  ])('%s', (_name, input, reason) => {
    let caught: unknown;
    try {
      readJsonBody(input, ctx);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CoderResponseFormatError);
    expect((caught as CoderResponseFormatError).reason).toBe(reason);
    expect((caught as CoderResponseFormatError).endpoint).toBe('POST /api/v2/tasks/me');
  });

  it('words HTML as Go does, with its helper', () => {
    expect(() => readJsonBody(raw(200, '<html></html>', 'text/html'), ctx)).toThrow(
      `POST http://127.0.0.1:1/api/v2/tasks/me: invalid API response (status code 200): Received an HTML response instead of JSON from the Coder API. (content type "text/html") ${HTML_RESPONSE_HELPER}`,
    );
  });

  it('parses JSON', () => {
    expect(readJsonBody(raw(200, '{"a":[1]}', JSON_TYPE), ctx)).toEqual({ a: [1] });
  });
});

describe('decodeBody', () => {
  it('names the wire type and the field of a schema mismatch, never the value', () => {
    const decode = (d: unknown) => parseWire(TaskSchema, d, 'Task');
    let caught: unknown;
    try {
      decodeBody(
        decode,
        raw(
          201,
          JSON.stringify({ ...taskFixture(), status: 42, initial_prompt: 'secret-prompt' }),
          JSON_TYPE,
        ),
        ctx,
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CoderResponseFormatError);
    expect(caught).toMatchObject({ reason: 'schema', typeName: 'Task', field: '$.status', status: 201 });
    expect((caught as Error).message).toBe(
      'POST http://127.0.0.1:1/api/v2/tasks/me: invalid API response (status code 201): the body does not match Task: $.status: expected string, got number. Is this server a newer or older Coder than this SDK supports?',
    );
    expect((caught as Error).message).not.toContain('secret-prompt');
  });
  it('is undefined for routes without a body', () => {
    expect(decodeBody(undefined, raw(204, ''), ctx)).toBeUndefined();
  });
});
