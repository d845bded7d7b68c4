import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { coderWrites, GITHUB_TOKEN, issueComment, useEndToEnd } from './e2e-harness';

const REPO = 'Codertocat/Hello-World';
const LABELS = { 'gh-repo': REPO, 'gh-thread': `${REPO}#1` };
const NO_TEMPLATE = { template: '' };

/** Waits (real time, polling) until `ready` holds, for up to 20 s. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(ready()).toBe(true);
}

/** The comment as GitHub shows it, with every code block taken out. */
function outsideCode(body: string): string {
  const html = micromark(body, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });
  return html.replace(/<pre><code[^>]*>[\s\S]*?<\/code><\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
}

/** A comment on the Chats backend of a v2.38 server (no Tasks API): the newest generation. */
export function defineChatTests(label: string, node: string): void {
  describe(`Chats on v2.38, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node, { version: 'v2.38.0', tasksEnabled: false });
    const { run, onlyComment, noLeak } = e2e;

    it('a comment creates the thread’s chat, waits for the turn and posts its transcript and pull request', async () => {
      e2e.coder.control.chats.scriptChat('*', [
        { say: 'Found "Helo" in the heading.' },
        { toolCall: { name: 'execute', args: { command: 'git push origin fix-readme' } } },
        {
          diffStatus: {
            url: `https://github.com/${REPO}/pull/2`,
            prNumber: 2,
            pullRequestState: 'open',
            additions: 3,
            deletions: 1,
          },
        },
        { say: 'Opened a pull request with the fix.' },
      ]);
      const result = await run('issue_comment', issueComment('/coder fix the spelling error'), {
        ...NO_TEMPLATE,
        prompt: 'Always open a pull request.',
      });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain(
        'Using the Chats backend: no template is set and the server (v2.38.0) serves Chats.',
      );
      expect(coderWrites(e2e.coder)).toEqual(['POST /api/v2/chats']);
      // The workflow's standing instructions are the chat's system prompt, not part of the message.
      const create = e2e.coder.requests.find((r) => r.method === 'POST')?.body as Record<string, unknown>;
      expect(create.system_prompt).toBe('Always open a pull request.');
      expect(JSON.stringify(create.content)).not.toContain('Always open a pull request.');
      const [chat] = e2e.coder.control.chats.chats();
      expect(chat?.labels).toMatchObject({ ...LABELS, 'gh-run': `${REPO}/actions/runs/4242` });
      expect(chat?.messages[0]?.text).toContain('fix the spelling error');
      const comment = onlyComment();
      const url = `${e2e.coder.url}/agents/${chat?.id}`;
      expect(comment.body).toContain('### ✅ Coder chat: complete');
      expect(comment.body).toContain(`(${url})`);
      expect(comment.body).toContain(`[Chat \`${chat?.title}\`]`);
      expect(comment.body).toContain(`[Pull request](https://github.com/${REPO}/pull/2) \`+3 −1\``);
      expect(comment.body).toContain(
        "**The agent's last status message**\n\n```text\nOpened a pull request with the fix.\n```",
      );
      expect(comment.body).toContain('▸ execute {"command":"git push origin fix-readme"}');
      expect(comment.body).toContain('**→ Sent to the agent**');
      expect(result.outputs).toEqual({
        skipped: 'false',
        'comment-id': String(comment.id),
        'comment-url': comment.html_url,
        backend: 'chats',
        'task-id': chat?.id,
        'task-name': chat?.title,
        'task-url': url,
        'task-created': 'true',
        'task-status': 'waiting',
        'task-state': '',
        'pull-request-url': `https://github.com/${REPO}/pull/2`,
        'logs-truncated': 'false',
      });
      expect(result.summary).toContain('▸ execute');
      expect(result.state['task-url']).toBe(url);
      noLeak(result);
    });

    it('a follow-up on the same thread goes to the same chat as one new message, and reports only its turn', async () => {
      const first = await run('issue_comment', issueComment('/coder fix the spelling error'), NO_TEMPLATE);
      expect(first.code, first.stdout).toBe(0);
      e2e.github.comments.clear();
      const second = await run(
        'issue_comment',
        issueComment('/coder also update the changelog', 7),
        NO_TEMPLATE,
      );
      expect(second.code, second.stdout + second.stderr).toBe(0);
      const chats = e2e.coder.control.chats.chats();
      expect(chats).toHaveLength(1);
      expect(coderWrites(e2e.coder)).toEqual(['POST /api/v2/chats', 'POST /api/v2/chats/{chat}/messages']);
      expect(chats[0]?.messages.filter((m) => m.role === 'user')).toHaveLength(2);
      const comment = onlyComment();
      expect(comment.body).toContain('sent to the existing chat for this thread');
      expect(comment.body).toContain('also update the changelog');
      expect(comment.body).not.toContain('fix the spelling error');
      expect(second.outputs).toMatchObject({
        'task-created': 'false',
        'task-id': chats[0]?.id,
        backend: 'chats',
      });
    });

    it('a follow-up while the agent is busy is queued, then answered once the agent takes it', async () => {
      e2e.coder.control.chats.scriptChat('*', {
        turns: [{ match: 'spelling', steps: [{ say: 'Working on the spelling.' }], end: 'never' }],
        otherwise: { steps: [{ say: 'Changelog updated.' }] },
      });
      const first = await run('issue_comment', issueComment('/coder fix the spelling error'), {
        ...NO_TEMPLATE,
        'wait-for': 'none',
      });
      expect(first.code, first.stdout).toBe(0);
      expect(first.outputs).toMatchObject({ 'task-status': 'running' });
      const id = e2e.coder.control.chats.chats()[0]?.id ?? '';
      e2e.github.comments.clear();
      const second = run('issue_comment', issueComment('/coder also update the changelog', 7), NO_TEMPLATE);
      await until(() => e2e.coder.control.chats.chat(id)?.queue.length === 1);
      e2e.coder.control.chats.finishTurn(id);
      const result = await second;
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const comment = onlyComment();
      expect(comment.body).toContain('Changelog updated.');
      expect(comment.body).not.toContain('Working on the spelling.');
      expect(result.outputs).toMatchObject({ 'task-created': 'false', 'task-status': 'waiting' });
      expect(e2e.coder.control.chats.chat(id)?.queue).toEqual([]);
    });

    it('hostile transcript text and tool arguments stay inside code, and no token or secret is posted', async () => {
      const hostile = [
        '```',
        '</details><img src=x onerror=alert(1)> <script>alert(1)</script>',
        '@octo-org/admins please look',
        `coder ${e2e.coder.token} github ${GITHUB_TOKEN}`,
        'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ghp_0123456789abcdefghijABCDEFGHIJ012345',
        '`````',
      ].join('\n');
      e2e.coder.control.chats.scriptChat('*', [
        { say: hostile },
        {
          toolCall: { name: 'execute', args: { command: `echo \`\`\` @octo-org/admins ${e2e.coder.token}` } },
        },
      ]);
      const result = await run('issue_comment', issueComment('/coder go'), NO_TEMPLATE);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const body = onlyComment().body;
      const shown = outsideCode(body);
      expect(shown).not.toContain('<img');
      expect(shown).not.toContain('<script');
      expect(shown).not.toContain('@octo-org/admins');
      expect(body).toContain('@octo-org/admins');
      expect(body).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
      expect(body).not.toContain('ghp_0123456789abcdefghijABCDEFGHIJ012345');
      expect(outsideCode(result.summary)).not.toContain('@octo-org/admins');
      noLeak(result);
    });

    it('a template given to this server is not used, with a notice, and the chat does the work', async () => {
      const result = await run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain(
        '::notice::The template is not used: the Coder server (version v2.38.0) does not serve the Tasks API, so the work goes to a Coder Agents chat, which needs none.',
      );
      expect(result.outputs).toMatchObject({ backend: 'chats', 'task-created': 'true' });
      expect(e2e.coder.control.tasks()).toEqual([]);
    });

    it('a create whose answer was lost makes exactly one chat, found again by the run’s label', async () => {
      e2e.coder.control.faults.inject({
        kind: 'resetBeforeResponse',
        afterHandler: true,
        route: '/api/v2/chats',
        method: 'POST',
        times: 1,
      });
      const result = await run('issue_comment', issueComment('/coder go'), NO_TEMPLATE);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(e2e.coder.control.chats.chats()).toHaveLength(1);
      expect(result.outputs).toMatchObject({ 'task-created': 'true', 'task-status': 'waiting' });
    });

    it('a run cancelled while the agent works leaves the comment saying so (post step)', async () => {
      e2e.coder.control.chats.scriptChat('*', { otherwise: { steps: [{ say: 'Busy.' }], end: 'never' } });
      const event = issueComment('/coder go');
      let child: import('node:child_process').ChildProcess | undefined;
      const main = await run('issue_comment', event, NO_TEMPLATE, {
        onSpawn: (spawned) => {
          child = spawned;
        },
        onStdout: (chunk) => {
          if (chunk.includes('Created the chat')) child?.kill('SIGTERM');
        },
      });
      expect(main.code).toBe('SIGTERM');
      const comment = onlyComment();
      const post = await run('issue_comment', event, NO_TEMPLATE, { step: 'post', state: main.state });
      expect(post.code, post.stderr).toBe(0);
      expect(comment.body).toContain('### 🛑 Coder chat: run cancelled');
      expect(comment.body).toContain(`(${main.state['task-url']})`);
      expect(comment.body).toContain(
        'The workflow run was cancelled before the chat finished. The chat itself keeps running in Coder.',
      );
    });
  });
}
