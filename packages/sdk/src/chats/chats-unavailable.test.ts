import type { Response } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { CoderApiError } from '../errors';
import { ChatsUnavailableError } from './chat-errors';
import { chatsUnavailableReason } from './chats-unavailable';

const apiError = (status: number, response: Response, bodyKind: 'json' | 'non_json' = 'json') =>
  new CoderApiError({ status, method: 'POST', url: 'http://coder/api/v2/chats', response, bodyKind });

describe('chatsUnavailableReason', () => {
  it.each([
    [404, 'Route not found.', 'not-served'],
    [403, "Coder Agents functionality requires enabling the 'agents' experiment.", 'experiment-disabled'],
    [
      503,
      'AI Gateway must be enabled for Coder Agents functionality. Please contact your deployment administrator.',
      'ai-gateway-disabled',
    ],
    [500, 'Chat processor is unavailable.', 'ai-gateway-disabled'],
    [500, 'Chat processor is not configured.', 'ai-gateway-disabled'],
    [500, 'Chat streaming is not available.', 'ai-gateway-disabled'],
    [400, 'No chat model is available in this organization.', 'no-model'],
    [404, 'Resource not found or you do not have access to this resource', undefined],
    [403, 'Forbidden.', undefined],
    [500, 'Failed to create chat.', undefined],
    [400, 'Invalid labels.', undefined],
  ])('%i "%s" → %s', (status, message, reason) => {
    expect(chatsUnavailableReason(apiError(status, { message }))).toBe(reason);
  });

  it('does not read a proxy page that happens to say "Route not found." as coderd', () => {
    expect(
      chatsUnavailableReason(apiError(404, { message: 'Route not found.' }, 'non_json')),
    ).toBeUndefined();
  });
});

describe('ChatsUnavailableError', () => {
  const at = { method: 'GET', url: 'http://coder/api/v2/chats' };
  it.each([
    [
      { reason: 'too-old', serverVersion: 'v2.30.1' },
      'The server runs Coder v2.30.1; Chats need v2.32 or newer',
    ],
    [
      {
        reason: 'not-served',
        status: 404,
        response: { message: 'Route not found.' },
        serverVersion: 'v2.38.0',
      },
      '(404 "Route not found."). The server runs Coder v2.38.0; Chats need v2.32 or newer',
    ],
    [
      { reason: 'not-served', status: 404, response: { message: 'Route not found.' } },
      "the server's version could not be read",
    ],
    [{ reason: 'experiment-disabled', serverVersion: 'v2.32.0' }, 'CODER_EXPERIMENTS=agents'],
    [{ reason: 'ai-gateway-disabled', serverVersion: 'v2.38.1' }, 'CODER_AI_GATEWAY_ENABLED=true'],
    [{ reason: 'no-model' }, 'No chat model is configured'],
  ] as const)('names what the server needs: %j', (init, text) => {
    const error = new ChatsUnavailableError({ ...at, ...init });
    expect(error.message).toContain(text);
    expect(error).toMatchObject({ reason: init.reason });
  });
});
