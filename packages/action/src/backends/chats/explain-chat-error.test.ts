import { ChatsUnavailableError, CoderApiError } from '@coder-tasks/sdk';
import { describe, expect, it } from 'vitest';
import { explainChatError } from './explain-chat-error';

const base = 'https://coder.example.com';
const apiError = (status: number, method: string, path: string, message: string) =>
  new CoderApiError({ status, method, url: `${base}${path}`, response: { message }, bodyKind: 'json' });
const unavailable = (reason: ChatsUnavailableError['reason']) =>
  new ChatsUnavailableError({
    reason,
    method: 'POST',
    url: `${base}/api/v2/chats`,
    serverVersion: 'v2.38.1',
  });
const sentence = (error: unknown) => (explainChatError(error) as Error).message;

describe('explainChatError', () => {
  it.each([
    [
      'ai-gateway-disabled',
      'its AI gateway is off. An administrator must set CODER_AI_GATEWAY_ENABLED=true.',
    ],
    ['no-model', 'No chat model is configured and enabled in the organization'],
    ['experiment-disabled', "serves Chats only with the 'agents' experiment"],
    [
      'too-old',
      'The Coder server (version v2.38.1) does not serve the Chats API (Coder Agents): it needs v2.32 or newer.',
    ],
  ] as const)('says what to do when Chats are unavailable: %s', (reason, text) => {
    expect(sentence(unavailable(reason))).toContain(text);
  });

  it('names membership and the Coder Agents role for a 403 on create, and the queue for a 429 on send', () => {
    expect(
      sentence(apiError(403, 'POST', '/api/v2/chats', 'You are not a member of the specified organization.')),
    ).toBe(
      'The Coder user of coder-token may not create chats here: it must be a member of the organization and have a role that allows Coder Agents. Coder said: You are not a member of the specified organization.',
    );
    expect(
      sentence(apiError(429, 'POST', '/api/experimental/chats/6f0e/messages', 'Message queue is full.')),
    ).toContain('has too many requests waiting for the agent');
  });

  it('leaves every other error as it is', () => {
    const other = apiError(429, 'GET', '/api/v2/chats', 'You have been rate limited.');
    expect(explainChatError(other)).toBe(other);
    const plain = new Error('x');
    expect(explainChatError(plain)).toBe(plain);
  });
});
