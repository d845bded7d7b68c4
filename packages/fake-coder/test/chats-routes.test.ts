import { ChatSchema, parseWire } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createChat } from './chats-helpers';
import { seedOf } from './helpers';

const ChatListSchema = ChatSchema.array();

describe('chats routes: create, list, get, update', () => {
  let fake: FakeCoder;
  let org: string;
  const create = (body: Record<string, unknown>, token?: string) =>
    call(fake, 'POST', '/api/v2/chats', { body, token });
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
    org = seedOf(fake).organizationId;
  });
  afterAll(() => fake.close());

  it('creates a chat that is running at once, with the fallback title, labels and the caller as owner', async () => {
    const res = await create({
      organization_id: org,
      content: [{ type: 'text', text: 'Fix the bug' }],
      labels: { repo: 'o/r' },
    });
    expect(res.status).toBe(201);
    const chat = parseWire(ChatSchema, res.json, 'Chat');
    expect(chat).toMatchObject({
      status: 'running',
      title: 'Fix the bug',
      owner_id: seedOf(fake).adminId,
      owner_username: 'admin',
      organization_id: org,
      labels: { repo: 'o/r' },
      archived: false,
      client_type: 'api',
      children: [],
    });
    expect(res.json).toMatchObject({ last_turn_summary: null, summary: null, mcp_server_ids: [] });
  });

  it.each([
    [
      'no organization_id',
      { content: [{ type: 'text', text: 'x' }] },
      400,
      { message: 'organization_id is required.' },
    ],
    [
      'an organization the caller is not in',
      { organization_id: '6f2a1f3e-8c1b-4b59-9a1d-1c2d3e4f5a6b', content: [{ type: 'text', text: 'x' }] },
      403,
      { message: 'You are not a member of the specified organization.' },
    ],
    ['no content', { organization_id: '<org>' }, 400, { message: 'Content is required.' }],
    ['empty content', { organization_id: '<org>', content: [] }, 400, { message: 'Content is required.' }],
    [
      'a blank text part',
      { organization_id: '<org>', content: [{ type: 'text', text: '  ' }] },
      400,
      { message: 'Invalid input part.', detail: 'content[0].text cannot be empty.' },
    ],
    [
      'an unsupported part type',
      { organization_id: '<org>', content: [{ type: 'image', text: 'x' }] },
      400,
      { message: 'Invalid input part.', detail: 'content[0].type "image" is not supported.' },
    ],
    [
      'a file part without file_id',
      { organization_id: '<org>', content: [{ type: 'file' }] },
      400,
      { message: 'Invalid input part.', detail: 'content[0].file_id is required for file parts.' },
    ],
    [
      'a bad label key',
      { organization_id: '<org>', content: [{ type: 'text', text: 'x' }], labels: { '-bad': 'v' } },
      400,
      {
        message: 'Invalid labels.',
        validations: [
          {
            field: 'labels',
            detail: 'label key "-bad" contains invalid characters; must match ^[a-zA-Z0-9][a-zA-Z0-9._/-]*$',
          },
        ],
      },
    ],
    [
      'an empty label value',
      { organization_id: '<org>', content: [{ type: 'text', text: 'x' }], labels: { k: '' } },
      400,
      {
        message: 'Invalid labels.',
        validations: [{ field: 'labels', detail: 'label value for key "k" must not be empty' }],
      },
    ],
    [
      'a bad plan_mode',
      { organization_id: '<org>', content: [{ type: 'text', text: 'x' }], plan_mode: 'yolo' },
      400,
      { message: 'Invalid plan_mode value.' },
    ],
  ])('refuses a create with %s', async (_what, body, status, expected) => {
    const withOrg = JSON.parse(JSON.stringify(body).replace('<org>', org)) as Record<string, unknown>;
    const res = await create(withOrg);
    expect(res.status).toBe(status);
    expect(res.json).toEqual(expected);
  });

  it('refuses invalid JSON and a non-object body as Go decoding does', async () => {
    const bad = await call(fake, 'POST', '/api/v2/chats', { rawBody: '{"organization_id":' });
    expect(bad.status).toBe(400);
    expect((bad.json as { message: string }).message).toBe('Request body must be valid JSON.');
    const array = await call(fake, 'POST', '/api/v2/chats', { rawBody: '[]' });
    expect(array.json).toEqual({
      message: 'Request body must be valid JSON.',
      detail: 'json: cannot unmarshal array into Go value of type codersdk.CreateChatRequest',
    });
  });

  it('refuses a user removed from the organization with 403', async () => {
    const { token } = fake.control.addUser({ username: 'leaver' });
    expect(
      (await create({ organization_id: org, content: [{ type: 'text', text: 'x' }] }, token)).status,
    ).toBe(201);
    fake.control.chats.removeFromOrganization('leaver', 'coder');
    const res = await create({ organization_id: org, content: [{ type: 'text', text: 'x' }] }, token);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ message: 'You are not a member of the specified organization.' });
  });

  it('answers 503 while the AI gateway is off and 400 when no model is configured', async () => {
    const body = { organization_id: org, content: [{ type: 'text', text: 'x' }] };
    fake.control.chats.setAiGateway(false);
    const off = await create(body);
    fake.control.chats.setAiGateway(true);
    expect(off.status).toBe(503);
    expect(off.json).toEqual({
      message:
        'AI Gateway must be enabled for Coder Agents functionality. Please contact your deployment administrator.',
      detail: 'Set CODER_AI_GATEWAY_ENABLED=true (or ai-gateway-enabled in deployment YAML) to enable.',
    });
    fake.control.chats.setModelAvailable(false);
    const noModel = await create(body);
    fake.control.chats.setModelAvailable(true);
    expect(noModel.status).toBe(400);
    expect(noModel.json).toEqual({
      message: 'No chat model is available in this organization.',
      detail: 'Ask an organization administrator to configure and enable a chat model.',
    });
  });

  it('lists only the caller’s chats, newest first, as a bare array', async () => {
    const { token } = fake.control.addUser({ username: 'lister' });
    const a = await createChat(fake, 'older', { token });
    const b = await createChat(fake, 'newer', { token });
    await createChat(fake, 'someone else’s');
    await fake.control.chats.waitForChat(b.id, 'waiting');
    await fake.control.chats.waitForChat(a.id, 'waiting');
    // Touch the older chat so updated_at orders it first.
    expect(
      (await call(fake, 'PATCH', `/api/v2/chats/${a.id}`, { token, body: { title: 'touched' } })).status,
    ).toBe(204);
    const res = await call(fake, 'GET', '/api/v2/chats', { token });
    expect(res.status).toBe(200);
    const list = parseWire(ChatListSchema, res.json, 'Chat[]');
    expect(list.map((c) => c.id)).toEqual([a.id, b.id]);
    // A pinned chat comes first whatever its age.
    expect(
      (await call(fake, 'PATCH', `/api/v2/chats/${b.id}`, { token, body: { pin_order: 1 } })).status,
    ).toBe(204);
    const pinned = parseWire(
      ChatListSchema,
      (await call(fake, 'GET', '/api/v2/chats', { token })).json,
      'Chat[]',
    );
    expect(pinned.map((c) => [c.id, c.pin_order])).toEqual([
      [b.id, 1],
      [a.id, 0],
    ]);
  });

  it('hides archived chats unless q=archived:true and ANDs label filters', async () => {
    const { token } = fake.control.addUser({ username: 'labeller' });
    const both = await createChat(fake, 'both', { token, body: { labels: { repo: 'o/r', issue: '7' } } });
    const one = await createChat(fake, 'one', { token, body: { labels: { repo: 'o/r', issue: '8' } } });
    const colon = await createChat(fake, 'colon', { token, body: { labels: { url: 'https://x' } } });
    const ids = async (query: string) =>
      parseWire(
        ChatListSchema,
        (await call(fake, 'GET', `/api/v2/chats${query}`, { token })).json,
        'Chat[]',
      ).map((c) => c.id);
    expect(await ids('?label=repo:o/r&label=issue:7')).toEqual([both.id]);
    expect((await ids('?label=repo:o/r')).sort()).toEqual([both.id, one.id].sort());
    expect(await ids(`?label=${encodeURIComponent('url:https://x')}`)).toEqual([colon.id]);
    await fake.control.chats.waitForChat(one.id, 'waiting');
    expect(
      (await call(fake, 'PATCH', `/api/v2/chats/${one.id}`, { token, body: { archived: true } })).status,
    ).toBe(204);
    expect(await ids('?label=repo:o/r')).toEqual([both.id]);
    expect(await ids('?q=archived:true')).toEqual([one.id]);
    const bad = await call(fake, 'GET', '/api/v2/chats?label=repo', { token });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      message: 'Invalid label filter: "repo" (expected format key:value, both must be non-empty)',
    });
    const paging = await call(fake, 'GET', '/api/v2/chats?limit=x&after_id=nope', { token });
    expect(paging.json).toEqual({
      message: 'Query parameters have invalid values.',
      validations: [
        { field: 'after_id', detail: 'Query param "after_id" must be a valid uuid' },
        {
          field: 'limit',
          detail:
            'Query param "limit" must be a valid 32-bit positive integer: strconv.ParseInt: parsing "x": invalid syntax',
        },
      ],
    });
    const bare = await call(fake, 'GET', '/api/v2/chats?q=hello', { token });
    expect(bare.status).toBe(400);
    expect((bare.json as { message: string }).message).toBe('Invalid chat search query.');
  });

  it('gets a chat, and answers 400 for a malformed id and 404 for another user’s chat', async () => {
    const chat = await createChat(fake);
    const got = await call(fake, 'GET', `/api/v2/chats/${chat.id}`);
    expect(got.status).toBe(200);
    expect(parseWire(ChatSchema, got.json, 'Chat').id).toBe(chat.id);
    const bad = await call(fake, 'GET', '/api/v2/chats/nope');
    expect(bad.status).toBe(400);
    expect((bad.json as { message: string }).message).toBe('Invalid UUID "nope".');
    const other = await call(fake, 'GET', `/api/v2/chats/${chat.id}`, { token: fake.tokens.member });
    expect(other.status).toBe(404);
    expect(other.json).toEqual({ message: 'Resource not found or you do not have access to this resource' });
  });

  it('updates with 204, refuses to archive a busy chat with 409, and archives it once idle', async () => {
    const chat = await createChat(fake, 'busy', { body: { labels: { a: '1' } } });
    await fake.control.chats.waitForChat(chat.id, 'waiting');
    fake.control.chats.scriptChat(chat.id, { otherwise: { steps: [], end: 'never' } });
    await call(fake, 'POST', `/api/v2/chats/${chat.id}/messages`, {
      body: { content: [{ type: 'text', text: 'go on' }] },
    });
    const busy = await call(fake, 'PATCH', `/api/v2/chats/${chat.id}`, { body: { archived: true } });
    expect(busy.status).toBe(409);
    expect(busy.json).toEqual({
      message: 'Cannot archive an active chat. Interrupt or wait for the chat to finish first.',
    });
    const title = await call(fake, 'PATCH', `/api/v2/chats/${chat.id}`, {
      body: { title: 'Renamed', labels: { b: '2' } },
    });
    expect(title.status).toBe(204);
    expect(title.text).toBe('');
    fake.control.chats.finishTurn(chat.id);
    expect((await call(fake, 'PATCH', `/api/v2/chats/${chat.id}`, { body: { archived: true } })).status).toBe(
      204,
    );
    const again = await call(fake, 'PATCH', `/api/v2/chats/${chat.id}`, { body: { archived: true } });
    expect(again.json).toEqual({ message: 'Chat is already archived.' });
    const got = parseWire(ChatSchema, (await call(fake, 'GET', `/api/v2/chats/${chat.id}`)).json, 'Chat');
    expect(got).toMatchObject({ title: 'Renamed', labels: { b: '2' }, archived: true, status: 'waiting' });
    const empty = await call(fake, 'PATCH', `/api/v2/chats/${chat.id}`, { body: { title: '' } });
    expect(empty.json).toEqual({ message: 'Title cannot be empty.' });
    const pinArchived = await call(fake, 'PATCH', `/api/v2/chats/${chat.id}`, { body: { pin_order: 1 } });
    expect([pinArchived.status, pinArchived.json]).toEqual([
      400,
      { message: 'Cannot pin an archived chat.' },
    ]);
    const negative = await call(fake, 'PATCH', `/api/v2/chats/${chat.id}`, { body: { pin_order: -1 } });
    expect([negative.status, negative.json]).toEqual([400, { message: 'Pin order must be non-negative.' }]);
  });
});
