import { describe, expect, it } from 'vitest';
import { fastest, repeatTo } from '../test/hostile-cases';
import { normalizeCodeText } from './markdown';
import { createRedactor } from './redact';
import { sanitizeUntrusted } from './sanitize';

const MIB = 2 ** 20;
// Generous: a linear pattern on its worst case costs a small multiple of benign text; a quadratic one
// on 1 MiB costs tens of thousands of times more (minutes against milliseconds).
const RATIO = 25;

/** `unit` repeated to 1 MiB. */
const mib = (unit: string): string => repeatTo(unit, MIB);

const BENIGN = mib('The agent ran the tests; 42 passed, 0 failed. See src/app.ts:17 for the fix.\n');
const redact = createRedactor([
  'Ab3dE6gH9k-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y',
  'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
]);

/** Each function applied to agent output, with the inputs that made its patterns backtrack. */
const CASES: [string, (text: string) => unknown, string[]][] = [
  ['normalizeCodeText (trailing white space)', normalizeCodeText, [' ', '\n', ' \n\t', ' x']],
  [
    'the redactor (JWT, URL password, assignment, token and key shapes)',
    redact,
    [
      ' ',
      '\n',
      'eyJ-',
      'eyJ.',
      'a.',
      'a:',
      'a://',
      'a://b:',
      'TOKEN',
      'token ',
      'A_TOKEN=',
      'password:',
      'token',
      'token=token',
      'secret_',
      '"password":"',
      '"a":',
      'sk-',
      'xoxb-',
      'ghp_',
      'glpat-',
      'AKIA',
      'AIza',
      '-----BEGIN PRIVATE KEY-----\n',
      'aaaaaaaaaa-',
      'Ab3dE6gH9k-Xq7Zp9',
      '\u200B',
    ],
  ],
  [
    'sanitizeUntrusted (comments, invisible characters)',
    sanitizeUntrusted,
    ['<!--', '<!-- -', '\u200B', '\r'],
  ],
];

describe('patterns applied to agent output run in linear time', () => {
  for (const [name, apply, units] of CASES) {
    it(`${name}: 1 MiB of each worst case costs at most ${RATIO}× 1 MiB of benign text`, () => {
      const benign = Math.max(
        fastest(() => apply(BENIGN)),
        10,
      );
      // A run of white space is also tried with a character after it: a pattern that fails only at the
      // end of the run (`\s+$` before a last `x`) backtracks there.
      const inputs = units.flatMap((unit) =>
        /^\s+$/.test(unit) ? [mib(unit), `${mib(unit).slice(1)}x`] : [mib(unit)],
      );
      const slow = inputs
        .map((input) => ({ unit: input.slice(0, 12), ms: fastest(() => apply(input)) }))
        .filter(({ ms }) => ms > benign * RATIO);
      expect(slow, `benign took ${benign.toFixed(1)} ms`).toEqual([]);
    }, 120_000);
  }
});
