import { describe, expect, it } from 'vitest';
import { CoderApiError, CoderError } from './errors';
import { TasksUnavailableError } from './tasks-unavailable-error';

const at = { method: 'GET', url: 'https://coder.example.com/api/v2/tasks/me/x' };
const response = { message: 'Route not found.' };
const message = (serverVersion: string | undefined, url = at.url) =>
  new TasksUnavailableError({ ...at, url, response, serverVersion }).message;

describe('TasksUnavailableError tells the truth for each server generation', () => {
  it.each([
    [
      'v2.28.3',
      /runs Coder v2\.28\.3, older than v2\.29 \(the first to serve \/api\/v2\/tasks\): upgrade it\./,
    ],
    ['v1.9.0', /older than v2\.29/],
    [
      'v2.30.2',
      /runs Coder v2\.30\.2, which serves Tasks only when enabled: start Coder with CODER_ENABLE_AI_TASKS=true/,
    ],
    [
      'v2.36.1',
      /runs Coder v2\.36\.1, which serves Tasks only when enabled: start Coder with CODER_ENABLE_AI_TASKS=true \(--enable-ai-tasks\)\. It also serves the Chats API \(\/api\/experimental\/chats\)\./,
    ],
    [
      'v2.37.0+abc1234',
      /runs Coder v2\.37\.0\+abc1234, which serves Tasks only when enabled \(start Coder with CODER_ENABLE_AI_TASKS=true \(--enable-ai-tasks\)\), unless it already contains the release that removed Tasks \(coder\/coder#28789\): then no setting brings them back\. It serves the Chats API \(\/api\/v2\/chats and \/api\/experimental\/chats\), which replaces Tasks\./,
    ],
    [
      'v2.38.0',
      /runs Coder v2\.38\.0: Tasks were removed from Coder \(coder\/coder#28789\) and no setting brings them back\. The server serves the Chats API instead \(\/api\/v2\/chats\)\.$/,
    ],
    ['v2.40.1-rc.1', /Tasks were removed from Coder \(coder\/coder#28789\) and no setting brings them back/],
    [
      'v0.0.0-devel+abc',
      /a development build of Coder \(v0\.0\.0-devel\+abc\), which has no Tasks since the release that removed Tasks \(coder\/coder#28789\)/,
    ],
    [
      undefined,
      /Either Tasks is disabled on this server \(start Coder with CODER_ENABLE_AI_TASKS=true \(--enable-ai-tasks\)\) or the server is older than v2\.29\. From the release that removed Tasks \(coder\/coder#28789\) on, no setting brings Tasks back: such a server serves the Chats API instead\./,
    ],
    ['nightly', /reports the version "nightly", which this SDK cannot read\. Either Tasks is disabled/],
  ])('version %s', (serverVersion, expected) => {
    const text = message(serverVersion);
    expect(text).toMatch(expected);
    expect(text).toContain('the Coder Tasks API is not available on this server (404 "Route not found.")');
  });

  it('never tells a server that removed Tasks to enable them', () => {
    for (const version of ['v2.38.0', 'v2.39.2', 'v0.0.0-devel+abc']) {
      expect(message(version)).not.toContain('CODER_ENABLE_AI_TASKS');
    }
  });

  it('carries the version and its generation, and is no CoderApiError', () => {
    const error = new TasksUnavailableError({ ...at, response, serverVersion: 'v2.38.1' });
    expect(error).toMatchObject({ status: 404, serverVersion: 'v2.38.1', response });
    expect(error.generation).toMatchObject({ tasks: 'removed', chatsPrefixes: ['/api/v2'] });
    expect(new TasksUnavailableError({ ...at, response }).generation).toBeUndefined();
    expect(error).not.toBeInstanceOf(CoderApiError);
    expect(error).toBeInstanceOf(CoderError);
  });
});

describe('TasksUnavailableError on pause and resume', () => {
  const url = 'https://coder.example.com/api/experimental/tasks/me/t/pause';
  it('names v2.31 as the version pause and resume need', () => {
    expect(message(undefined, url)).toContain(
      'or the server is older than v2.29 (or, for pause and resume, than v2.31).',
    );
    expect(message('v2.30.0', url)).toContain('pause and resume need v2.31 or newer');
    expect(message('v2.31.0', url)).toContain('CODER_ENABLE_AI_TASKS=true');
  });
});
