import {
  CoderAbortError,
  CoderApiError,
  CoderConnectionError,
  TaskFailedError,
  TasksUnavailableError,
} from '@coder-tasks/sdk';
import type { Task } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';
import { InputError } from './input-error';

const url = 'https://coder.example.com/';
const task = { name: 'gh-r-1-abcdef', status: 'error' } as unknown as Task;

describe('describeError', () => {
  it.each([
    [new InputError('wait-for', 'bad.'), 'Input "wait-for": bad.'],
    [
      new TasksUnavailableError({
        method: 'GET',
        url: `${url}api/v2/tasks/me/x`,
        response: { message: 'Route not found.' },
        serverVersion: 'v2.37.0',
      }),
      'The Coder server at https://coder.example.com/ (version v2.37.0) does not serve the Tasks API: it is older than v2.29, or, from v2.36 on, it runs without CODER_ENABLE_AI_TASKS.',
    ],
    [
      new TaskFailedError(task, 'terraform: boom'),
      'The task gh-r-1-abcdef failed (status error). The workspace build failed: terraform: boom',
    ],
    [
      new CoderApiError({
        status: 401,
        method: 'GET',
        url: `${url}api/v2/users/me?coder_session_token=x`,
        response: { message: 'You are signed out.', detail: 'API key expired.' },
        bodyKind: 'json',
      }),
      'Coder answered GET /api/v2/users/me with 401: You are signed out. API key expired. Check the coder-token secret: it is wrong or expired.',
    ],
    [
      new CoderApiError({
        status: 403,
        method: 'POST',
        url: 'not a url',
        response: { message: 'Unauthorized to create workspace.' },
        bodyKind: 'json',
      }),
      'Coder answered POST not a url with 403: Unauthorized to create workspace. The token’s user is not allowed to do this.',
    ],
    [new CoderAbortError({ reason: 'x' }), 'The run was cancelled.'],
    [new Error('plain'), 'plain'],
    ['a string', 'a string'],
  ])('%s', (error, expected) => {
    expect(describeError(error, url)).toBe(expected);
  });

  it('says where Coder could not be reached', () => {
    const error = new CoderConnectionError({
      method: 'GET',
      url: `${url}api/v2/users/me`,
      code: 'ECONNREFUSED',
    });
    expect(describeError(error, url)).toMatch(/^Could not reach Coder at https:\/\/coder\.example\.com\/: /);
  });
});
