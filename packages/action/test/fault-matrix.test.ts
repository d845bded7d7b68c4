import { afterAll, describe, expect, it } from 'vitest';
import { CODER_SCENARIOS } from './fault-matrix-coder';
import { addFigures, figuresLine, type MatrixTotals } from './fault-matrix-figures';
import { GITHUB_SCENARIOS, PROCESS_SCENARIOS } from './fault-matrix-github';
import { runScenario } from './fault-matrix-run';
import { runSdkScenario, SDK_SCENARIOS } from './fault-matrix-sdk';

// The committed bundle (on Node 24, as action.yml runs it) against fake-coder and the fake GitHub API, with
// one fault each, and the SDK on its own; the scenarios mostly wait, so they run a few at a time.
let totals: MatrixTotals = {
  run: 0,
  survived: 0,
  duplicateTasks: 0,
  duplicateComments: 0,
  staleComments: 0,
  worstPerMinute: 0,
};
afterAll(() => {
  console.log(figuresLine(totals));
});

describe.concurrent.each([
  ['Coder', CODER_SCENARIOS],
  ['GitHub', GITHUB_SCENARIOS],
  ['the process', PROCESS_SCENARIOS],
])('the fault matrix: %s', (_group, scenarios) => {
  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s: one task, one truthful comment, the right result, no hammering',
    { timeout: 60_000 },
    async (_name, scenario) => {
      const { figures, problems } = await runScenario(scenario);
      totals = addFigures(totals, figures, problems.length === 0);
      expect(problems).toEqual([]);
    },
  );
});

describe.concurrent('the fault matrix: the SDK on its own', () => {
  it.each(SDK_SCENARIOS.map((s) => [s.name, s] as const))(
    '%s: one task, the wait ends complete, no hammering',
    { timeout: 60_000 },
    async (_name, scenario) => {
      const { figures, problems } = await runSdkScenario(scenario);
      totals = addFigures(totals, figures, problems.length === 0);
      expect(problems).toEqual([]);
    },
  );
});
