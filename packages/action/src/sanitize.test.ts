import { describe, expect, it } from 'vitest';
import { removeInvisible, sanitizeUntrusted, stripHtmlComments } from './sanitize';

describe('sanitize', () => {
  it.each([
    ['a<!-- hidden -->b', 'ab'],
    ['a<!--\nmulti\nline\n-->b<!--x-->c', 'abc'],
    ['visible <!-- unterminated hides the rest', 'visible '],
    ['no comments', 'no comments'],
  ])('strips HTML comments from %j', (input, expected) => {
    expect(stripHtmlComments(input)).toBe(expected);
  });

  it.each([
    ['zero\u200Bwidth\u200C\u200D\u2060', 'zerowidth'],
    ['bidi \u202Eevil\u202C \u2066x\u2069', 'bidi evil x'],
    ['bom\uFEFF soft\u00ADhyphen', 'bom softhyphen'],
    ['tags \u{E0049}\u{E0067}\u{E006E}', 'tags '],
    ['ctrl\u0000\u0007\u001B[31m', 'ctrl[31m'],
    ['crlf\r\nand\rcr', 'crlf\nand\ncr'],
    ['tab\tand\nnewline stay', 'tab\tand\nnewline stay'],
    ['unicode é 漢字 😀 stays', 'unicode é 漢字 😀 stays'],
  ])('removes invisible characters from %j', (input, expected) => {
    expect(removeInvisible(input)).toBe(expected);
  });

  it('does both', () => {
    expect(sanitizeUntrusted('a<!-- \u200B -->\u200Bb')).toBe('ab');
  });
});
