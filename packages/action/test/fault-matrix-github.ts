import type { Scenario } from './fault-matrix-run';

// The named GitHub and process scenarios; see fault-matrix-coder.ts for what the runner checks.

const CREATE = '/api/v2/tasks/{user}';
const COMPLETE = '✅ Coder task: complete';
const SECONDARY_LIMIT =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const ok = { code: 0, headline: COMPLETE } as const;

/** Faults of GitHub. */
export const GITHUB_SCENARIOS: Scenario[] = [
  {
    name: 'the permission API answering 502 once',
    arrange: ({ github }) => {
      github.failures['GET /collaborators/{user}/permission'] = { status: 502, times: 1 };
    },
    expect: ok,
  },
  {
    name: 'the permission API answering 502 throughout',
    arrange: ({ github }) => {
      github.failures['GET /collaborators/{user}/permission'] = 502;
    },
    expect: { code: 1, headline: undefined, tasks: 0 },
  },
  {
    name: 'the reaction answered 500',
    arrange: ({ github }) => {
      github.failures['POST /issues/comments/{n}/reactions'] = 500;
    },
    expect: ok,
  },
  {
    name: 'the comment POST answered 502 before it landed',
    arrange: ({ github }) => {
      github.failures['POST /issues/{n}/comments'] = { status: 502, times: 1 };
    },
    expect: ok,
  },
  {
    name: 'the comment POST answered 502 after it landed',
    arrange: ({ github }) => {
      github.failures['POST /issues/{n}/comments'] = { status: 502, times: 1, afterHandler: true };
    },
    expect: ok,
  },
  {
    name: 'three comment edits in a row answered 502',
    arrange: ({ github }) => {
      github.failures['PATCH /issues/comments/{n}'] = { status: 502, times: 3 };
    },
    expect: ok,
  },
  {
    name: 'the final comment edit answered 502',
    arrange: ({ github }) => {
      github.failures['PATCH /issues/comments/{n}'] = { status: 502, times: 1, bodyIncludes: COMPLETE };
    },
    expect: ok,
  },
  {
    name: 'the final comment edit refused by the secondary rate limit (403, retry-after)',
    arrange: ({ github }) => {
      github.failures['PATCH /issues/comments/{n}'] = {
        status: 403,
        times: 2,
        bodyIncludes: COMPLETE,
        message: SECONDARY_LIMIT,
        headers: { 'retry-after': '1' },
      };
    },
    expect: ok,
  },
  {
    name: 'the final comment edit failing throughout (the post step writes it)',
    post: true,
    arrange: ({ github }) => {
      github.failures['PATCH /issues/comments/{n}'] = { status: 502, bodyIncludes: COMPLETE };
    },
    onStdout: ({ github }, chunk) => {
      // The main step has given up on the edit: GitHub recovers before the post step.
      if (chunk.includes('so it is stale')) delete github.failures['PATCH /issues/comments/{n}'];
    },
    expect: { code: 1, headline: COMPLETE },
  },
  {
    name: 'the status comment deleted mid-run (PATCH 404)',
    onStdout: ({ github }, chunk) => {
      if (chunk.includes('Created the task')) github.comments.clear();
    },
    expect: ok,
  },
  {
    name: 'a slow GitHub API (400 ms an answer)',
    arrange: ({ github }) => {
      github.latencyMs = 400;
    },
    expect: ok,
  },
];

/** The process and concurrency. */
export const PROCESS_SCENARIOS: Scenario[] = [
  {
    name: 'the run cancelled (SIGTERM) while waiting, then the post step',
    workSeconds: 30,
    post: true,
    onStdout: (_world, chunk, child) => {
      if (chunk.includes('Created the task')) child?.kill('SIGTERM');
    },
    expect: { code: 'SIGTERM', headline: '🛑 Coder task: run cancelled' },
  },
  {
    name: 'two runs on one thread at once',
    runs: 2,
    // Both look the task up before either create is answered, as two runs without a concurrency group do.
    arrange: ({ coder }) =>
      void coder.control.faults.inject({ kind: 'latency', ms: 2_000, route: CREATE, method: 'POST' }),
    expect: ok,
  },
];
