import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BuildInfoSchema, parseWire } from '@coder-tasks/types';
import { afterEach, describe, expect, it } from 'vitest';

// The published bin as users run it: the built dist/cli.js in its own Node process. runCli's own tests
// cover the arguments; this one covers what only the built file can break (the ESM entry and its shebang,
// the bundle's imports, signal handling).

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

interface Running {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runDistCli(args: string[]): Running {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, out: () => out, err: () => err, exited };
}

/** Resolves with the first match of `pattern` in the output, or rejects once the process exits without one. */
function waitForOutput(running: Running, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = pattern.exec(running.out());
      if (match) {
        running.child.stdout?.off('data', check);
        resolve(match);
      }
    };
    running.child.stdout?.on('data', check);
    check();
    running.exited.then(({ code, signal }) => {
      reject(new Error(`fake-coder exited (${code ?? signal}) before printing ${pattern}: ${running.err()}`));
    });
  });
}

let running: Running | undefined;

afterEach(async () => {
  // A failed assertion must not leave the server process behind.
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  running = undefined;
});

describe('the built fake-coder bin (dist/cli.js)', () => {
  it('exists (build the package first: pnpm --filter @coder-tasks/fake-coder build)', () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it('listens on a free port, prints its URL, serves buildinfo with --version, and stops cleanly on SIGTERM', async () => {
    running = runDistCli(['--port', '0', '--version', 'v2.35.4+0123abc']);
    const [, url] = await waitForOutput(running, /^CODER_URL=(http:\/\/127\.0\.0\.1:\d+)$/m);
    expect(running.out()).toContain('version v2.35.4+0123abc: Tasks served; Chats under /api/experimental');
    const res = await fetch(`${url}/api/v2/buildinfo`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-coder-build-version')).toBe('v2.35.4+0123abc');
    expect(parseWire(BuildInfoSchema, await res.json(), 'BuildInfo').version).toBe('v2.35.4+0123abc');

    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.err()).toBe('');
    // Stopped means the port no longer answers.
    await expect(fetch(`${url}/api/v2/buildinfo`)).rejects.toThrow();
  });

  it('exits with code 2 and the usage on a wrong argument, without listening', async () => {
    running = runDistCli(['--port', 'abc']);
    expect(await running.exited).toEqual({ code: 2, signal: null });
    expect(running.err()).toMatch(/--port must be an integer/);
    expect(running.out()).not.toContain('CODER_URL=');
  });
});
