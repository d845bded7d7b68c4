import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const demo = join(import.meta.dirname, '..', 'scripts', 'demo.mjs');

/** Runs `pnpm demo`'s script with `args`, as the README tells a stranger to. */
const runDemo = (...args: string[]) => run(process.execPath, [demo, ...args], { timeout: 60_000 });

describe('the demo', () => {
  it('by default runs the action against a fake of the newest generation: a chat does the work', async () => {
    const { stdout } = await runDemo();
    expect(stdout).toContain('fake Coder v2.38 (Chats)');
    expect(stdout).toContain('Using the Chats backend');
    expect(stdout).toContain('### ✅ Coder chat: complete');
    expect(stdout).toContain('[Pull request](https://github.com/Codertocat/Hello-World/pull/2) `+1 −1`');
    expect(stdout).toContain('▸ execute {"command":"grep -n \\"Helo\\" README.md"}');
    expect(stdout).toContain('  backend = chats');
    expect(stdout).toContain('The action exited with code 0.');
  });

  it('with --backend tasks (after pnpm’s --) runs it against a fake with the Tasks API', async () => {
    const { stdout } = await runDemo('--', '--backend', 'tasks');
    expect(stdout).toContain('fake Coder v2.36 (Tasks)');
    expect(stdout).toContain('Using the Tasks backend');
    expect(stdout).toContain('### ✅ Coder task: complete');
    expect(stdout).toContain('  backend = tasks');
    expect(stdout).toContain('The action exited with code 0.');
  });

  it('refuses an unknown backend with its usage', async () => {
    await expect(runDemo('--backend', 'agents')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: pnpm demo [-- --backend chats|tasks]'),
    });
  });
});
