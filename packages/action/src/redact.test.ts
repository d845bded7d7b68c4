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

describe('createRedactor on realistic secret shapes', () => {
  const ghp = 'ghp_R4nd0mT0k3nV4lu3abcdefghijklmnop0123';
  it.each([
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
    ['password: hunter2hunter2', 'hunter2'],
    ['Password = "correct horse battery"', 'correct horse'],
    ['{"password": "s3cr3t-pa55"}', 's3cr3t'],
    ["{'api_key': 'k-1234567890abcdef'}", '1234567890'],
    ['  api_key: k-1234567890abcdef', '1234567890'],
    ['API-KEY=k-1234567890abcdef', '1234567890'],
    ['db_passwd=Tr0ub4dor&3', 'Tr0ub4dor'],
    [`prefix${ghp}`, 'R4nd0mT0k3n'],
    [`${ghp}_backup`, 'R4nd0mT0k3n'],
    [`word${ghp}_x and more`, 'R4nd0mT0k3n'],
    [
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF2xyz\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----',
      'lQOYBF2xyz',
    ],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\n(cut off)', 'b3BlbnNza'],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBO\n-----END ENCRYPTED PRIVATE KEY-----', 'MIIFHDBO'],
    ['glpat-abcdefghij0123456789', 'abcdefghij0123456789'],
    ['npm_abcdefghijklmnopqrstuvwxyz0123456789', 'abcdefghijklmnop'],
    ['hf_abcdefghijklmnopqrstuvwxyzabcdefgh', 'abcdefghijklmnop'],
  ])('hides the value in %j', (input, secretPart) => {
    const out = redact(input);
    expect(out).not.toContain(secretPart);
    expect(out).toContain(REDACTED);
  });

  it.each([
    ['max_tokens: 4096'],
    ['"input_tokens": 123456789'],
    ['token_type: bearer_token_value'],
    ['password: string;'],
    ['const token = process.env.GITHUB_TOKEN'],
    ['the password is not here'],
  ])('leaves %j alone', (input) => {
    expect(redact(input)).toBe(input);
  });

  it('keeps the text around a key block and ends it at its END line', () => {
    const out = redact(
      'before\n-----BEGIN PGP PRIVATE KEY BLOCK-----\nxyz\n-----END PGP PRIVATE KEY BLOCK-----\nafter',
    );
    expect(out).toBe(`before\n${REDACTED}\nafter`);
  });
});

describe('createRedactor on derived forms of the known tokens', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const hex = Buffer.from(coderToken).toString('hex');
  const unicodeEscaped = [...coderToken]
    .map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');
  it.each([
    ['base64 at offset 0', b64(`${coderToken}`)],
    ['base64 at offset 1', b64(`x${coderToken}`)],
    ['base64 at offset 2', b64(`xy${coderToken}`)],
    ['base64 inside a Basic header', b64(`user:${coderToken}`)],
    ['base64 at offset 1 of the GitHub token', b64(`x-access-token:${githubToken}`)],
    ['base64url at offset 2', b64(`xy${coderToken}?`).replace(/\+/g, '-').replace(/\//g, '_')],
    ['hex in lower case', hex],
    ['hex in upper case', hex.toUpperCase()],
    ['JSON \\u escapes', unicodeEscaped],
    ['JSON \\u escapes in upper case', unicodeEscaped.toUpperCase().replace(/\\U/g, '\\u')],
    ['every byte percent-encoded', hex.replace(/../g, '%$&')],
    ['every byte percent-encoded, upper case', hex.toUpperCase().replace(/../g, '%$&')],
    ['URL-encoded', encodeURIComponent(`${githubToken}`)],
    ['split across two lines', `${coderToken.slice(0, 15)}\n${coderToken.slice(15)}`],
    ['split across CRLF lines', `${githubToken.slice(0, 20)}\r\n${githubToken.slice(20)}`],
    ['with a zero-width space inside', `${coderToken.slice(0, 5)}\u200B${coderToken.slice(5)}`],
    [
      'with a word joiner and a soft hyphen inside',
      `${githubToken.slice(0, 9)}\u2060\u00AD${githubToken.slice(9)}`,
    ],
    ['with a tag character inside', `${githubToken.slice(0, 9)}\u{E0041}${githubToken.slice(9)}`],
  ])('hides the token %s', (_name, form) => {
    const out = redact(`before ${form} after`);
    expect(out).toContain(REDACTED);
    // Nothing of the token's middle survives in any of the forms above.
    for (const probe of [coderToken.slice(12, 24), githubToken.slice(12, 24)]) {
      expect(out).not.toContain(probe);
      expect(out).not.toContain(Buffer.from(probe).toString('hex'));
    }
    expect(out.startsWith('before ')).toBe(true);
    expect(out.endsWith(' after')).toBe(true);
  });

  it('hides a token split across two messages, each piece on its own', () => {
    const cut = 17;
    const first = redact(`the token is ${githubToken.slice(0, cut)}`);
    const second = redact(`${githubToken.slice(cut)} and more`);
    expect(first).toBe(`the token is ${REDACTED}`);
    expect(second).toBe(`${REDACTED} and more`);
  });

  it('hides a message that is only the middle of a token', () => {
    expect(redact(coderToken.slice(5, 25))).toBe(REDACTED);
  });

  it('keeps pieces too short to mean anything', () => {
    expect(redact(`end ${coderToken.slice(0, 6)}`)).toBe(`end ${coderToken.slice(0, 6)}`);
  });
});
