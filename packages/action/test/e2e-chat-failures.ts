import { describe, expect, it } from 'vitest';
import { coderWrites, githubCalls, issueComment, useEndToEnd } from './e2e-harness';

const NO_TEMPLATE = { template: '' };

/** The Chats backend's refusals and failures on a v2.38 server: each says what to do about it. */
export function defineChatFailureTests(label: string, node: string): void {
  describe(`Chats refusals and failures on v2.38, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node, { version: 'v2.38.0', tasksEnabled: false });
    const { run, onlyComment, noLeak } = e2e;

    it('a turn that ends in error fails the step with the error’s message, kind and whether to retry', async () => {
      e2e.coder.control.chats.scriptChat('*', {
        otherwise: {
          steps: [{ say: 'Trying.' }],
          end: {
            error: { message: 'The model provider is overloaded.', kind: 'overloaded', retryable: true },
          },
        },
      });
      const result = await run('issue_comment', issueComment('/coder go'), NO_TEMPLATE);
      expect(result.code).toBe(1);
      const reason =
        "The agent's turn ended in error (overloaded): The model provider is overloaded. It may work if you ask again.";
      expect(result.stdout).toContain(`::error::${reason}`);
      const comment = onlyComment();
      expect(comment.body).toContain('### ❌ Coder chat: failed');
      expect(comment.body).toContain(reason);
      expect(result.outputs).toMatchObject({ 'task-status': 'error', backend: 'chats' });
    });

    it('a chat that requires action fails the step with a clear reason', async () => {
      e2e.coder.control.chats.scriptChat('*', {
        otherwise: {
          steps: [],
          end: { requiresAction: [{ toolName: 'ask_user', args: { question: 'which file?' } }] },
        },
      });
      const result = await run('issue_comment', issueComment('/coder go'), NO_TEMPLATE);
      expect(result.code).toBe(1);
      expect(onlyComment().body).toContain('The chat stopped in requires_action');
      expect(result.outputs).toMatchObject({ 'task-status': 'requires_action' });
    });

    it('with the AI gateway off, the step fails saying what an administrator must set, and nothing is made', async () => {
      e2e.coder.control.chats.setAiGateway(false);
      const result = await run('issue_comment', issueComment('/coder go'), NO_TEMPLATE);
      expect(result.code).toBe(1);
      expect(onlyComment().body).toContain(
        'its AI gateway is off. An administrator must set CODER_AI_GATEWAY_ENABLED=true.',
      );
      expect(e2e.coder.control.chats.chats()).toEqual([]);
      noLeak(result);
    });

    it('without a chat model, the step fails saying an administrator must configure one', async () => {
      e2e.coder.control.chats.setModelAvailable(false);
      const result = await run('issue_comment', issueComment('/coder go'), NO_TEMPLATE);
      expect(result.code).toBe(1);
      expect(onlyComment().body).toContain('No chat model is configured and enabled in the organization');
    });

    it('a full queue fails the follow-up with a sentence, and queues nothing', async () => {
      e2e.coder.control.chats.scriptChat('*', { otherwise: { steps: [{ say: 'Busy.' }], end: 'never' } });
      const first = await run('issue_comment', issueComment('/coder go'), {
        ...NO_TEMPLATE,
        'wait-for': 'none',
      });
      expect(first.code, first.stdout).toBe(0);
      e2e.coder.control.chats.setQueueLimit(0);
      e2e.github.comments.clear();
      const result = await run('issue_comment', issueComment('/coder and this', 7), NO_TEMPLATE);
      expect(result.code).toBe(1);
      expect(onlyComment().body).toContain(
        'has too many requests waiting for the agent: ask again once it has answered them.',
      );
      const [chat] = e2e.coder.control.chats.chats();
      expect(chat?.queue).toEqual([]);
      expect(chat?.messages.filter((m) => m.role === 'user')).toHaveLength(1);
    });

    it('backend: tasks on this server fails clearly before anything is made', async () => {
      const result = await run('issue_comment', issueComment('/coder go'), { backend: 'tasks' });
      expect(result.code).toBe(1);
      expect(onlyComment().body).toContain(
        'backend: tasks, but the Coder server (version v2.38.0) does not serve the Tasks API (Coder removed it, coder/coder#28789). It serves Chats: use backend: auto or chats.',
      );
      expect(coderWrites(e2e.coder)).toEqual([]);
    });

    it('coder-user with backend: chats is refused before any request', async () => {
      const result = await run('issue_comment', issueComment('/coder go'), {
        backend: 'chats',
        'coder-user': 'member',
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('::error::Input "coder-user": cannot apply with the Chats backend');
      expect(e2e.coder.requests).toEqual([]);
      expect(githubCalls(e2e.github)).toEqual([]);
    });
  });
}
