import { describe, expect, it } from 'vitest';
import { coderWrites, issueComment, TASK_NAME, useEndToEnd } from './e2e-harness';
import { startLandingProxy } from './landing-proxy';

const NO_TEMPLATE = { template: '' };

/** The backend each server generation gets, and one thread's task made twice at once. */
export function defineGenerationTests(label: string, node: string): void {
  describe(`Chats on v2.35 (experimental prefix), with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node, { version: 'v2.35.1', tasksEnabled: false });

    it('a comment without a template works through /api/experimental/chats', async () => {
      const result = await e2e.run('issue_comment', issueComment('/coder go'), NO_TEMPLATE);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(coderWrites(e2e.coder)).toEqual(['POST /api/experimental/chats']);
      expect(result.outputs).toMatchObject({ backend: 'chats', 'task-status': 'waiting' });
    });
  });

  describe(`Tasks on v2.36 with a template, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node, { version: 'v2.36.1' });

    it('a comment with a template still makes a task, as before', async () => {
      const result = await e2e.run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain(
        'Using the Tasks backend: the server (v2.36.1) serves Tasks and a template is set.',
      );
      expect(coderWrites(e2e.coder)).toEqual(['POST /api/v2/tasks/{user}']);
      expect(e2e.coder.control.chats.chats()).toEqual([]);
      expect(result.outputs).toMatchObject({ backend: 'tasks', 'task-created': 'true' });
    });
  });

  describe(`Two creates of one thread's task, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node);

    it('a task create whose answer was lost makes exactly one task', async () => {
      e2e.coder.control.faults.inject({
        kind: 'resetBeforeResponse',
        afterHandler: true,
        route: '/api/v2/tasks/{user}',
        method: 'POST',
        times: 1,
      });
      const result = await e2e.run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(e2e.coder.control.tasks()).toHaveLength(1);
      expect(result.outputs).toMatchObject({ 'task-created': 'true', 'task-name': TASK_NAME });
    });

    it('a run that misses the thread’s task made at the same moment adopts it on 409 and sends its request', async () => {
      const first = await e2e.run('issue_comment', issueComment('/coder fix it'), { 'wait-for': 'none' });
      expect(first.code, first.stdout).toBe(0);
      // The second run's lookup misses the task, as when both runs look before either has created it.
      e2e.coder.control.faults.inject({
        kind: 'status',
        status: 404,
        body: { message: 'Resource not found or you do not have access to this resource' },
        route: '/api/v2/tasks/{user}/{task}',
        method: 'GET',
        // The first such read is the SDK's probe of whether the Tasks routes answer.
        skip: 1,
        times: 1,
      });
      e2e.github.comments.clear();
      const second = await e2e.run('issue_comment', issueComment('/coder and the docs', 7));
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(e2e.coder.control.tasks()).toHaveLength(1);
      expect(coderWrites(e2e.coder)).toEqual([
        'POST /api/v2/tasks/{user}',
        'POST /api/v2/tasks/{user}',
        'POST /api/v2/tasks/{user}/{task}/send',
      ]);
      expect(second.outputs).toMatchObject({ 'task-created': 'false', 'task-name': TASK_NAME });
      expect(e2e.onlyComment().body).toContain('sent to the existing task for this thread');
    });
  });

  describe(`Creates that land behind a gateway answering 503, with the committed bundle on ${label}`, () => {
    const tasks = useEndToEnd(node);

    it('a task create that landed but was answered 503 makes exactly one task, reported as created', async () => {
      const proxy = await startLandingProxy(
        tasks.coder.url,
        (method, path) => method === 'POST' && path === '/api/v2/tasks/me',
      );
      try {
        const result = await tasks.run('issue_comment', issueComment('/coder go'), {
          'coder-url': proxy.url,
        });
        expect(result.code, result.stdout + result.stderr).toBe(0);
        expect(proxy.landed).toBe(1);
        expect(tasks.coder.control.tasks()).toHaveLength(1);
        expect(result.outputs).toMatchObject({ 'task-created': 'true', 'task-name': TASK_NAME });
        // Its own request is not sent to it a second time.
        expect(coderWrites(tasks.coder).filter((w) => w.endsWith('/send'))).toEqual([]);
      } finally {
        await proxy.close();
      }
    });
  });

  describe(`A chat create that lands behind a gateway answering 503, with the committed bundle on ${label}`, () => {
    const chats = useEndToEnd(node, { version: 'v2.38.0', tasksEnabled: false });

    it('makes exactly one chat, found again by the run’s label', async () => {
      const proxy = await startLandingProxy(
        chats.coder.url,
        (method, path) => method === 'POST' && path === '/api/v2/chats',
      );
      try {
        const result = await chats.run('issue_comment', issueComment('/coder go'), {
          ...NO_TEMPLATE,
          'coder-url': proxy.url,
        });
        expect(result.code, result.stdout + result.stderr).toBe(0);
        expect(proxy.landed).toBe(1);
        expect(chats.coder.control.chats.chats()).toHaveLength(1);
        expect(result.outputs).toMatchObject({ 'task-created': 'true', 'task-status': 'waiting' });
      } finally {
        await proxy.close();
      }
    });
  });
}
