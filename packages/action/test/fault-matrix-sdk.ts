import { type FakeCoder, startFakeCoder } from '@coder-tasks/fake-coder';
import { CoderClient } from '@coder-tasks/sdk';
import { type ScenarioFigures, worstWindow } from './fault-matrix-figures';
import type { ScenarioResult } from './fault-matrix-run';
import { type FaultProxy, startFaultProxy } from './fault-proxy';

/** A fault scenario for the SDK on its own: a create, then a wait with the default poll interval. */
export interface SdkScenario {
  name: string;
  arrange: (world: { coder: FakeCoder; proxy: FaultProxy }) => void;
  /** Most Coder requests in any minute of waiting. */
  perMinute: number;
}

const CREATE = '/api/v2/tasks/{user}';
const WATCH = '/api/v2/workspaces/{workspace}/watch';
const TASK = '/api/v2/tasks/{user}/{task}';

/** The SDK as a script uses it: `createTask` with a name, then `waitForTask` until complete. */
export const SDK_SCENARIOS: SdkScenario[] = [
  {
    name: 'SDK: a task without a workspace for its first 8 s',
    arrange: ({ coder, proxy }) => {
      proxy.faults.hideWorkspaceMs = 8_000;
      coder.control.setDurations({ buildRunning: 9_000 });
    },
    perMinute: 12,
  },
  {
    name: 'SDK: the watch stream ending after each event',
    arrange: ({ proxy }) => {
      proxy.faults.endWatchAfterEvent = true;
    },
    perMinute: 30,
  },
  {
    name: 'SDK: the watch stream answering 404',
    arrange: ({ coder }) => void coder.control.faults.inject({ kind: 'status', status: 404, route: WATCH }),
    perMinute: 12,
  },
  {
    name: 'SDK: 429 with Retry-After as an HTTP date',
    arrange: ({ coder }) =>
      void coder.control.faults.inject({
        kind: 'status',
        status: 429,
        headers: { 'Retry-After': new Date(Date.now() + 2_000).toUTCString() },
        route: TASK,
        method: 'GET',
        times: 1,
      }),
    perMinute: 30,
  },
  {
    name: 'SDK: the create answered 503 after it landed',
    arrange: ({ proxy }) => {
      proxy.faults.landThenAnswer = {
        method: 'POST',
        path: /^\/api\/v2\/tasks\/[^/]+$/,
        status: 503,
        times: 1,
      };
    },
    perMinute: 30,
  },
];

/** Runs one SDK scenario against a fresh fake-coder behind the fault proxy. */
export async function runSdkScenario(scenario: SdkScenario): Promise<ScenarioResult> {
  const coder = await startFakeCoder();
  const proxy = await startFaultProxy(coder.url);
  const client = new CoderClient({ url: proxy.url, token: coder.token });
  const problems: string[] = [];
  try {
    coder.control.scriptAgent('*', [
      { report: 'working', message: 'Busy' },
      { after: 9_000, say: 'Fixed.' },
      { report: 'complete', message: 'Done' },
    ]);
    scenario.arrange({ coder, proxy });
    const versionId = coder.control.seed?.templateVersionId ?? '';
    try {
      const task = await client.createTask('me', {
        template_version_id: versionId,
        input: 'fix the spelling',
        name: 'sdk-matrix-1',
      });
      const done = await client.waitForTask(task, { until: 'complete', timeout: 45_000 });
      if (done.current_state?.state !== 'complete')
        problems.push(`the wait ended in ${done.current_state?.state}`);
    } catch (error) {
      problems.push(`the SDK threw: ${String(error)}`);
    }
    const tasks = coder.control.tasks({ includeDeleted: true }).length;
    if (tasks !== 1) problems.push(`Coder holds ${tasks} tasks, expected 1`);
    const created = coder.requests.find((r) => r.method === 'POST' && r.route === CREATE);
    const waiting = created
      ? coder.requests
          .filter((r) => r !== created && r.receivedAt >= created.receivedAt)
          .map((r) => r.receivedAt)
      : [];
    const figures: ScenarioFigures = {
      duplicateTasks: Math.max(0, tasks - 1),
      duplicateComments: 0,
      staleComments: 0,
      worstPerMinute: worstWindow(waiting),
    };
    if (figures.worstPerMinute > scenario.perMinute)
      problems.push(
        `${figures.worstPerMinute} Coder requests in a minute of waiting, more than ${scenario.perMinute}`,
      );
    return { figures, problems };
  } finally {
    await client.close();
    await proxy.close();
    await coder.close();
  }
}
