import { describe, expect, it } from 'vitest';
import { payload } from '../test/webhook-payloads';
import { likelyRequester } from './event-gate';

const comment = (body: string, user: Record<string, unknown> = {}) =>
  payload('issue_comment', 'created', (p) => {
    p.comment.body = body;
    Object.assign(p.comment.user, user);
  });

describe('likelyRequester: whose permission to read before the comment is parsed', () => {
  it.each<[string, string, unknown, string | undefined]>([
    ['a comment with the phrase', 'issue_comment', comment('/coder fix it'), 'Codertocat'],
    ['the phrase in another case', 'issue_comment', comment('/CODER fix it'), 'Codertocat'],
    ['the phrase only in code: parsing decides', 'issue_comment', comment('`/coder` is neat'), 'Codertocat'],
    ['a comment without it', 'issue_comment', comment('Thanks, looks good to me.'), undefined],
    ['a bot', 'issue_comment', comment('/coder go', { login: 'ci[bot]', type: 'Bot' }), undefined],
    ['no login', 'issue_comment', comment('/coder go', { login: '' }), undefined],
    ['this action', 'issue_comment', comment('<!-- coder-tasks-action -->\n/coder go'), undefined],
    [
      'an edited comment',
      'issue_comment',
      payload('issue_comment', 'edited', (p) => {
        p.comment.body = '/coder go';
      }),
      undefined,
    ],
    [
      'a new review comment',
      'pull_request_review_comment',
      payload('pull_request_review_comment', 'created', (p) => {
        p.comment.body = '/coder go';
      }),
      'Codertocat',
    ],
    ['an issue opened', 'issues', payload('issues', 'opened'), undefined],
    ['no payload', 'issue_comment', undefined, undefined],
  ])('%s', (_name, eventName, event, expected) => {
    expect(likelyRequester(eventName, event, '/coder')).toBe(expected);
  });
});
