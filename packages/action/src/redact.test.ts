import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redact';

const coderToken = 'Ab3dE6gH9k-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y';
const githubToken = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const redact = createRedactor([coderToken, githubToken, '']);

describe('createRedactor', () => {
  it.each([
    [`token ${coderToken} here`, `token ${REDACTED} here`],
    [`x${githubToken}y`, `x${REDACTED}y`],
    [`basic ${Buffer.from(coderToken).toString('base64')}`, `basic ${REDACTED}`],
    [`q=${encodeURIComponent('a b')}`, 'q=a%20b'],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', REDACTED],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', REDACTED],
    ['key AKIAIOSFODNN7EXAMPLE end', `key ${REDACTED} end`],
    ['xoxb-123456789012-abcdefghij', REDACTED],
    ['sk-ant-api03-abcdefghijklmnopqrstuvwxyz', REDACTED],
    ['AIzaSyA1234567890abcdefghijklmnopqrstuv', REDACTED],
    [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      REDACTED,
    ],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', REDACTED],
    ['Authorization: Bearer abcdefghijklmnopqrstuvwxyz', `Authorization: Bearer ${REDACTED}`],
    ['https://user:hunter22@example.com/x', `https://${REDACTED}@example.com/x`],
    ['export API_TOKEN="supersecretvalue"', `export API_TOKEN=${REDACTED}`],
    ['DATABASE_PASSWORD: correcthorsebattery', `DATABASE_PASSWORD: ${REDACTED}`],
    ['a plain sentence about tokens and keys', 'a plain sentence about tokens and keys'],
    [
      'commit 3f2a9c1 and uuid 7c524c93-a2f6-46e3-a0e0-59f0966386b5',
      'commit 3f2a9c1 and uuid 7c524c93-a2f6-46e3-a0e0-59f0966386b5',
    ],
  ])('%j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('replaces a secret that contains another one whole', () => {
    const r = createRedactor(['abc', 'xxabcxx']);
    expect(r('1 xxabcxx 2 abc')).toBe(`1 ${REDACTED} 2 ${REDACTED}`);
  });
});
