// Bundles the action with ncc: dist/index.js (main step) and dist/post/index.js (post step), ESM, each
// with the package.json that marks it as a module. `node scripts/build.mjs <dir>` builds elsewhere, which
// is how the tests check that the committed dist/ is exactly what the sources give.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { licensesText } from './licenses.mjs';

const packageDir = join(import.meta.dirname, '..');
const ncc = join(packageDir, 'node_modules', '.bin', 'ncc');

/** Builds both bundles into `outDir` (emptied first). */
export function buildBundle(outDir) {
  rmSync(outDir, { recursive: true, force: true });
  // --no-cache: turbo's build and the dist test run ncc at the same time, and a shared cache made one of
  // them emit nothing.
  for (const [entry, out] of [
    ['src/main.ts', outDir],
    ['src/post.ts', join(outDir, 'post')],
  ]) {
    // --minify: the runner parses the whole bundle on every start; minified, it is half the size to read.
    // No source maps: they would not be loaded by the runner (no --enable-source-maps there) and would
    // add ~3 MB per step to every commit of dist/; the action reports errors by message, not by stack.
    // licenses.txt comes from the stats: ncc's `--license` left out every package webpack concatenated
    // into index.js (Octokit's among them).
    const statsDir = mkdtempSync(join(tmpdir(), 'action-stats-'));
    const stats = join(statsDir, 'stats.json');
    const flags = ['--stats-out', stats, '--quiet', '--no-cache', '--minify'];
    try {
      execFileSync(ncc, ['build', entry, '-o', out, ...flags], {
        cwd: packageDir,
        stdio: 'inherit',
      });
      const text = licensesText(JSON.parse(readFileSync(stats, 'utf8')), packageDir, '@coder-tasks/action');
      writeFileSync(join(out, 'licenses.txt'), text);
    } finally {
      rmSync(statsDir, { recursive: true, force: true });
    }
    // ncc minifies only index.js; the chunks it writes for import() (the main step's Coder side, undici
    // behind a proxy) come out as written, and the runner parses them too when they load.
    for (const name of readdirSync(out)) {
      if (!/^\d+\.index\.js$/.test(name)) continue;
      const file = join(out, name);
      const { code } = transformSync(readFileSync(file, 'utf8'), {
        minify: true,
        format: 'esm',
        target: 'node20',
      });
      writeFileSync(file, code);
    }
    // ncc writes this for an ESM package; make sure, because without it Node would read the bundle as CommonJS.
    const marker = join(out, 'package.json');
    if (!existsSync(marker)) writeFileSync(marker, `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  }
}

function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** The differences between two bundle folders: missing, extra and changed files. Empty when identical. */
export function compareBundles(expectedDir, actualDir) {
  const expected = files(expectedDir);
  const actual = files(actualDir);
  const problems = [];
  for (const file of expected) {
    if (!actual.includes(file)) problems.push(`missing: ${file}`);
    else if (!readFileSync(join(expectedDir, file)).equals(readFileSync(join(actualDir, file))))
      problems.push(`differs: ${file}`);
  }
  for (const file of actual) if (!expected.includes(file)) problems.push(`extra: ${file}`);
  return problems;
}

/**
 * Builds into `outDir` without a moment where a file is missing: the build goes to a sibling folder and
 * each file is renamed into place (atomic), since turbo may run the tests of this package, which execute
 * the bundle, while it builds.
 */
export function buildInPlace(outDir) {
  mkdirSync(outDir, { recursive: true });
  // Under node_modules: ignored by git and Biome should a killed build leave it behind, and on the same
  // file system as dist/, so the renames below stay atomic.
  const cache = join(packageDir, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const fresh = mkdtempSync(join(cache, 'action-build-'));
  try {
    buildBundle(fresh);
    const keep = new Set(files(fresh));
    for (const file of keep) {
      mkdirSync(join(outDir, file, '..'), { recursive: true });
      renameSync(join(fresh, file), join(outDir, file));
    }
    for (const file of files(outDir)) if (!keep.has(file)) rmSync(join(outDir, file));
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  buildInPlace(resolve(process.argv[2] ?? join(packageDir, 'dist')));
}
