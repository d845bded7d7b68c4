import { describe, expect, it } from 'vitest';
import { codeBlock, codeSpan, cutAt, longestBacktickRun, normalizeCodeText, oneLine } from './markdown';

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

describe('one line of server text', () => {
  it.each([
    ['a\nb\r\n\n c', 'a b c'],
    ['x\n::set-output name=a::b', 'x ::set-output name=a::b'],
    ['  padded\t', 'padded'],
    ['zero\u200Bwidth\u2028sep', 'zerowidth sep'],
  ])('%j becomes %j', (input, expected) => {
    expect(oneLine(input)).toBe(expected);
  });

  it('cuts long text without splitting a surrogate pair', () => {
    expect(oneLine(`${'a'.repeat(9)}😀`, 10)).toBe(`${'a'.repeat(9)}…`);
    expect(cutAt('ab😀', 3)).toBe('ab');
    expect(cutAt('ab😀', 4)).toBe('ab😀');
  });

  it.each([
    ['plain', '`plain`'],
    ['has ` tick', '``has ` tick``'],
    ['`edge`', '`` `edge` ``'],
    ['', '` `'],
    ['two\n\nparagraphs', '`two paragraphs`'],
  ])('puts %j in a code span', (input, expected) => {
    expect(codeSpan(input)).toBe(expected);
  });
});
