// How long the bundled action takes, from the process's start, to reach GitHub: its first request, the 👀
// reaction, the status comment, and (for a comment that is not a request) its exit. The floor beside it is
// Node's own start plus one loopback request (`node -e "fetch(…)"`), measured in the same run.
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startFakeCoder } from '@coder-tasks/fake-coder';
import { startFakeGitHub } from '../scripts/fake-github.mjs';
import { NODE24, runBundle } from '../scripts/run-bundle.mjs';

const require = createRequire(import.meta.url);
const examples: { name: string; examples: { action?: string }[] }[] = require('@octokit/webhooks-examples');

/** A real `issue_comment` payload with the given body (on issue 1 of Codertocat/Hello-World). */
export function commentPayload(body: string): Record<string, unknown> {
  const found = examples
    .find((e) => e.name === 'issue_comment')
    ?.examples.find((e) => e.action === 'created') as { comment: { body: string } } | undefined;
  if (!found) throw new Error('@octokit/webhooks-examples has no issue_comment created example');
  const payload = structuredClone(found);
  payload.comment.body = body;
  return payload;
}

/** Ms from spawn to each of the first requests whose `METHOD path` matches, and to the exit. */
interface StartTimes {
  firstRequest: number;
  reaction: number;
  comment: number;
  exit: number;
}

/**
 * A loopback proxy in front of a fake API that notes when each request arrived and when its answer was
 * sent in full.
 */
export async function timingProxy(target: string) {
  const arrivals: { at: number; line: string; done?: number }[] = [];
  const server = createServer((req, res) => {
    const arrival: { at: number; line: string; done?: number } = {
      at: performance.now(),
      line: `${req.method} ${req.url}`,
    };
    arrivals.push(arrival);
    res.on('finish', () => {
      arrival.done = performance.now();
    });
    const upstream = httpRequest(
      `${target}${req.url}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, arrivals, close: () => new Promise((resolve) => server.close(resolve)) };
}

export const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
};

async function floorOnce(url: string): Promise<number> {
  const { arrivals } = floorProxy;
  const before = arrivals.length;
  const started = performance.now();
  const child = spawn(NODE24, ['-e', `fetch(${JSON.stringify(url)}).then((r) => r.text())`], {
    stdio: 'ignore',
  });
  await new Promise((resolve) => child.on('close', resolve));
  return (arrivals[before]?.at ?? Number.NaN) - started;
}

let floorProxy: Awaited<ReturnType<typeof timingProxy>>;

async function actionOnce(githubUrl: string, coderUrl: string, body: string): Promise<StartTimes> {
  const { arrivals } = proxy;
  const before = arrivals.length;
  let started = 0;
  const times = { firstRequest: Number.NaN, reaction: Number.NaN, comment: Number.NaN, exit: Number.NaN };
  await runBundle({
    step: 'main',
    eventName: 'issue_comment',
    payload: commentPayload(body),
    githubUrl,
    inputs: {
      'coder-url': coderUrl,
      'coder-token': 'bench-coder-token',
      'github-token': 'ghs_benchGitHubToken',
      template: 'tasks',
      'wait-for': 'none',
    },
    onSpawn: (child) => {
      started = performance.now();
      // The run goes on to Coder after the status comment; only its start is measured here.
      const stop = setInterval(() => {
        if (arrivals.slice(before).some((a) => a.line.startsWith('POST') && a.line.endsWith('/comments'))) {
          clearInterval(stop);
          child.kill();
        }
      }, 1);
      child.on('close', () => {
        clearInterval(stop);
        times.exit = performance.now() - started;
      });
    },
  });
  const mine = arrivals.slice(before);
  const at = (match: (line: string) => boolean) =>
    (mine.find((a) => match(a.line))?.at ?? Number.NaN) - started;
  times.firstRequest = at(() => true);
  times.reaction = at((line) => line.includes('/reactions'));
  times.comment = at((line) => line.startsWith('POST') && line.endsWith('/comments'));
  return times;
}

let proxy: Awaited<ReturnType<typeof timingProxy>>;

/** The start table's rows: one figure per moment, medians of `runs` runs, beside the floor. */
export async function startRows(runs: number): Promise<string[]> {
  const github = await startFakeGitHub({ roles: { Codertocat: 'admin' } });
  const coder = await startFakeCoder({});
  proxy = await timingProxy(github.url);
  floorProxy = await timingProxy(github.url);
  const floor: number[] = [];
  const request: StartTimes[] = [];
  const ignored: StartTimes[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      floor.push(await floorOnce(`${floorProxy.url}/zen`));
      request.push(await actionOnce(proxy.url, coder.url, '/coder fix the flaky login test'));
      ignored.push(await actionOnce(proxy.url, coder.url, 'Thanks, looks good to me.'));
    }
  } finally {
    await proxy.close();
    await floorProxy.close();
    await github.close();
    await coder.close();
  }
  const f = median(floor);
  const row = (what: string, ms: number, goal = '') =>
    `| ${what} | ${ms.toFixed(0)} ms | ${(ms / f).toFixed(2)}x | ${goal} |`;
  return [
    '| process start → | median | / floor | goal |',
    '|---|---|---|---|',
    row('floor: `node -e "fetch(…)"` (Node start + one loopback request)', f),
    row('first GitHub request', median(request.map((t) => t.firstRequest)), '≤ 1.5x'),
    row('👀 reaction', median(request.map((t) => t.reaction))),
    row('status comment posted', median(request.map((t) => t.comment))),
    row('exit, for a comment that is not a request', median(ignored.map((t) => t.exit))),
    '',
    `${runs} runs each, alternating between the floor, a request and a comment that is not one.`,
  ];
}
