import { ChatMessagesResponseSchema, parseWire } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createChat } from './chats-helpers';

// The bytes of chat messages: Go's field order, the fields without omitempty on every part, unset
// uuid.NullUUID fields as null, and unknown part types kept.

describe('chat message parts on the wire', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());

  it('writes a tool call and its result as codersdk does', async () => {
    fake.control.chats.scriptChat('*', [
      { toolCall: { name: 'execute', args: { command: 'pnpm test' }, result: { exit_code: 0 } } },
    ]);
    const chat = await createChat(fake, 'run the tests');
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    const res = await call(fake, 'GET', `/api/v2/chats/${chat.id}/messages?limit=10`);
    const raw = res.json as { messages: { role: string; model_config_id?: string; content: unknown[] }[] };
    const [toolCall, toolResult] = raw.messages.filter((m) => m.role !== 'user').reverse();
    expect(JSON.stringify(toolCall?.content[0])).toBe(
      '{"type":"tool-call","text":"","tool_call_id":"call_1","tool_name":"execute","mcp_server_config_id":null,' +
        '"args":{"command":"pnpm test"},"url":"","media_type":"","file_id":null,"file_name":"","start_line":0,' +
        '"end_line":0,"content":"","context_file_path":"","context_file_agent_id":null,"skill_name":""}',
    );
    expect(JSON.stringify(toolResult?.content[0])).toBe(
      '{"type":"tool-result","text":"","tool_call_id":"call_1","tool_name":"execute","mcp_server_config_id":null,' +
        '"result":{"exit_code":0},"url":"","media_type":"","file_id":null,"file_name":"","start_line":0,' +
        '"end_line":0,"content":"","context_file_path":"","context_file_agent_id":null,"skill_name":""}',
    );
    expect(toolCall?.model_config_id).toBe(chat.last_model_config_id);
    expect(res.text.endsWith('}\n')).toBe(true);
    parseWire(ChatMessagesResponseSchema, res.json, 'ChatMessagesResponse');
    fake.control.chats.scriptChat('*', [{ say: 'ok' }]);
  });

  it('keeps a part of a type it does not know, for clients that must tolerate newer servers', async () => {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    fake.control.chats.addMessage(chat.id, {
      role: 'assistant',
      parts: [{ type: 'hologram', text: 'hi', depth: 3 }],
    });
    const res = await call(fake, 'GET', `/api/v2/chats/${chat.id}/messages?limit=1`);
    const parsed = parseWire(ChatMessagesResponseSchema, res.json, 'ChatMessagesResponse');
    expect(parsed.messages[0]?.content?.[0]).toMatchObject({ type: 'hologram', text: 'hi' });
    const raw = (res.json as { messages: { content: Record<string, unknown>[] }[] }).messages[0]?.content[0];
    expect(raw?.depth).toBe(3);
  });

  it('escapes HTML characters as Go’s JSON encoder does', async () => {
    const chat = await createChat(fake, 'compare a < b && b > c');
    const res = await call(fake, 'GET', `/api/v2/chats/${chat.id}`);
    expect(res.text).toContain('compare a \\u003c b \\u0026\\u0026 b \\u003e c');
  });
});
