// Validates every GitHub workflow and action.yml against GitHub's schemas with action-validator.
// It first proves the validator rejects a broken workflow, so a validator that accepts everything
// cannot make this check pass.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
} catch (error) {
  rmSync(scratch, { recursive: true, force: true });
  throw error;
}

const root = join(import.meta.dirname, '..');

// action-validator 0.6.0, the newest on npm, carries a schema from before GitHub added the node24 runtime
// and rejects `using: node24`. So action.yml must say exactly `using: node24` (checked here), and the rest
// of it is validated on a copy where that one line reads node20, which the schema knows.
function actionForValidator(file) {
  const text = readFileSync(file, 'utf8');
  const using = [...text.matchAll(/^ {2}using:\s*['"]?([\w.-]+)['"]?\s*$/gm)].map((m) => m[1]);
  if (using.length !== 1 || using[0] !== 'node24') {
    return {
      error: `runs.using must be node24 (the runtime the bundle is tested on), found ${using.join(', ') || 'none'}`,
    };
  }
  const copy = join(scratch, 'action.yml');
  writeFileSync(copy, text.replace(/^( {2}using:\s*)['"]?node24['"]?\s*$/m, '$1node20'));
  return { path: copy };
}
const dir = join(root, '.github', 'workflows');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
  .map((f) => join('.github', 'workflows', f));
if (existsSync(join(root, 'action.yml'))) files.push('action.yml');

let failed = 0;
for (const file of files) {
  let target = join(root, file);
  if (file === 'action.yml') {
    const prepared = actionForValidator(target);
    if (prepared.error) {
      failed++;
      console.error(`INVALID ${file}: ${prepared.error}`);
      continue;
    }
    target = prepared.path;
  }
  const result = validate(target);
  console.log(`${result.ok ? 'valid  ' : 'INVALID'} ${file}`);
  if (!result.ok) {
    failed++;
    console.error(result.output);
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`workflow files: ${files.length - failed} valid, ${failed} invalid`);
process.exit(failed ? 1 : 0);
