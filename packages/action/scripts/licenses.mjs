// The licenses of every package bundled into a step, read from ncc's webpack stats. ncc's own `--license`
// output left out the packages whose modules webpack concatenated into index.js (all of Octokit, for one),
// so the build writes licenses.txt from the stats instead.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * The module paths of a webpack stats object (`--stats-out`), concatenated modules included; webpack's
 * runtime and the externals (Node's built-ins) are not paths and are left out.
 * @param {{ modules?: { name: string, modules?: { name: string }[] }[] }} stats
 * @returns {string[]}
 */
export function modulePaths(stats) {
  const paths = new Set();
  for (const module of stats.modules ?? []) {
    for (const inner of module.modules ?? [module]) {
      if (inner.name.startsWith('./') || inner.name.startsWith('../')) paths.add(inner.name);
    }
  }
  return [...paths].sort();
}

/**
 * The root folder of the package a module file belongs to: under the last `node_modules`, the folder of
 * its (possibly scoped) name; elsewhere (a workspace package), the nearest folder above it whose
 * package.json has a name.
 * @param {string} file an absolute path
 * @returns {string | undefined}
 */
export function packageRoot(file) {
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at !== -1) {
    const [first = '', second = ''] = file.slice(at + marker.length).split(sep);
    return file.slice(0, at + marker.length) + (first.startsWith('@') ? join(first, second) : first);
  }
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name) return dir;
  }
  return undefined;
}

/**
 * licenses.txt for the packages the modules of `stats` come from, except `self` (the action itself):
 * for each, sorted by name, its name, its license field and its LICENSE file, as ncc writes them.
 * @param {object} stats webpack stats, as ncc's `--stats-out` writes them
 * @param {string} context the folder the stats' paths are relative to (the package being bundled)
 * @param {string} self the bundling package's name
 */
export function licensesText(stats, context, self) {
  const packages = new Map();
  for (const path of modulePaths(stats)) {
    const root = packageRoot(resolve(context, path));
    if (root === undefined) continue;
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    if (manifest.name === self || packages.has(manifest.name)) continue;
    const file = readdirSync(root)
      .filter((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name))
      .sort()[0];
    const text = file ? readFileSync(join(root, file), 'utf8').replace(/\s+$/, '') : '';
    packages.set(manifest.name, `${manifest.name}\n${manifest.license ?? 'UNKNOWN'}\n${text}\n\n`);
  }
  return [...packages.keys()]
    .sort()
    .map((name) => packages.get(name))
    .join('\n');
}
