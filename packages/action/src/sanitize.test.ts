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

describe('removeInvisible by Unicode property', () => {
  it('removes every format and default-ignorable code point, including those a hand list misses', () => {
    const invisible = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
    const all: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (invisible.test(ch)) all.push(ch);
    }
    expect(all.length).toBeGreaterThan(4_000);
    const survivors = [...removeInvisible(`a${all.join('')}b`)].slice(1, -1);
    expect(survivors.map((ch) => ch.codePointAt(0)?.toString(16))).toEqual([]);
  });

  it.each([
    ['shorthand format controls', 'a\u{1BCA0}\u{1BCA3}b'],
    ['Egyptian hieroglyph format controls', 'a\u{13430}\u{1343F}b'],
    ['the Syriac abbreviation mark', 'a\u070Fb'],
    ['unassigned ignorables after the tags', 'a\u{E0080}\u{E00FF}b'],
    ['ignorables after the variation selectors', 'a\u{E01F0}\u{E0FFF}b'],
  ])('removes %s', (_name, input) => {
    expect(removeInvisible(input)).toBe('ab');
  });
});
