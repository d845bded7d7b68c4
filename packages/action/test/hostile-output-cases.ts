import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { normalizeCodeText, oneLine } from '../src/markdown';
import { setOutputs } from '../src/outputs';
import { createRedactor, REDACTED } from '../src/redact';
import { COMMENT_LIMIT, renderStatus, type StatusView } from '../src/render-comment';
import { findTrigger } from '../src/trigger';
import { expectLinear, type HostileCase, html, outsideCode, repeatTo } from './hostile-cases';

const CODER_TOKEN = 'Ab3dE6gH9k-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y';
const GITHUB_TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const redact = createRedactor([CODER_TOKEN, GITHUB_TOKEN]);
const PGP = '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF2PGPSECRET\n-----END PGP PRIVATE KEY BLOCK-----';

const task = {
  name: 'gh-r-1-abc',
  url: 'https://coder.example.com/tasks/me/1',
  status: 'active',
  state: 'idle',
};
const view = (patch: Partial<StatusView>): StatusView => ({
  phase: 'complete',
  noun: 'task',
  runUrl: 'https://github.com/o/r/actions/runs/1',
  task: { ...task, message: 'done' },
  requester: 'alice',
  ...patch,
});
const body = (patch: Partial<StatusView>) => renderStatus(view(patch), { redact }).body;

/** Throws unless the comment has only the action's own links and markup, and no mention outside code. */
export function expectInert(
  markdown: string,
  linksTo: readonly string[] = ['https://coder.example.com/', 'https://github.com/o/r/'],
): void {
  const rendered = html(markdown);
  const hrefs = [...rendered.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
  for (const href of hrefs)
    expect(
      linksTo.some((prefix) => href.startsWith(prefix)),
      href,
    ).toBe(true);
  expect(rendered.match(/<h[1-6]\b/g)).toHaveLength(1); // the headline
  expect(rendered).not.toMatch(/<(img|script|table|blockquote|hr)\b/);
  expect(outsideCode(markdown)).not.toMatch(/@octo-org|@alice|::set-output|::warning/);
  expect(markdown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
}

const SERVER_TEXT = [
  'x](https://evil.example) @octo-org/admins [y',
  'x\n::warning ::pwned\n::set-output name=task-url::https://evil.example',
  'active\n\n# Injected @octo-org/admins\n\n<img src=x>',
  '`` ` ``</code><script>alert(1)</script>',
  '<details><summary>@octo-org/admins</summary>',
  'a\u2028b\u0085c\rd @octo-org/admins',
  '| a |\n|---|\n| @octo-org/admins |',
  '***\n> quote @octo-org/admins',
];

const ESCAPING: HostileCase[] = SERVER_TEXT.flatMap((text, i): HostileCase[] => [
  {
    category: 'output escaping',
    name: `server text #${i + 1} as a task name stays in its code span`,
    check: () => expectInert(body({ task: { ...task, name: text, message: 'done' } })),
  },
  {
    category: 'output escaping',
    name: `server text #${i + 1} as a status, state and log type stays in code`,
    check: () =>
      expectInert(
        body({
          task: { ...task, status: text, state: text, message: text },
          reason: text,
          logs: [{ type: text, content: text }],
        }),
      ),
  },
  {
    category: 'output escaping',
    name: `server text #${i + 1} printed to the log is one line (no workflow command)`,
    check: () => expect(`Created the task ${oneLine(text)}: url`.split(/\r\n|\r|\n/)).toHaveLength(1),
  },
]);
ESCAPING.push({
  category: 'output escaping',
  name: 'a status message cut at 2,000 characters keeps its surrogate pairs whole',
  check: () => expectInert(body({ task: { ...task, message: `${'a'.repeat(1_999)}😀😀` } })),
});

const SECRETS: [string, string][] = [
  ['a lower-case aws_secret_access_key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['a YAML password', 'password: Sup3rS3cretValue'],
  ['a JSON password', '{"password": "Sup3rS3cretValue"}'],
  ['an env API key', 'API_KEY=Sup3rS3cretValue'],
  ['a YAML api_key in capitals', 'API_KEY: Sup3rS3cretValue'],
  ['a ghp_ token glued to a word', 'wordghp_Sup3rS3cretValue0123456789abcdefghij'],
  ['a ghp_ token followed by _', 'ghp_Sup3rS3cretValue0123456789abcdefghij_old'],
  ['a PGP private key block', PGP.replace('PGPSECRET', 'Sup3rS3cretValue')],
  ['an OpenSSH key without its END line', '-----BEGIN OPENSSH PRIVATE KEY-----\nSup3rS3cretValue'],
  ['a URL with a password', 'https://bob:Sup3rS3cretValue@example.com'],
];

const b64 = (text: string) => Buffer.from(text).toString('base64');
const hex = Buffer.from(GITHUB_TOKEN).toString('hex');
const TOKEN_FORMS: [string, string][] = [
  ['base64 at offset 1', b64(`x${GITHUB_TOKEN}`)],
  ['base64 at offset 2', b64(`xy${GITHUB_TOKEN}`)],
  ['base64url', b64(`x-access-token:${GITHUB_TOKEN}`).replace(/\+/g, '-').replace(/\//g, '_')],
  ['hex', hex],
  ['upper-case hex', hex.toUpperCase()],
  ['JSON \\u escapes', [...GITHUB_TOKEN].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join('')],
  ['every byte percent-encoded', hex.replace(/../g, '%$&')],
  ['split across two lines', `${GITHUB_TOKEN.slice(0, 20)}\n${GITHUB_TOKEN.slice(20)}`],
  ['with a zero-width space inside', `${CODER_TOKEN.slice(0, 9)}\u200B${CODER_TOKEN.slice(9)}`],
];
const MIDDLES = [GITHUB_TOKEN.slice(8, 20), CODER_TOKEN.slice(8, 20)];

const REDACTION: HostileCase[] = [
  ...SECRETS.map(
    ([name, text]): HostileCase => ({
      category: 'redaction',
      name: `${name} never reaches the comment`,
      check: () => {
        const comment = body({ logs: [{ type: 'output', content: `see ${text} here` }], reason: text });
        expect(comment).not.toContain('Sup3rS3cretValue');
        expect(comment).toContain(REDACTED);
      },
    }),
  ),
  ...TOKEN_FORMS.map(
    ([name, form]): HostileCase => ({
      category: 'redaction',
      name: `a token as ${name} never reaches the comment`,
      check: () => {
        const comment = body({ logs: [{ type: 'output', content: `x ${form} y` }] });
        for (const middle of MIDDLES) expect(normalizeCodeText(comment)).not.toContain(middle);
        expect(comment).not.toContain(hex.slice(16, 40));
      },
    }),
  ),
  {
    category: 'redaction',
    name: 'a token split across two messages never reaches the comment',
    check: () => {
      const logs = [
        { type: 'output', content: `the token: ${GITHUB_TOKEN.slice(0, 19)}` },
        { type: 'output', content: `${GITHUB_TOKEN.slice(19)} (cont.)` },
      ];
      const comment = body({ logs });
      for (const piece of [GITHUB_TOKEN.slice(4, 19), GITHUB_TOKEN.slice(19)])
        expect(comment).not.toContain(piece);
    },
  },
  {
    category: 'redaction',
    name: 'a PGP key block in a task status never reaches GITHUB_OUTPUT',
    check: () => {
      const dir = mkdtempSync(join(tmpdir(), 'hostile-output-'));
      const file = join(dir, 'output');
      writeFileSync(file, '');
      const saved = process.env.GITHUB_OUTPUT;
      process.env.GITHUB_OUTPUT = file;
      try {
        setOutputs({ 'task-status': PGP, 'task-name': `x${GITHUB_TOKEN}` }, redact);
        const written = readFileSync(file, 'utf8');
        expect(written).not.toContain('PGPSECRET');
        expect(written).not.toContain(GITHUB_TOKEN);
        expect(written).toContain(REDACTED);
      } finally {
        if (saved === undefined) delete process.env.GITHUB_OUTPUT;
        else process.env.GITHUB_OUTPUT = saved;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];

const COMMENT_SIZE = 65_536;
const BENIGN_COMMENT = repeatTo('Please look at the failing login test; /coder can fix it.\n', COMMENT_SIZE);
const HOSTILE_COMMENTS = [
  '*a',
  '**a',
  '> - ',
  '> ',
  '1. ',
  '](',
  '[a](b',
  '[x]: <',
  '[x] ',
  '``a',
  '<a ',
  '\n',
];
const SIZE: HostileCase[] = [
  ...HOSTILE_COMMENTS.map(
    (unit): HostileCase => ({
      category: 'size',
      name: `a ${COMMENT_SIZE}-character comment of ${JSON.stringify(unit)} is read in time`,
      check: () =>
        expectLinear(
          (text) => findTrigger(text, '/coder'),
          `${repeatTo(unit, COMMENT_SIZE - 13)}\n\n/coder fix`,
          BENIGN_COMMENT,
          25,
        ),
    }),
  ),
  {
    category: 'size',
    name: '10 MB of logs in 200 messages fit the comment',
    check: () => {
      const logs = Array.from({ length: 200 }, (_, i) => ({
        type: 'output',
        content: repeatTo(`${i} `, 50_000),
      }));
      expect(body({ logs }).length).toBeLessThanOrEqual(COMMENT_LIMIT);
    },
  },
  {
    category: 'size',
    name: 'a 1 MiB task name, status and message leave a small comment',
    check: () => {
      const huge = repeatTo('n😀');
      const comment = body({ task: { ...task, name: huge, status: huge, state: huge, message: huge } });
      expect(comment.length).toBeLessThan(5_000);
      expectInert(comment);
    },
  },
];

const BENIGN_LOG = repeatTo('The agent ran the tests; 42 passed, 0 failed. See src/app.ts:17 for the fix.\n');
const REDOS: HostileCase[] = [
  ['normalizeCodeText’s trailing white space', normalizeCodeText, `${repeatTo(' ').slice(1)}x`],
  ['normalizeCodeText’s trailing newlines', normalizeCodeText, `${repeatTo('\n').slice(1)}x`],
  ['the JWT pattern', redact, repeatTo('eyJ-')],
  ['the user:password@ URL pattern', redact, repeatTo('a.')],
  ['the …TOKEN…= assignment pattern', redact, repeatTo('TOKEN')],
  ['the assignment pattern on spaces', redact, repeatTo(' ')],
  ['the private key pattern without END lines', redact, repeatTo('-----BEGIN PRIVATE KEY-----\n')],
  ['the known-token edges on a token’s own characters', redact, repeatTo(GITHUB_TOKEN.slice(0, 20))],
].map(
  ([name, apply, hostile]): HostileCase => ({
    category: 'ReDoS',
    name: `${name} on 1 MiB of its worst case`,
    check: () => expectLinear(apply as (text: string) => unknown, hostile as string, BENIGN_LOG, 25),
  }),
);

/** Hostile server text, agent output and sizes. */
export const OUTPUT_CASES: HostileCase[] = [...ESCAPING, ...REDACTION, ...SIZE, ...REDOS];
