import { describe, expect, it } from 'vitest';
import { chat, message, scriptedChatClient } from '../../../test/scripted-chat-client';
import type { ChatRequest } from '../../task-request';
import { startChat } from './start-chat';

const labels = { 'gh-repo': 'octo/hello', 'gh-thread': 'octo/hello#1' };
const request: ChatRequest = {
  message: 'fix it',
  systemPrompt: 'Always open a pull request.',
  labels,
  runLabel: { key: 'gh-run', value: 'octo/hello/actions/runs/42' },
};
const target = { organizationId: '22222222-2222-4222-8222-222222222222', model: undefined };

describe('startChat', () => {
  it('creates the thread’s chat with its labels, the system prompt and the run’s recovery label', async () => {
    const coder = scriptedChatClient();
    coder.on('list', []);
    coder.on('create', chat({ labels }));
    expect(await startChat(coder.client, request, target)).toMatchObject({ created: true, sent: undefined });
    expect(coder.calls).toEqual([
      `list ${JSON.stringify({ labels, archived: false })}`,
      `create ${JSON.stringify({
        organization_id: target.organizationId,
        content: [{ type: 'text', text: 'fix it' }],
        system_prompt: 'Always open a pull request.',
        labels,
        idempotencyLabel: request.runLabel,
      })}`,
    ]);
  });

  it('sends a follow-up to the thread’s chat, checking its labels itself (old servers ignore the filter)', async () => {
    const coder = scriptedChatClient();
    const ours = chat({ id: '77777777-7777-4777-8777-777777777777', labels: { ...labels, 'gh-run': 'x' } });
    coder.on('list', [chat({ labels: { 'gh-repo': 'octo/hello', 'gh-thread': 'octo/hello#2' } }), ours]);
    const sent = { queued: false, message: message(9, 'user', 'fix it'), messages: [], warnings: [] };
    coder.on('send', sent);
    expect(await startChat(coder.client, request, target)).toEqual({ chat: ours, created: false, sent });
    expect(coder.calls[1]).toBe(`send ${ours.id} {"content":[{"type":"text","text":"fix it"}]}`);
  });

  it('without a thread, starts a chat of its own without looking for one', async () => {
    const coder = scriptedChatClient();
    coder.on('create', chat());
    await startChat(coder.client, { ...request, labels: { 'gh-repo': 'octo/hello' } }, target);
    expect(coder.calls).toHaveLength(1);
    expect(coder.calls[0]).toMatch(/^create /);
  });
});
