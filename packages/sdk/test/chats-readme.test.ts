import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHarness } from './harness';

const README = join(import.meta.dirname, '..', 'README.md');
const MARKER = '<!-- chats-example: run by test/chats-readme.test.ts -->';

/** The README's Chats example, importing this package's source instead of its published build. */
function readmeExample(): string {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(MARKER);
  expect(start).toBeGreaterThan(-1);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  const code = block?.[1] ?? '';
  expect(code).toContain("from '@coder-tasks/sdk'");
  return code.replace("from '@coder-tasks/sdk'", "from '../src/index'");
}

describe('the README’s Chats example', () => {
  const file = join(import.meta.dirname, `readme-example-${process.pid}.tmp.ts`);
  afterEach(() => {
    rmSync(file, { force: true });
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('creates a chat, waits for the turn and prints the transcript', async () => {
    const h = await startHarness({ version: 'v2.38.0' });
    h.fake.control.chats.scriptChat('*', [
      { reasoning: 'Looking at the test.', say: 'Reproducing the flake.' },
      {
        toolCall: {
          name: 'execute',
          args: { command: 'pnpm test' },
          result: { exit_code: 1 },
          isError: true,
        },
      },
      { say: 'Fixed the race in the login fixture.' },
    ]);
    vi.stubEnv('CODER_URL', h.fake.url);
    vi.stubEnv('CODER_SESSION_TOKEN', h.fake.token);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    writeFileSync(file, readmeExample());
    await import(/* @vite-ignore */ file);
    const [chat] = h.fake.control.chats.chats();
    expect(lines).toEqual([
      `chat ${h.fake.url}/agents/${chat?.id}`,
      'user: Fix the flaky login test',
      'reasoning: Looking at the test.',
      'assistant: Reproducing the flake.',
      'tool execute {"command":"pnpm test"}',
      'result (error) {"exit_code":1}',
      'assistant: Fixed the race in the login fixture.',
    ]);
    expect(chat?.labels).toEqual({ source: 'example', 'example/run': 'run-1' });
  });
});
