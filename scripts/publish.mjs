// Publishes every public package whose version is not on npm yet, for the release workflow.
// `pnpm pack` writes the tarball (it turns `workspace:` ranges into real versions); `npm publish` sends it,
// because npm (11.5.1 and newer) does the OIDC exchange of trusted publishing and pnpm does not.
// `--dry-run` packs and runs `npm publish --dry-run` without asking the registry anything.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dryRun = process.argv.includes('--dry-run');
const root = join(import.meta.dirname, '..');
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

function published(name, version) {
  try {
    return run('npm', ['view', `${name}@${version}`, 'version'], root).trim() === version;
  } catch {
    return false; // E404: never published
  }
}

const out = mkdtempSync(join(tmpdir(), 'publish-'));
try {
  for (const dir of readdirSync(join(root, 'packages'))) {
    const cwd = join(root, 'packages', dir);
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    const id = `${pkg.name}@${pkg.version}`;
    if (!dryRun && published(pkg.name, pkg.version)) {
      console.log(`${id} is already on npm`);
      continue;
    }
    const before = new Set(readdirSync(out));
    run('pnpm', ['pack', '--pack-destination', out], cwd);
    const tarball = readdirSync(out).find((f) => !before.has(f));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${id}`);
    const args = ['publish', join(out, tarball), '--access', 'public', '--provenance'];
    if (dryRun) args.push('--dry-run');
    run('npm', args, cwd);
    // changesets/action reads these lines to tag the release and write its notes.
    console.log(`New tag: ${id}`);
    if (!dryRun) run('git', ['tag', id], root);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
