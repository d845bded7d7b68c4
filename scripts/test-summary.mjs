// Adds up the vitest totals that `pnpm test` printed (one "Tests" line per package) into one closing line
// in the plain "N passed, N failed" form, so that a reader of the CI log sees the whole count at once.
import { readFileSync } from 'node:fs';

// Colour codes (ESC [ … m) are dropped; ESC is built from its code so the pattern holds no control character.
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const text = readFileSync(process.argv[2] ?? 0, 'utf8').replace(ansi, '');
let passed = 0;
let failed = 0;
let skipped = 0;
let suites = 0;
for (const line of text.split('\n')) {
  const m = /:test:\s+Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!m) continue;
  suites++;
  for (const [, n, kind] of m[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    if (kind === 'passed') passed += Number(n);
    else if (kind === 'failed') failed += Number(n);
    else skipped += Number(n);
  }
}
console.log(`\ntest totals over ${suites} packages:`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
