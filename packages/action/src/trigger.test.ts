import { describe, expect, it } from 'vitest';
import { findTrigger } from './trigger';

describe('findTrigger', () => {
  it.each([
    ['/coder fix the flaky login test', 'fix the flaky login test'],
    ['/CODER Fix it', 'Fix it'],
    ['/coder: fix it', 'fix it'],
    ['/coder', ''],
    ['Hey team, /coder please look\nat this too', 'please look\nat this too'],
    ['first line\n/coder second', 'second'],
    ['(/coder inside parens)', 'inside parens)'],
    ['\t/coder tabbed', 'tabbed'],
  ])('finds %j', (body, request) => {
    expect(findTrigger(body, '/coder')?.request).toBe(request);
  });

  it.each([
    ['/coders are great'],
    ['/coder-bot do it'],
    ['path/coder do it'],
    ['some/coder/path'],
    ['> /coder quoted from an earlier comment'],
    ['```\n/coder in a code block\n```'],
    ['~~~~\n/coder\n~~~~'],
    ['nothing here'],
    ['/code fix'],
  ])('ignores %j', (body) => {
    expect(findTrigger(body, '/coder')).toBeUndefined();
  });

  it('finds a trigger after a closed code block', () => {
    expect(findTrigger('```\nx\n```\n/coder go', '/coder')?.request).toBe('go');
  });

  it('escapes regular expression characters in the phrase', () => {
    expect(findTrigger('@bot+ do it', '@bot+')?.request).toBe('do it');
    expect(findTrigger('@bott do it', '@bot+')).toBeUndefined();
  });
});
