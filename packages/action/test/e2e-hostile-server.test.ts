import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { issueComment, TASK_NAME, useEndToEnd } from './e2e-harness';
import { expectInert } from './hostile-output-cases';

// What a malicious Coder (or a man in the middle of an http: coder-url) could answer: coderd validates
// task names, but the action must not rely on it.
const HOSTILE_NAME =
  'x\n::warning ::pwned\n::set-output name=task-url::https://evil.example\n](https://evil.example) @octo-org/admins [y';
const PGP = '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF2PGPSECRET\n-----END PGP PRIVATE KEY BLOCK-----';
const HOSTILE_TEXT = `done\n::error ::pwned\n${PGP}\n@octo-org/admins`;

/** Rewrites what fake-coder says about the task and its logs into hostile text, everywhere it appears. */
function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = rewrite(inner);
  if (out.name === TASK_NAME) out.name = HOSTILE_NAME;
  if (typeof out.message === 'string' && 'state' in out) out.message = HOSTILE_TEXT;
  if (typeof out.content === 'string' && 'type' in out) {
    out.content = `${out.content}\n${HOSTILE_TEXT}`;
    out.type = 'x\n\n# @octo-org/admins';
  }
  return out;
}

/** An HTTP proxy in front of `target` that rewrites JSON answers; watch streams are refused (polling). */
async function startRewritingProxy(target: string): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          if (String(answer.headers['content-type']).includes('json') && body.length > 0) {
            body = Buffer.from(JSON.stringify(rewrite(JSON.parse(body.toString('utf8')))));
          }
          const headers = { ...answer.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers).end(body);
        });
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('a hostile Coder server, with the committed bundle', () => {
  const e2e = useEndToEnd(process.execPath);

  it('cannot put workflow commands on stdout, secrets in outputs, or links and mentions in the comment', async () => {
    const proxy = await startRewritingProxy(e2e.coder.url);
    try {
      const result = await e2e.run('issue_comment', issueComment('/coder fix the spelling error'), {
        'coder-url': proxy.url,
      });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const commands = result.stdout
        .split('\n')
        .filter((line) => line.trimStart().startsWith('::'))
        .map((line) => line.trimStart().split('::')[1]);
      expect(commands.every((command) => command === 'add-mask')).toBe(true);
      expect(result.stdout).toContain('Created the task x ::warning ::pwned ::set-output');
      for (const text of [result.stdout, result.stderr, result.summary, ...Object.values(result.outputs)]) {
        expect(text).not.toContain('PGPSECRET');
      }
      const comment = e2e.onlyComment();
      for (const body of comment.history) {
        expectInert(body, [`${proxy.url}/`, 'https://github.com/Codertocat/Hello-World/']);
      }
      expect(comment.body).not.toContain('PGPSECRET');
      e2e.noLeak(result);
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  }, 120_000);
});
