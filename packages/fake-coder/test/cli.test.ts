import { BuildInfoSchema, parseWire } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/run-cli';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe('fake-coder CLI', () => {
  it('starts the demo scenario on a free port and prints a URL and a working token', async () => {
    const { out, io: sink } = io();
    const { fake, exitCode } = await runCli(['--port', '0', '--scenario', 'demo'], sink);
    try {
      expect(exitCode).toBe(0);
      const text = out.join('');
      const url = /CODER_URL=(\S+)/.exec(text)?.[1];
      const token = /CODER_SESSION_TOKEN=(\S+)/.exec(text)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const info = await fetch(`${url}/api/v2/buildinfo`).then((r) => r.json());
      expect(parseWire(BuildInfoSchema, info, 'BuildInfo').version).toBe('v2.36.1');
      const me = await fetch(`${url}/api/v2/users/me`, { headers: { 'Coder-Session-Token': token ?? '' } });
      expect(((await me.json()) as { username: string }).username).toBe('admin');
    } finally {
      await fake?.close();
    }
  });

  it.each([
    [[], 'Tasks not served; Chats under /api/v2 and /api/experimental', 404],
    [['--ai-tasks'], 'Tasks served; Chats under /api/v2 and /api/experimental', 200],
  ])(
    'emulates v2.37 with --version, and its CODER_ENABLE_AI_TASKS with --ai-tasks (%j)',
    async (flags, line, status) => {
      const { out, io: sink } = io();
      const { fake, exitCode } = await runCli(['--port', '0', '--version', 'v2.37.1', ...flags], sink);
      try {
        expect(exitCode).toBe(0);
        expect(out.join('')).toContain(`version v2.37.1: ${line}`);
        const res = await fetch(`${fake?.url}/api/v2/tasks`, {
          headers: { 'Coder-Session-Token': fake?.token ?? '' },
        });
        expect(res.status).toBe(status);
      } finally {
        await fake?.close();
      }
    },
  );

  it.each([
    [['--port', 'abc'], /--port must be an integer/],
    [['--scenario', 'nope'], /unknown scenario "nope"; known scenarios:\n {2}demo/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with a clear message and exit code 2', async (argv, message) => {
    const { err, io: sink } = io();
    const { fake, exitCode } = await runCli(argv, sink);
    expect(fake).toBeUndefined();
    expect(exitCode).toBe(2);
    expect(err.join('')).toMatch(message);
  });

  it('prints help with the scenarios', async () => {
    const { out, io: sink } = io();
    expect((await runCli(['--help'], sink)).exitCode).toBe(0);
    expect(out.join('')).toContain('instant');
  });
});
