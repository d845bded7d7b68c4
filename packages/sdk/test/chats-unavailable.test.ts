import { describe, expect, it } from 'vitest';
import { ChatsUnavailableError, CoderApiError, type CoderClient } from '../src/index';
import { drain, failure, idleChat, text } from './chat-test-helpers';
import { startHarness } from './harness';

const MISSING = '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77';

describe('a server that cannot run chats', () => {
  const unavailable = async (call: Promise<unknown>) => {
    const error = await failure(call);
    expect(error).toBeInstanceOf(ChatsUnavailableError);
    expect(error).not.toBeInstanceOf(CoderApiError);
    return error as ChatsUnavailableError;
  };

  it('older than v2.32: no Chats request is sent at all', async () => {
    const h = await startHarness({ version: 'v2.31.4' });
    const error = await unavailable(h.client.listChats());
    expect(error).toMatchObject({ reason: 'too-old', serverVersion: 'v2.31.4', response: undefined });
    expect(error.message).toContain('Chats need v2.32 or newer');
    expect(error.url).toBe(`${h.fake.url}/api/v2/chats`);
    expect(h.fake.requests.filter((r) => r.path.includes('/chats'))).toHaveLength(0);
  });

  it('a prefix forced where the server does not serve it: 404 "Route not found." told apart', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const client = h.clientWith({ chatsPrefix: '/api/experimental' });
    const error = await unavailable(client.getChat(MISSING));
    expect(error).toMatchObject({
      reason: 'not-served',
      status: 404,
      response: { message: 'Route not found.' },
      serverVersion: 'v2.38.0',
    });
  });

  const GATEWAY =
    'AI Gateway must be enabled for Coder Agents functionality. Please contact your deployment administrator.';
  it.each([
    ['v2.38.0', 503, [GATEWAY, GATEWAY, GATEWAY]],
    [
      'v2.35.0',
      500,
      [
        'Chat processor is unavailable.',
        'Chat processor is unavailable.',
        'Chat streaming is not available.',
      ],
    ],
  ])('on %s with the AI gateway off: create, send and stream', async (version, status, messages) => {
    const h = await startHarness({ version });
    const chat = await idleChat(h);
    h.fake.control.chats.setAiGateway(false);
    const calls: ((c: CoderClient) => Promise<unknown>)[] = [
      (c) => c.createChat({ content: text('x') }),
      (c) => c.sendChatMessage(chat.id, { content: text('x') }),
      (c) => drain(c.streamChat(chat.id)),
    ];
    for (const [i, call] of calls.entries()) {
      const error = await unavailable(call(h.client));
      expect(error).toMatchObject({
        reason: 'ai-gateway-disabled',
        status,
        response: { message: messages[i] },
        serverVersion: version,
      });
      expect(error.message).toContain('CODER_AI_GATEWAY_ENABLED=true');
    }
  });

  it('without a chat model', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.chats.setModelAvailable(false);
    const error = await unavailable(h.client.createChat({ content: text('x') }));
    expect(error).toMatchObject({
      reason: 'no-model',
      status: 400,
      response: { message: 'No chat model is available in this organization.' },
    });
  });

  it('apiSupport says which APIs each generation serves, probing Tasks where a flag decides', async () => {
    const cases = [
      [{ version: 'v2.31.0' }, { tasks: true, chats: undefined }, 0],
      [{ version: 'v2.35.0' }, { tasks: true, chats: '/api/experimental' }, 0],
      [{ version: 'v2.36.1' }, { tasks: true, chats: '/api/experimental' }, 1],
      [{ version: 'v2.36.1', tasksEnabled: false }, { tasks: false, chats: '/api/experimental' }, 1],
      [{ version: 'v2.37.0', aiTasks: true }, { tasks: true, chats: '/api/v2' }, 1],
      [{ version: 'v2.37.0' }, { tasks: false, chats: '/api/v2' }, 1],
      [{ version: 'v2.38.0' }, { tasks: false, chats: '/api/v2' }, 0],
    ] as const;
    for (const [options, expected, probes] of cases) {
      const h = await startHarness(options);
      await expect(h.client.apiSupport()).resolves.toEqual({ version: options.version, ...expected });
      expect(h.fake.requests.filter((r) => r.path.includes('/tasks'))).toHaveLength(probes);
    }
  });
});
