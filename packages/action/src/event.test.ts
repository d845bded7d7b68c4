import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { type EventOptions, parseEvent } from './event';
import { COMMENT_MARKER } from './marker';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are deep JSON that the tests patch freely
type Json = any;
type Example = { name: string; examples: Array<Record<string, unknown> & { action?: string }> };
const examples = require('@octokit/webhooks-examples') as Example[];
function payload(
  name: string,
  action: string | undefined,
  patch: (p: Record<string, Json>) => void = () => {},
) {
  const found = examples.find((e) => e.name === name)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${name} ${action} example`);
  const copy = structuredClone(found) as Record<string, Json>;
  patch(copy);
  return copy;
}
const options: EventOptions = {
  triggerPhrase: '/coder',
  prompt: undefined,
  issueNumber: undefined,
  allowedBots: ['renovate'],
};

describe('parseEvent', () => {
  it('reads an issue comment with the trigger', () => {
    const event = payload('issue_comment', 'created', (p) => {
      p.comment.body = '/coder fix the README';
    });
    const decision = parseEvent('issue_comment', event, options);
    expect(decision).toEqual({
      skip: false,
      trigger: {
        eventName: 'issue_comment',
        actor: { login: 'Codertocat', id: 21031067, isBot: false },
        request: 'fix the README',
        instructions: undefined,
        thread: {
          number: 1,
          isPullRequest: false,
          title: 'Spelling error in the README file',
          body: event.issue.body,
          url: 'https://github.com/Codertocat/Hello-World/issues/1',
        },
        comment: { id: 492700400, kind: 'issue', url: event.comment.html_url },
      },
    });
  });

  it('marks a comment on a pull request', () => {
    const event = payload('issue_comment', 'created', (p) => {
      p.comment.body = '/coder go';
      p.issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
    });
    const decision = parseEvent('issue_comment', event, options);
    expect(decision.skip === false && decision.trigger.thread?.isPullRequest).toBe(true);
  });

  it('reads a review comment with its branches', () => {
    const event = payload('pull_request_review_comment', 'created', (p) => {
      p.comment.body = 'nit.\n/coder rename this';
    });
    const decision = parseEvent('pull_request_review_comment', event, options);
    if (decision.skip) throw new Error(decision.reason);
    expect(decision.trigger.comment).toMatchObject({ id: 284312630, kind: 'review' });
    expect(decision.trigger.thread).toMatchObject({
      number: 2,
      isPullRequest: true,
      headRef: 'changes',
      baseRef: 'master',
    });
    expect(decision.trigger.request).toBe('rename this');
  });

  it.each([
    ['issue_comment', 'edited', '/coder go', 'only new comments'],
    ['issue_comment', 'deleted', '/coder go', 'only new comments'],
    ['pull_request_review_comment', 'edited', '/coder go', 'only new comments'],
    ['issue_comment', 'created', 'just chatting', 'does not contain the trigger phrase "/coder"'],
    ['issue_comment', 'created', `${COMMENT_MARKER}\n/coder loop`, 'written by this action'],
  ])('skips %s %s %j', (name, action, body, reason) => {
    const decision = parseEvent(
      name,
      payload(name, action, (p) => {
        p.comment.body = body;
      }),
      options,
    );
    expect(decision).toEqual({ skip: true, reason: expect.stringContaining(reason) });
  });

  it('skips bots unless allowed', () => {
    const bot = (login: string) =>
      payload('issue_comment', 'created', (p) => {
        p.comment.body = '/coder go';
        p.comment.user.login = login;
        p.comment.user.type = 'Bot';
      });
    expect(parseEvent('issue_comment', bot('github-actions[bot]'), options)).toEqual({
      skip: true,
      reason: expect.stringContaining('not in allowed-bots'),
    });
    expect(parseEvent('issue_comment', bot('renovate[bot]'), options).skip).toBe(false);
  });

  it('needs the prompt for issues events, and takes it as the request', () => {
    const opened = payload('issues', 'opened');
    expect(parseEvent('issues', opened, options)).toEqual({
      skip: true,
      reason: expect.stringContaining('"prompt"'),
    });
    const decision = parseEvent('issues', opened, { ...options, prompt: 'triage this' });
    expect(decision.skip === false && decision.trigger.request).toBe('triage this');
    expect(parseEvent('issues', payload('issues', 'edited'), { ...options, prompt: 'x' }).skip).toBe(true);
  });

  it('reads workflow_dispatch with prompt and issue-number, and fails without a prompt', () => {
    const event = payload('workflow_dispatch', undefined);
    const decision = parseEvent('workflow_dispatch', event, { ...options, prompt: 'do it', issueNumber: 7 });
    expect(decision).toMatchObject({
      skip: false,
      trigger: { request: 'do it', thread: { number: 7, isPullRequest: undefined } },
    });
    expect(() => parseEvent('workflow_dispatch', event, options)).toThrow('Input "prompt"');
  });

  it('skips events it does not handle', () => {
    expect(parseEvent('push', {}, options)).toEqual({
      skip: true,
      reason: expect.stringContaining('"push"'),
    });
  });
});
