// End to end: the time from the action's last read of the task's logs (the answer sent in full by the
// fake Coder) to its final edit of the status comment (the PATCH arriving at the fake GitHub API), for
// small and large logs. What remains for large logs is the download and JSON.parse; redaction,
// validation and rendering must not grow with them.
import { startFakeCoder } from '@coder-tasks/fake-coder';
import { startFakeGitHub } from '../scripts/fake-github.mjs';
import { runBundle } from '../scripts/run-bundle.mjs';
import { commentPayload, median, timingProxy } from './start';

/** One run of the bundle to a complete task whose agent said `bytes` of output in `count` messages. */
async function logsToEditOnce(bytes: number, count: number): Promise<number> {
  const github = await startFakeGitHub({
    roles: { Codertocat: 'admin' },
    threads: { 1: { title: 'Spelling error in the README file', body: 'Fix it' } },
  });
  const coder = await startFakeCoder({});
  const coderProxy = await timingProxy(coder.url);
  const githubProxy = await timingProxy(github.url);
  const line = 'The agent ran `pnpm test` and read src/login.test.ts: the retry waits 50 ms, not 500 ms.\n';
  const each = Math.max(1, Math.floor(bytes / count));
  const say = line.repeat(Math.ceil(each / line.length)).slice(0, each);
  coder.control.scriptAgent('*', [
    { report: 'working', message: 'Writing a lot' },
    ...Array.from({ length: count }, () => ({ say })),
    { report: 'complete', message: 'Done' },
  ]);
  try {
    const result = await runBundle({
      eventName: 'issue_comment',
      payload: commentPayload('/coder fix the flaky login test'),
      githubUrl: githubProxy.url,
      inputs: {
        'coder-url': coderProxy.url,
        'coder-token': coder.token,
        'github-token': 'ghs_benchGitHubToken',
        template: 'tasks',
        'poll-interval': '1s',
        'wait-timeout': '60s',
      },
    });
    if (result.code !== 0) throw new Error(`the action failed: ${result.stdout.slice(-2_000)}`);
    const logsRead = coderProxy.arrivals.filter((a) => a.line.includes('/logs')).at(-1)?.done;
    const lastEdit = githubProxy.arrivals.filter((a) => a.line.startsWith('PATCH')).at(-1)?.at;
    return (lastEdit ?? Number.NaN) - (logsRead ?? Number.NaN);
  } finally {
    await coderProxy.close();
    await githubProxy.close();
    await github.close();
    await coder.close();
  }
}

/** The end-to-end table's rows: medians of `runs` runs for 64 KB and 10 MB of logs. */
export async function logsToEditRows(runs: number): Promise<string[]> {
  const figures: [string, number][] = [];
  for (const [label, bytes] of [
    ['64 KB', 64 * 1024],
    ['10 MB', 10 * 1024 * 1024],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await logsToEditOnce(bytes, 200));
    figures.push([label, median(times)]);
  }
  const small = figures[0]?.[1] ?? Number.NaN;
  return [
    '| logs (200 messages) | last logs read → final comment edit | more than for 64 KB | goal |',
    '|---|---|---|---|',
    ...figures.map(
      ([label, ms], i) =>
        `| ${label} | ${ms.toFixed(0)} ms | ${i === 0 ? '' : `${(ms - small).toFixed(0)} ms`} | ${i === 0 ? '' : '≤ 150 ms more'} |`,
    ),
    '',
    `Median of ${runs} runs of the bundle against the fakes, to a complete task.`,
  ];
}
