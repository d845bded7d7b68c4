import { describe, expect, it } from 'vitest';
import { ChatSendUncertainError, CoderApiError } from '../src/index';
import { failure, idleChat, text } from './chat-test-helpers';
import { FAST_RETRY, type Harness, startHarness } from './harness';

const FORBIDDEN_DETAIL =
  "You don't have permission to view this content. If you believe this is a mistake, please contact your administrator or try signing in with different credentials.";
const MCP_A = '2b1f7f0a-9d0e-4c55-8a7e-3f6f1c2d4e5a';
const MCP_B = '6c8d2e1f-0a3b-4c5d-9e7f-1a2b3c4d5e6f';
const tools = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `t${i}`, input_schema: {} }));

type Case = [
  name: string,
  call: (h: Harness) => Promise<unknown>,
  status: number,
  message: string,
  detail: string | undefined,
  route: RegExp,
  method: string,
  attempts?: number,
];

const CHATS = /^\/api\/v2\/chats$/;
const MESSAGES = /^\/api\/v2\/chats\/[^/]+\/messages$/;
const CHAT = /^\/api\/v2\/chats\/[^/]+$/;

describe('create, send and archive refusals surface as CoderApiError with coderd’s message, sent once', () => {
  it.each<Case>([
    [
      'more than 250 dynamic tools',
      (h) => h.client.createChat({ content: text('x'), unsafe_dynamic_tools: tools(251) }),
      400,
      'Too many dynamic tools.',
      'Maximum 250 dynamic tools per chat.',
      CHATS,
      'POST',
    ],
    [
      'a dynamic tool without a name',
      (h) =>
        h.client.createChat({ content: text('x'), unsafe_dynamic_tools: [{ name: '', input_schema: {} }] }),
      400,
      'Dynamic tool name must not be empty.',
      undefined,
      CHATS,
      'POST',
    ],
    [
      'two dynamic tools of one name',
      (h) => h.client.createChat({ content: text('x'), unsafe_dynamic_tools: [...tools(1), ...tools(1)] }),
      400,
      'Duplicate dynamic tool name.',
      'Tool "t0" appears more than once.',
      CHATS,
      'POST',
    ],
    [
      'an MCP server id the deployment does not have enabled',
      (h) => {
        h.fake.control.chats.setMcpServers([MCP_A]);
        return h.client.createChat({ content: text('x'), mcp_server_ids: [MCP_A, MCP_B] });
      },
      400,
      'One or more MCP server IDs are invalid or disabled.',
      `Invalid IDs: ${MCP_B}`,
      CHATS,
      'POST',
    ],
    [
      'a member whose role may not create chats',
      (h) => {
        h.fake.control.chats.setCreateAllowed(false);
        return h.client.createChat({ content: text('x') });
      },
      403,
      'Forbidden.',
      FORBIDDEN_DETAIL,
      CHATS,
      'POST',
    ],
    [
      'a workspace of another organization',
      async (h) => {
        const home = h.fake.control.seed?.organizationId ?? '';
        const other = h.fake.control.addOrganization({ name: 'other' });
        const { version } = h.fake.control.addTemplate({ name: 'other-ai', organization: 'other' });
        const { token } = h.fake.control.addUser({ username: 'dual', organizations: [home, other.id] });
        const client = h.clientWith({ token });
        const task = await client.createTask('me', { template_version_id: version.id, input: 'x' });
        if (!task.workspace_id) throw new Error('the task has no workspace');
        return client.createChat({
          content: text('x'),
          organization_id: home,
          workspace_id: task.workspace_id,
        });
      },
      400,
      'Workspace does not belong to the specified organization.',
      undefined,
      CHATS,
      'POST',
    ],
    [
      'a create the store fails to save',
      (h) => {
        h.fake.control.chats.failStore('create-chat');
        return h.client.createChat({ content: text('x') });
      },
      500,
      'Failed to create chat.',
      'pq: the fake store refused the write (injected fault)',
      CHATS,
      'POST',
    ],
    [
      'a send chatd’s state machine refuses',
      async (h) => {
        const chat = await idleChat(h);
        h.fake.control.chats.setSendConflict(chat.id, 'transition');
        return h.client.sendChatMessage(chat.id, { content: text('x') });
      },
      409,
      'Chat is not in a state that accepts new messages.',
      'chat state transition not allowed from status "waiting"',
      MESSAGES,
      'POST',
    ],
    [
      'a send to a chat in an invalid state',
      async (h) => {
        const chat = await idleChat(h);
        h.fake.control.chats.setSendConflict(chat.id, 'invalid-state');
        return h.client.sendChatMessage(chat.id, { content: text('x') });
      },
      409,
      'Chat is in an invalid state.',
      undefined,
      MESSAGES,
      'POST',
    ],
    [
      'archiving a subagent chat instead of its root',
      async (h) => {
        const root = await idleChat(h);
        const childId = h.fake.control.chats.addChildChat(root.id);
        return h.client.updateChat(childId, { archived: true });
      },
      400,
      'Chat archive state can only be changed on the root chat.',
      undefined,
      CHAT,
      'PATCH',
    ],
    [
      'unarchiving a chat that is not archived',
      async (h) => h.client.updateChat((await idleChat(h)).id, { archived: false }),
      400,
      'Chat is already not archived.',
      undefined,
      CHAT,
      'PATCH',
    ],
    [
      'an archive the store fails to save',
      async (h) => {
        const chat = await idleChat(h);
        h.fake.control.chats.failStore('archive');
        return h.client.updateChat(chat.id, { archived: true });
      },
      500,
      'Failed to archive chat.',
      'pq: the fake store refused the write (injected fault)',
      CHAT,
      'PATCH',
      // A PATCH replaces what it names, so the SDK may repeat it after a 5xx (a repeat that finds the chat
      // already archived counts as done); it still stops after its retry budget.
      1 + FAST_RETRY.maxRetries,
    ],
    [
      'an unarchive the store fails to save',
      async (h) => {
        const chat = await idleChat(h);
        await h.client.updateChat(chat.id, { archived: true });
        h.fake.control.chats.failStore('archive');
        return h.client.updateChat(chat.id, { archived: false });
      },
      500,
      'Failed to unarchive chat.',
      'pq: the fake store refused the write (injected fault)',
      CHAT,
      'PATCH',
      // The archiving PATCH, then the unarchiving one and its repeats.
      1 + 1 + FAST_RETRY.maxRetries,
    ],
  ])('%s', async (_name, call, status, message, detail, route, method, attempts = 1) => {
    // v2.37 still serves Tasks, which the workspace case needs to get a workspace.
    const h = await startHarness({ version: 'v2.37.0', aiTasks: true });
    const error = await failure(call(h));
    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status, response: { message } });
    expect((error as CoderApiError).response.detail).toBe(detail);
    expect((error as Error).message).toContain(message);
    expect(h.requestsTo(route, method)).toHaveLength(attempts);
  });

  it('a send the store fails to save is reported as uncertain, with coderd’s 500 as its cause, and not sent again', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    const chat = await idleChat(h);
    h.fake.control.chats.failStore('create-message');
    const error = await failure(h.client.sendChatMessage(chat.id, { content: text('x') }));
    expect(error).toBeInstanceOf(ChatSendUncertainError);
    expect(error).toMatchObject({ chatId: chat.id });
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(CoderApiError);
    expect(cause).toMatchObject({ status: 500, response: { message: 'Failed to create chat message.' } });
    expect(h.requestsTo(`/api/v2/chats/${chat.id}/messages`, 'POST')).toHaveLength(1);
    expect(h.fake.control.chats.chat(chat.id)?.messages.filter((m) => m.role === 'user')).toHaveLength(1);
  });
});
