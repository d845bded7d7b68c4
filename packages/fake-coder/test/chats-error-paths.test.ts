import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createChat } from './chats-helpers';

const FORBIDDEN_DETAIL =
  "You don't have permission to view this content. If you believe this is a mistake, please contact your administrator or try signing in with different credentials.";
const MCP_A = '2b1f7f0a-9d0e-4c55-8a7e-3f6f1c2d4e5a';
const MCP_B = '6c8d2e1f-0a3b-4c5d-9e7f-1a2b3c4d5e6f';

describe('chat create, send and archive error paths answer coderd’s code, message and detail', () => {
  let fake: FakeCoder;
  const create = (body: Record<string, unknown>) =>
    call(fake, 'POST', '/api/v2/chats', {
      body: {
        organization_id: fake.control.seed?.organizationId,
        content: [{ type: 'text', text: 'x' }],
        ...body,
      },
    });
  const send = (chatId: string) =>
    call(fake, 'POST', `/api/v2/chats/${chatId}/messages`, {
      body: { content: [{ type: 'text', text: 'y' }] },
    });
  const patch = (chatId: string, body: Record<string, unknown>) =>
    call(fake, 'PATCH', `/api/v2/chats/${chatId}`, { body });
  const idle = async () => {
    const chat = await createChat(fake);
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    return chat;
  };
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());

  it('refuses more than 250 dynamic tools, an empty tool name and a repeated one, and takes 250 unique ones', async () => {
    const tools = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `t${i}`, input_schema: {} }));
    const before = fake.control.chats.chats().length;
    const tooMany = await create({ unsafe_dynamic_tools: tools(251) });
    expect([tooMany.status, tooMany.json]).toEqual([
      400,
      { message: 'Too many dynamic tools.', detail: 'Maximum 250 dynamic tools per chat.' },
    ]);
    const empty = await create({
      unsafe_dynamic_tools: [
        { name: 'a', input_schema: {} },
        { name: '', input_schema: {} },
      ],
    });
    expect([empty.status, empty.json]).toEqual([400, { message: 'Dynamic tool name must not be empty.' }]);
    const unnamed = await create({ unsafe_dynamic_tools: [{ input_schema: {} }] });
    expect(unnamed.json).toEqual({ message: 'Dynamic tool name must not be empty.' });
    const twice = await create({
      unsafe_dynamic_tools: [
        { name: 'a', input_schema: {} },
        { name: 'a', input_schema: {} },
      ],
    });
    expect([twice.status, twice.json]).toEqual([
      400,
      { message: 'Duplicate dynamic tool name.', detail: 'Tool "a" appears more than once.' },
    ]);
    expect(fake.control.chats.chats()).toHaveLength(before);
    expect((await create({ unsafe_dynamic_tools: tools(250) })).status).toBe(201);
  });

  it('refuses MCP server ids the deployment does not have enabled, naming them, and stores the enabled ones', async () => {
    const none = await create({ mcp_server_ids: [MCP_A] });
    expect([none.status, none.json]).toEqual([
      400,
      { message: 'One or more MCP server IDs are invalid or disabled.', detail: `Invalid IDs: ${MCP_A}` },
    ]);
    fake.control.chats.setMcpServers([MCP_A]);
    try {
      const partly = await create({ mcp_server_ids: [MCP_A, MCP_B] });
      expect(partly.json).toEqual({
        message: 'One or more MCP server IDs are invalid or disabled.',
        detail: `Invalid IDs: ${MCP_B}`,
      });
      const good = await create({ mcp_server_ids: [MCP_A.toUpperCase()] });
      expect(good.status).toBe(201);
      expect((good.json as { mcp_server_ids: string[] }).mcp_server_ids).toEqual([MCP_A]);
    } finally {
      fake.control.chats.setMcpServers([]);
    }
  });

  it('answers 403 Forbidden with the fixed detail to a member who may not create chats, after the membership check', async () => {
    fake.control.chats.setCreateAllowed(false);
    try {
      const res = await create({});
      expect([res.status, res.json]).toEqual([403, { message: 'Forbidden.', detail: FORBIDDEN_DETAIL }]);
      const other = await create({ organization_id: MCP_B });
      expect(other.json).toEqual({ message: 'You are not a member of the specified organization.' });
    } finally {
      fake.control.chats.setCreateAllowed(true);
    }
    expect((await create({})).status).toBe(201);
  });

  it('checks client_type and plan_mode', async () => {
    expect((await create({ client_type: 'cli' })).json).toEqual({ message: 'Invalid client_type.' });
    expect((await create({ plan_mode: 'execute' })).json).toEqual({ message: 'Invalid plan_mode value.' });
  });

  it('answers 500 when the store fails to save a chat or a message, and stores nothing', async () => {
    const chat = await idle();
    const chats = fake.control.chats.chats().length;
    const messages = fake.control.chats.chat(chat.id)?.messages.length;
    fake.control.chats.failStore('create-chat');
    fake.control.chats.failStore('create-message');
    try {
      const created = await create({});
      expect(created.status).toBe(500);
      expect(created.json).toMatchObject({ message: 'Failed to create chat.' });
      const sent = await send(chat.id);
      expect(sent.status).toBe(500);
      expect(sent.json).toMatchObject({ message: 'Failed to create chat message.' });
    } finally {
      fake.control.chats.failStore('create-chat', false);
      fake.control.chats.failStore('create-message', false);
    }
    expect(fake.control.chats.chats()).toHaveLength(chats);
    expect(fake.control.chats.chat(chat.id)?.messages).toHaveLength(messages ?? -1);
    expect((await send(chat.id)).status).toBe(200);
  });

  it('answers a send 409 while the chat’s state refuses it, and stores nothing', async () => {
    const chat = await idle();
    const messages = fake.control.chats.chat(chat.id)?.messages.length;
    fake.control.chats.setSendConflict(chat.id, 'transition');
    const refused = await send(chat.id);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ message: 'Chat is not in a state that accepts new messages.' });
    expect((refused.json as { detail: string }).detail).toContain('waiting');
    fake.control.chats.setSendConflict(chat.id, 'invalid-state');
    const invalid = await send(chat.id);
    expect([invalid.status, invalid.json]).toEqual([409, { message: 'Chat is in an invalid state.' }]);
    expect(fake.control.chats.chat(chat.id)?.messages).toHaveLength(messages ?? -1);
    fake.control.chats.setSendConflict(chat.id, undefined);
    expect((await send(chat.id)).status).toBe(200);
  });

  it('lists a subagent chat in its root’s children only, and changes archive state on the root alone', async () => {
    const root = await idle();
    const childId = fake.control.chats.addChildChat(root.id, 'explore the repo');
    const got = await call(fake, 'GET', `/api/v2/chats/${root.id}`);
    const children = (
      got.json as { children: { id: string; parent_chat_id: string; root_chat_id: string }[] }
    ).children;
    expect(children).toEqual([
      expect.objectContaining({ id: childId, parent_chat_id: root.id, root_chat_id: root.id }),
    ]);
    const listed = (await call(fake, 'GET', '/api/v2/chats')).json as { id: string }[];
    expect(listed.map((c) => c.id)).toContain(root.id);
    expect(listed.map((c) => c.id)).not.toContain(childId);
    for (const archived of [true, false]) {
      const res = await patch(childId, { archived });
      expect([res.status, res.json]).toEqual([
        400,
        { message: 'Chat archive state can only be changed on the root chat.' },
      ]);
    }
    expect((await patch(childId, { title: 'renamed' })).status).toBe(204);
    expect((await patch(root.id, { archived: true })).status).toBe(204);
    expect(fake.control.chats.chat(childId)?.archived).toBe(true);
    expect(() => fake.control.chats.addChildChat(childId)).toThrow(/one level/);
  });

  it('says when a chat is already archived or already not, and answers 500 when archiving or unarchiving fails', async () => {
    const chat = await idle();
    expect((await patch(chat.id, { archived: false })).json).toEqual({
      message: 'Chat is already not archived.',
    });
    fake.control.chats.failStore('archive');
    try {
      const failed = await patch(chat.id, { archived: true, title: 'kept?' });
      expect(failed.status).toBe(500);
      expect(failed.json).toMatchObject({ message: 'Failed to archive chat.' });
    } finally {
      fake.control.chats.failStore('archive', false);
    }
    expect(fake.control.chats.chat(chat.id)).toMatchObject({ archived: false, title: chat.title });
    expect((await patch(chat.id, { archived: true })).status).toBe(204);
    expect((await patch(chat.id, { archived: true })).json).toEqual({ message: 'Chat is already archived.' });
    fake.control.chats.failStore('archive');
    try {
      const failed = await patch(chat.id, { archived: false });
      expect(failed.status).toBe(500);
      expect(failed.json).toMatchObject({ message: 'Failed to unarchive chat.' });
    } finally {
      fake.control.chats.failStore('archive', false);
    }
    expect(fake.control.chats.chat(chat.id)?.archived).toBe(true);
  });

  it('rejects control arguments it cannot honour', () => {
    expect(() => fake.control.chats.setMcpServers(['nope'])).toThrow(TypeError);
    expect(() => fake.control.chats.failStore('delete' as 'archive')).toThrow(TypeError);
    expect(() =>
      fake.control.chats.setSendConflict('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77', 'transition'),
    ).toThrow(/no chat/);
  });
});
