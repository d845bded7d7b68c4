import type { Scenario } from './fault-matrix-run';

// The named Coder scenarios of the fault matrix. Each says what goes wrong; the runner checks the same things after each:
// one task per thread, one live status comment per run telling the truth, the step's result, and how
// hard the run leaned on Coder while it waited.

const TASK = '/api/v2/tasks/{user}/{task}';
const CREATE = '/api/v2/tasks/{user}';
const WATCH = '/api/v2/workspaces/{workspace}/watch';
const COMPLETE = '✅ Coder task: complete';
const FAILED = '❌ Coder task: failed';
/** action.yml's poll interval (5s), where the stream is unavailable: at most 12 reads a minute. */
const DEFAULT_POLL = { inputs: { 'poll-interval': undefined }, workSeconds: 9 } as const;
const STREAMLESS = { code: 0, headline: COMPLETE, perMinute: 12 } as const;
const ok = { code: 0, headline: COMPLETE } as const;
const inSeconds = (s: number) => new Date(Date.now() + s * 1_000).toUTCString();

/** Faults of Coder. */
export const CODER_SCENARIOS: Scenario[] = [
  { name: 'no fault', expect: ok },
  {
    name: 'a burst of 503s while waiting',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({
        kind: 'status',
        status: 503,
        route: TASK,
        method: 'GET',
        skip: 1,
        times: 3,
      }),
    expect: ok,
  },
  {
    name: 'a 500 on the lookup before the create',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({ kind: 'status', status: 500, route: TASK, method: 'GET', times: 1 }),
    expect: ok,
  },
  {
    name: '429 with Retry-After in seconds',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({
        kind: 'rateLimit',
        retryAfter: 1,
        route: TASK,
        method: 'GET',
        skip: 1,
        times: 2,
      }),
    expect: ok,
  },
  {
    name: '429 with Retry-After as an HTTP date',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({
        kind: 'status',
        status: 429,
        headers: { 'Retry-After': inSeconds(2) },
        body: { message: 'You have been rate limited.' },
        route: TASK,
        method: 'GET',
        skip: 1,
        times: 1,
      }),
    expect: ok,
  },
  {
    name: 'the create reset before it reaches Coder',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({
        kind: 'resetBeforeResponse',
        route: CREATE,
        method: 'POST',
        times: 1,
      }),
    expect: ok,
  },
  {
    name: 'the create reset after it landed',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({
        kind: 'resetBeforeResponse',
        afterHandler: true,
        route: CREATE,
        method: 'POST',
        times: 1,
      }),
    expect: ok,
  },
  {
    name: 'the create answered 503 after it landed',
    arrange: ({ proxy }) => {
      proxy.faults.landThenAnswer = {
        method: 'POST',
        path: /^\/api\/v2\/tasks\/[^/]+$/,
        status: 503,
        times: 1,
      };
    },
    expect: ok,
  },
  {
    name: 'a read reset mid-body',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({
        kind: 'resetMidResponse',
        route: TASK,
        method: 'GET',
        skip: 2,
        times: 1,
      }),
    expect: ok,
  },
  {
    name: 'reads stalled past the wait timeout',
    inputs: { 'wait-timeout': '4s' },
    workSeconds: 30,
    arrange: ({ coder }) =>
      void coder.control.faults.inject({ kind: 'latency', ms: 60_000, route: TASK, method: 'GET', skip: 2 }),
    expect: { code: 1, headline: '⌛ Coder task: timed out' },
  },
  {
    name: 'an HTML page answered 200 mid-wait',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({ kind: 'html', route: TASK, method: 'GET', skip: 2, times: 1 }),
    expect: ok,
  },
  {
    name: 'a truncated JSON body answered 200 mid-wait',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({
        kind: 'truncatedJson',
        route: TASK,
        method: 'GET',
        skip: 2,
        times: 1,
      }),
    expect: ok,
  },
  {
    name: 'the watch stream silent',
    ...DEFAULT_POLL,
    arrange: ({ coder }) => void coder.control.faults.inject({ kind: 'latency', ms: 120_000, route: WATCH }),
    expect: STREAMLESS,
  },
  {
    name: 'the watch stream erroring (500)',
    ...DEFAULT_POLL,
    arrange: ({ coder }) => void coder.control.faults.inject({ kind: 'status', status: 500, route: WATCH }),
    expect: STREAMLESS,
  },
  {
    name: 'the watch stream malformed',
    ...DEFAULT_POLL,
    arrange: ({ coder }) => void coder.control.faults.inject({ kind: 'invalidJson', route: WATCH }),
    expect: STREAMLESS,
  },
  {
    name: 'the watch stream ending after each event',
    workSeconds: 6,
    arrange: ({ proxy }) => {
      proxy.faults.endWatchAfterEvent = true;
    },
    expect: ok,
  },
  {
    name: 'the watch stream reset after each event',
    workSeconds: 6,
    arrange: ({ coder }) => void coder.control.faults.inject({ kind: 'resetMidResponse', route: WATCH }),
    expect: ok,
  },
  {
    name: 'the watch stream answering 404',
    ...DEFAULT_POLL,
    arrange: ({ coder }) => void coder.control.faults.inject({ kind: 'status', status: 404, route: WATCH }),
    expect: STREAMLESS,
  },
  {
    name: 'the Coder token expiring mid-wait',
    workSeconds: 30,
    onStdout: ({ coder }, chunk) => {
      if (!chunk.includes('Created the task')) return;
      coder.control.expireToken('admin');
      coder.control.dropWatchStreams();
    },
    expect: { code: 1, headline: FAILED },
  },
  {
    name: 'a slow workspace start',
    ...DEFAULT_POLL,
    workSeconds: 1,
    // The task has no workspace for its first 8 s, then a build that takes 3 s more.
    arrange: ({ coder, proxy }) => {
      proxy.faults.hideWorkspaceMs = 8_000;
      coder.control.setDurations({ buildRunning: 11_000 });
    },
    expect: STREAMLESS,
  },
];
