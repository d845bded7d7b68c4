import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modulePaths, packageRoot } from '../scripts/licenses.mjs';

const packageDir = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
/** The package names a licenses.txt lists (each entry starts with the name, then the license field). */
const listed = (file: string) =>
  readFileSync(join(packageDir, 'dist', file), 'utf8')
    .split('\n\n\n')
    .map((entry) => entry.trimStart().split('\n')[0]);

describe('the licenses of the bundled packages', () => {
  it('modulePaths reads concatenated modules too, and skips webpack runtime and Node built-ins', () => {
    const stats = {
      modules: [
        { name: './src/main.ts' },
        {
          name: './src/run.ts + 3 modules',
          modules: [{ name: './src/run.ts' }, { name: '../sdk/dist/index.js' }],
        },
        { name: 'webpack/runtime/ensure chunk' },
        { name: 'external "node:fs"' },
        { name: '../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/core.js' },
      ],
    };
    expect(modulePaths(stats)).toEqual([
      '../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/core.js',
      '../sdk/dist/index.js',
      './src/main.ts',
      './src/run.ts',
    ]);
  });

  it.each([
    [
      '/r/node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/core.js',
      '/r/node_modules/.pnpm/zod@4.6.7/node_modules/zod',
    ],
    [
      '/r/node_modules/.pnpm/@octokit+core@7.0.8/node_modules/@octokit/core/dist-src/index.js',
      '/r/node_modules/.pnpm/@octokit+core@7.0.8/node_modules/@octokit/core',
    ],
    ['/r/node_modules/micromark/lib/index.js', '/r/node_modules/micromark'],
    [join(packageDir, '..', 'sdk', 'dist', 'index.js'), join(packageDir, '..', 'sdk')],
  ])('packageRoot(%s) is %s', (file, root) => {
    expect(packageRoot(file)).toBe(root);
  });

  it("the main step's licenses.txt lists every runtime dependency and what Octokit brings", () => {
    const names = listed('licenses.txt');
    for (const name of [
      ...Object.keys(manifest.dependencies),
      '@octokit/request',
      'before-after-hook',
      'zod',
    ]) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain('@coder-tasks/action');
    expect(names).toEqual([...names].sort());
  });

  it("the post step's lists undici, the one package it bundles", () => {
    expect(listed('post/licenses.txt')).toEqual(['undici']);
  });
});
