// Validates every GitHub workflow and action.yml against GitHub's schemas with action-validator.
// It first proves the validator rejects a broken workflow, so a validator that accepts everything
// cannot make this check pass.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const validator = join(import.meta.dirname, '..', 'node_modules', '.bin', 'action-validator');

function validate(file) {
  try {
    execFileSync(validator, [file], { stdio: 'pipe', encoding: 'utf8' });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'validate-workflows-'));
try {
  const broken = join(scratch, 'broken.yml');
  writeFileSync(broken, 'name: broken\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n');
  if (validate(broken).ok) {
    console.error('action-validator accepted a workflow with no steps: the check would prove nothing.');
    process.exit(1);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const root = join(import.meta.dirname, '..');
const dir = join(root, '.github', 'workflows');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
  .map((f) => join('.github', 'workflows', f));
if (existsSync(join(root, 'action.yml'))) files.push('action.yml');

let failed = 0;
for (const file of files) {
  const result = validate(join(root, file));
  console.log(`${result.ok ? 'valid  ' : 'INVALID'} ${file}`);
  if (!result.ok) {
    failed++;
    console.error(result.output);
  }
}
console.log(`workflow files: ${files.length - failed} valid, ${failed} invalid`);
process.exit(failed ? 1 : 0);
