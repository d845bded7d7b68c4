import { describe, expect, it } from 'vitest';
import { codeBlock, longestBacktickRun, normalizeCodeText } from './markdown';

describe('code blocks', () => {
  it.each([
    ['plain', 0, '```'],
    ['a ` b', 1, '```'],
    ['``` inside', 3, '````'],
    ['x ````` y `` z', 5, '``````'],
  ])('%j needs a fence longer than its longest backtick run', (text, run, fence) => {
    expect(longestBacktickRun(text)).toBe(run);
    expect(codeBlock(text)).toBe(`${fence}text\n${text}\n${fence}`);
  });

  it('renders an empty block', () => {
    expect(codeBlock('')).toBe('```text\n```');
  });

  it.each([
    ['a\r\nb\rc', 'a\nb\nc'],
    ['nul\0byte', 'nul\uFFFDbyte'],
    ['lone \uD800 surrogate \uDC00', 'lone \uFFFD surrogate \uFFFD'],
    ['pair 😀 kept', 'pair 😀 kept'],
    ['trailing\n\n  \n', 'trailing'],
  ])('normalizes %j', (input, expected) => {
    expect(normalizeCodeText(input)).toBe(expected);
  });
});
