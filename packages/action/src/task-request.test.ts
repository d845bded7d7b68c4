import { describe, expect, it } from 'vitest';
import type { Trigger } from './event';
import { taskRequestFor } from './task-request';

const where = { owner: 'octo', repo: 'hello', runId: '42' };
const trigger = (instructions?: string): Trigger =>
  ({
    actor: { login: 'alice', id: 1, isBot: false },
    request: 'fix the test',
    instructions,
    comment: { id: 5, url: 'https://github.com/octo/hello/issues/3#issuecomment-5', kind: 'issue' },
  }) as unknown as Trigger;
const thread = {
  number: 3,
  title: 'Flaky test',
  body: 'It fails',
  url: 'https://github.com/octo/hello/issues/3',
  isPullRequest: false,
};

describe('taskRequestFor', () => {
  it('gives the chat the thread’s labels, the run’s recovery label, and the instructions as its system prompt', () => {
    const request = taskRequestFor(trigger('Always add a test.\u200B'), thread, 'gh', where);
    expect(request.chat.labels).toEqual({ 'gh-repo': 'octo/hello', 'gh-thread': 'octo/hello#3' });
    expect(request.chat.runLabel).toEqual({ key: 'gh-run', value: 'octo/hello/actions/runs/42' });
    expect(request.chat.systemPrompt).toBe('Always add a test.');
    // The task's one prompt carries them; the chat's message does not, since its system prompt does.
    expect(request.input).toContain('Always add a test.');
    expect(request.chat.message).not.toContain('Always add a test.');
    expect(request.chat.message).toContain('fix the test');
  });

  it('without a thread, labels the chat by repository only, and without instructions sends no system prompt', () => {
    const request = taskRequestFor(trigger(), undefined, 'gh', where);
    expect(request.chat.labels).toEqual({ 'gh-repo': 'octo/hello' });
    expect(request.chat.systemPrompt).toBeUndefined();
  });
});
