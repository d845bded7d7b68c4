import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactCoderTokens } from './secret-shapes';

const ID = 'Ab3dE6gH9k';
const SECRET = 'Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y';

describe('redactCoderTokens', () => {
  it.each([
    [`${ID}-${SECRET}`, 'R'],
    [`key ${ID}-${SECRET}.`, 'key R.'],
    [`${ID}-${SECRET} ${ID}-${SECRET}`, 'R R'],
    [`-${ID}-${SECRET}-`, '-R-'],
    [`x${ID}-${SECRET}`, `x${ID}-${SECRET}`],
    [`${ID}-${SECRET}_`, `${ID}-${SECRET}_`],
    [`${ID}-${SECRET}9`, `${ID}-${SECRET}9`],
    ['7c524c93-a2f6-46e3-a0e0-59f0966386b5', '7c524c93-a2f6-46e3-a0e0-59f0966386b5'],
  ])('%j', (input, expected) => {
    expect(redactCoderTokens(input, 'R')).toBe(expected);
  });

  it('finds what the word-bounded pattern finds, in any text', () => {
    const pattern = /\b[A-Za-z0-9]{10}-[A-Za-z0-9]{22}\b/g;
    const pieces = fc.constantFrom(
      'a',
      'Z',
      '9',
      '-',
      '_',
      ' ',
      '.',
      'é',
      '\n',
      ID,
      SECRET,
      `${ID}-${SECRET}`,
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(redactCoderTokens(text, 'R')).toBe(text.replace(pattern, 'R'));
      }),
      { numRuns: 2_000 },
    );
  });
});
