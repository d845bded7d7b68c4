import { describe, expect, it } from 'vitest';
import { parseBaseUrl } from './parse-base-url';

const TOKEN = 'AbCdEfGhIj-KlMnOpQrStUvWxYz012345';

describe('parseBaseUrl', () => {
  it.each([
    ['https://coder.example.com', 'https://coder.example.com/'],
    ['https://coder.example.com/', 'https://coder.example.com/'],
    ['http://127.0.0.1:3000/coder', 'http://127.0.0.1:3000/coder/'],
    ['https://coder.example.com/x/?page=2#top', 'https://coder.example.com/x/'],
  ])('%s reads as %s', (input, expected) => {
    expect(parseBaseUrl(input, TOKEN).href).toBe(expected);
  });

  it.each([
    [
      'coder.example.com',
      'must be an absolute http(s) URL such as https://coder.example.com, got "coder.example.com"',
    ],
    ['ftp://coder.example.com', 'must use http or https, got ftp:'],
    ['https://me:pw@coder.example.com', 'must not carry credentials; pass the session token as `token`.'],
    [
      `https://coder.example.com/?Coder_Session_Token=${TOKEN}`,
      'must not carry a token in its query (Coder_Session_Token)',
    ],
    ['https://coder.example.com/?access_token=x', 'must not carry a token in its query (access_token)'],
  ])('refuses %s', (input, message) => {
    expect(() => parseBaseUrl(input, TOKEN)).toThrow(TypeError);
    expect(() => parseBaseUrl(input, TOKEN)).toThrow(message);
  });

  it('never shows a token, credentials or a query in the message about an unparsable URL', () => {
    for (const input of [
      TOKEN,
      `${TOKEN}?x=1`,
      `//user:${TOKEN}@host`,
      'Xy12345678-abcdefghijklmnopqrstuv/path',
    ]) {
      let message = '';
      try {
        parseBaseUrl(input, TOKEN);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^CoderClient: `url` must be an absolute http\(s\) URL/);
      expect(message).not.toContain(TOKEN);
      expect(message).not.toContain('abcdefghijklmnopqrstuv');
      expect(message).not.toContain('?x=1');
    }
  });
});
