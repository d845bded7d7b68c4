import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle, compareBundles } from '../scripts/build.mjs';

const packageDir = join(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'action-dist-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * dist/ as git holds it (the index: HEAD on a fresh clone). Not the work tree: the test command builds the
 * package before testing it, which rewrites dist/ on disk, and comparing that with another build would
 * prove nothing.
 */
function committedDist(): string {
  const out = join(scratch, 'committed');
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: packageDir, maxBuffer: 64 * 1024 * 1024 });
  const files = git('ls-files', '-z', '--', 'dist').toString('utf8').split('\0').filter(Boolean);
  for (const file of files) {
    const target = join(out, file.replace(/^dist\//, ''));
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, git('show', `:./${file}`));
  }
  return out;
}
const committed = committedDist();

describe('the committed dist/', () => {
  it('is exactly what building the sources gives (run `pnpm --filter @coder-tasks/action build` and commit dist/)', () => {
    const fresh = join(scratch, 'fresh');
    buildBundle(fresh);
    expect(compareBundles(committed, fresh)).toEqual([]);
  }, 240_000);

  it('is an ES module bundle for both steps', async () => {
    const { readFileSync } = await import('node:fs');
    for (const dir of [committed, join(committed, 'post')]) {
      expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
    }
  });

  it('the comparison catches a changed, a missing and an extra file', () => {
    const copy = join(scratch, 'copy');
    cpSync(committed, copy, { recursive: true });
    expect(compareBundles(committed, copy)).toEqual([]);
    writeFileSync(join(copy, 'index.js'), '// tampered\n', { flag: 'a' });
    rmSync(join(copy, 'post', 'licenses.txt'));
    writeFileSync(join(copy, 'stray.js'), '');
    expect(compareBundles(committed, copy)).toEqual([
      'differs: index.js',
      'missing: post/licenses.txt',
      'extra: stray.js',
    ]);
  });
});
