import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActionYml } from '../scripts/run-bundle.mjs';
import { OUTPUT_NAMES } from '../src/outputs';

const root = join(import.meta.dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const action = readActionYml();

/** The rows of the first table under a `### heading`: each row's cells. */
function table(heading: string): string[][] {
  const start = readme.indexOf(`\n### ${heading}\n`);
  expect(start, `README has a "### ${heading}" section`).toBeGreaterThan(-1);
  const section = readme.slice(start + heading.length + 6).split(/\n#{2,3} /)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim()));
}
const names = (rows: string[][]) => rows.map((row) => /^`([^`]+)`$/.exec(row[0] ?? '')?.[1]);

describe('the README', () => {
  it('lists exactly the inputs of action.yml, in order, with their defaults', () => {
    const rows = table('Inputs');
    expect(names(rows)).toEqual(Object.keys(action.inputs));
    for (const row of rows) {
      const spec = action.inputs[names([row])[0] ?? ''];
      if (spec?.required) expect(row[1]).toBe('(required)');
      else if (spec?.default) expect(row[1]).toBe(`\`${spec.default}\``);
    }
  });

  it('lists exactly the outputs of action.yml, which are exactly the outputs the code sets', () => {
    expect(names(table('Outputs'))).toEqual(action.outputs);
    expect(action.outputs).toEqual([...OUTPUT_NAMES]);
  });

  it('gives workflows that pass the schema validator', () => {
    const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(workflows.length).toBeGreaterThanOrEqual(2);
    const dir = mkdtempSync(join(tmpdir(), 'readme-workflows-'));
    try {
      workflows.forEach((text, i) => {
        const file = join(dir, `workflow-${i}.yml`);
        writeFileSync(file, text);
        execFileSync(join(root, 'node_modules', '.bin', 'action-validator'), [file], { stdio: 'pipe' });
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
