import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeCoder, startFakeCoder } from '@coder-tasks/fake-coder';
import { type FakeGitHub, startFakeGitHub } from '../scripts/fake-github.mjs';
import { NODE24, type RunResult, runBundle } from '../scripts/run-bundle.mjs';
import { GITHUB_TOKEN, issueComment } from './e2e-harness';
import { headlineOf, isStale, type ScenarioFigures, worstWindow } from './fault-matrix-figures';
import { type FaultProxy, startFaultProxy } from './fault-proxy';

/** The servers of one scenario, as its hooks see them. */
export interface World {
  coder: FakeCoder;
  github: FakeGitHub;
  proxy: FaultProxy;
}

/** One named fault scenario: what goes wrong, and what must hold afterwards. */
export interface Scenario {
  name: string;
  /** Inputs over the matrix's defaults (`poll-interval` 1s; delete it to get action.yml's 5s). */
  inputs?: Record<string, string | undefined>;
  /** Seconds the agent works before it answers (default 2). */
  workSeconds?: number;
  /** Before the run: faults, durations. */
  arrange?: (world: World) => void | Promise<void>;
  /** Each chunk of the main step's stdout, with its process. */
  onStdout?: (world: World, chunk: string, child: ChildProcess | undefined) => void;
  /** Runs at once on the same thread (default 1). */
  runs?: number;
  /** Runs the post step after the main step, with the state it saved. */
  post?: boolean;
  expect: {
    /** The main step's exit: 0, 1, or the signal that ended it. */
    code: number | string;
    /** The final comment's headline; undefined when the run must post nothing. */
    headline?: string;
    /** Tasks Coder must hold in the end (default 1). */
    tasks?: number;
    /** Most Coder requests in any minute of waiting (default 30). */
    perMinute?: number;
  };
}

/** What a scenario left: figures for the totals, and every way it failed its expectations. */
export interface ScenarioResult {
  figures: ScenarioFigures;
  problems: string[];
}

const REQUEST_ROUTE = '/api/v2/tasks/{user}';
const COMMENT_MARKER = '<!-- coder-tasks-action -->';
const REQUEST = 'fix the spelling';

/** Runs one scenario against fresh fakes, with the committed bundle on Node 24. */
export async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const coder = await startFakeCoder();
  const proxy = await startFaultProxy(coder.url);
  const github = await startFakeGitHub({
    roles: { Codertocat: 'write' },
    threads: { 1: { title: 'Spelling error in the README file', body: 'Fix it' } },
    requireToken: GITHUB_TOKEN,
  });
  const world: World = { coder, github, proxy };
  const runnerTemp = mkdtempSync(join(tmpdir(), 'fault-matrix-'));
  try {
    coder.control.scriptAgent('*', [
      { report: 'working', message: 'Busy' },
      { after: (scenario.workSeconds ?? 2) * 1_000, say: 'Fixed the spelling.' },
      { report: 'complete', message: 'Done' },
    ]);
    await scenario.arrange?.(world);
    const runIds = Array.from({ length: scenario.runs ?? 1 }, (_, i) => String(4242 + i));
    const results = await Promise.all(
      runIds.map((runId, i) => runOnce(scenario, world, runId, i, runnerTemp)),
    );
    return measure(scenario, world, runIds, results);
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true });
    await github.close();
    await proxy.close();
    await coder.close();
  }
}

async function runOnce(
  scenario: Scenario,
  world: World,
  runId: string,
  index: number,
  runnerTemp: string,
): Promise<{ main: RunResult; post?: RunResult }> {
  const inputs: Record<string, string> = {};
  const given = {
    'coder-url': world.proxy.url,
    'coder-token': world.coder.token,
    'github-token': GITHUB_TOKEN,
    template: 'tasks',
    'poll-interval': '1s',
    'wait-timeout': '60s',
    ...scenario.inputs,
  };
  for (const [name, value] of Object.entries(given)) if (value !== undefined) inputs[name] = value;
  const common = {
    eventName: 'issue_comment',
    payload: issueComment(`/coder ${REQUEST}`, 492_700_400 + index),
    githubUrl: world.github.url,
    node: NODE24,
    runId,
    inputs,
    runnerTemp,
    // GitHub's retry waits in 10 ms units: the same steps as on a runner, quickly.
    env: { CODER_TASKS_GITHUB_RETRY_UNIT_MS: '10' },
  };
  let child: ChildProcess | undefined;
  const main = await runBundle({
    ...common,
    onSpawn: (spawned) => {
      child = spawned;
    },
    onStdout: (chunk) => scenario.onStdout?.(world, chunk, child),
  });
  if (!scenario.post) return { main };
  const post = await runBundle({ ...common, step: 'post', state: main.state });
  return { main, post };
}

function measure(
  scenario: Scenario,
  world: World,
  runIds: string[],
  results: Array<{ main: RunResult; post?: RunResult }>,
): ScenarioResult {
  const problems: string[] = [];
  const expected = scenario.expect;
  results.forEach(({ main, post }, i) => {
    if (main.code !== expected.code)
      problems.push(`run ${i + 1} ended ${main.code}, expected ${expected.code}: ${lastLines(main)}`);
    if (post && post.code !== 0)
      problems.push(`the post step of run ${i + 1} ended ${post.code}: ${lastLines(post)}`);
  });
  let duplicateComments = 0;
  let staleComments = 0;
  for (const runId of runIds) {
    const live = [...world.github.comments.values()].filter(
      (c) => c.body.startsWith(COMMENT_MARKER) && c.body.includes(`/actions/runs/${runId})`),
    );
    duplicateComments += Math.max(0, live.length - 1);
    staleComments += live.filter((c) => isStale(c.body)).length;
    const wanted = expected.headline === undefined ? 0 : 1;
    if (live.length !== wanted)
      problems.push(`run ${runId} left ${live.length} status comments, expected ${wanted}`);
    for (const c of live) {
      if (headlineOf(c.body) !== expected.headline)
        problems.push(`run ${runId}'s comment says "${headlineOf(c.body)}", expected "${expected.headline}"`);
    }
  }
  const tasks = world.coder.control.tasks({ includeDeleted: true }).length;
  const wantedTasks = expected.tasks ?? 1;
  if (tasks !== wantedTasks) problems.push(`Coder holds ${tasks} tasks, expected ${wantedTasks}`);
  // Each request reaches the agent: as the prompt of the task it created, or sent to the one that exists.
  const delivered =
    world.coder.control.tasks({ includeDeleted: true }).filter((t) => t.initialPrompt.includes(REQUEST))
      .length +
    world.coder.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.route === `${REQUEST_ROUTE}/{task}/send` &&
        r.status >= 200 &&
        r.status < 300,
    ).length;
  const wantedRequests = wantedTasks === 0 ? 0 : runIds.length;
  if (delivered !== wantedRequests)
    problems.push(`${delivered} requests reached Coder's agent, expected ${wantedRequests}`);
  const created = world.coder.requests.find((r) => r.method === 'POST' && r.route === REQUEST_ROUTE);
  const waiting = created
    ? world.coder.requests
        .filter((r) => r !== created && r.receivedAt >= created.receivedAt)
        .map((r) => r.receivedAt)
    : [];
  const worstPerMinute = worstWindow(waiting);
  const bound = expected.perMinute ?? 30;
  if (worstPerMinute > bound)
    problems.push(
      `${worstPerMinute} Coder requests in a minute of waiting, more than ${bound}: ${routes(world)}`,
    );
  return {
    figures: {
      duplicateTasks: Math.max(0, tasks - wantedTasks),
      duplicateComments,
      staleComments,
      worstPerMinute,
    },
    problems,
  };
}

function lastLines(result: RunResult): string {
  return `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-4).join(' | ');
}

/** The busiest routes, to say what hammered. */
function routes(world: World): string {
  const counts = new Map<string, number>();
  for (const r of world.coder.requests) {
    const key = `${r.method} ${r.route ?? r.path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, n]) => `${n}x ${k}`)
    .join(', ');
}
