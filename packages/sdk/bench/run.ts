// `pnpm bench`: the SDK's cost per call against raw undici + JSON.parse, and how fast and how cheaply
// waitForTask notices a change, with the watch stream and with polling. One run, one loopback fake.
import { performance } from 'node:perf_hooks';
import { type FakeCoder, startFakeCoder } from '@coder-tasks/fake-coder';
import type { Task } from '@coder-tasks/types';
import { Agent, request } from 'undici';
import { CoderClient } from '../src/index';
import { chatsCallCost, chatsWaitCost } from './chats';
import { fmt, sideBySide } from './measure';

const LIST_SIZE = 1_000;
const quiet = { answerInitialPrompt: false };

async function callCost(): Promise<string[]> {
  const fake = await startFakeCoder({ recordRequests: false, defaultAgentScript: quiet });
  const client = new CoderClient({ url: fake.url, token: fake.token });
  const version = fake.control.seed?.templateVersionId ?? '';
  const tasks: Task[] = [];
  for (let i = 0; i < LIST_SIZE; i++) {
    tasks.push(
      await client.createTask('me', { template_version_id: version, input: `task ${i}`, name: `bench-${i}` }),
    );
  }
  await fake.control.waitForIdle({ timeoutMs: 60_000 });
  const one = tasks[0]?.id ?? '';
  const agent = new Agent();
  const headers = { 'coder-session-token': fake.token, accept: 'application/json' };
  const rawGet = (path: string) => async () => {
    const res = await request(`${fake.url}${path}`, { dispatcher: agent, headers });
    return JSON.parse(await res.body.text());
  };
  const get = await sideBySide(rawGet(`/api/v2/tasks/me/${one}`), () => client.getTask(one), 10, 200);
  const list = await sideBySide(rawGet('/api/v2/tasks?q='), () => client.listTasks(), 15, 10);
  await agent.close();
  await client.close();
  await fake.close();
  const row = (name: string, r: { raw: number; sdk: number }) =>
    `| ${name} | ${fmt(r.raw)} | ${fmt(r.sdk)} | ${(r.sdk / r.raw).toFixed(2)}× |`;
  return [
    '| call | raw `undici.request` + `JSON.parse` | SDK (validated) | SDK / raw |',
    '|---|---|---|---|',
    row('get one task', get),
    row(`list ${LIST_SIZE} tasks`, list),
    ...(await chatsCallCost()),
  ];
}

interface WaitTrial {
  delayMs: number;
  requests: number;
}

async function waitTrial(
  fake: FakeCoder,
  client: CoderClient,
  n: number,
  watch: boolean,
  changeAfter: number,
) {
  const version = fake.control.seed?.templateVersionId ?? '';
  const created = await client.createTask('me', {
    template_version_id: version,
    input: 'x',
    name: `w-${watch}-${n}`,
  });
  await fake.control.waitForTask(created.id, 'active');
  const task = await client.getTask(created.id);
  const first = fake.requests.length;
  const waiting = client.waitForTask(task, { until: 'complete', watch });
  await new Promise((resolve) => setTimeout(resolve, changeAfter));
  const changedAt = performance.now();
  fake.control.setAppStatus(task.id, 'complete', 'done');
  await waiting;
  const delayMs = performance.now() - changedAt;
  // The watch stream is counted once, when it opened.
  return { delayMs, requests: fake.requests.length - first } satisfies WaitTrial;
}

async function waitCost(trials: number): Promise<string[]> {
  const fake = await startFakeCoder({ defaultAgentScript: quiet });
  const client = new CoderClient({ url: fake.url, token: fake.token });
  const rows: string[] = [
    '| waitForTask | change seen after (mean / max) | HTTP requests per wait (mean / max) |',
    '|---|---|---|',
  ];
  const moments = Array.from({ length: trials }, () => Math.round(Math.random() * 6_000));
  for (const watch of [true, false]) {
    const results: WaitTrial[] = [];
    for (let i = 0; i < trials; i++) results.push(await waitTrial(fake, client, i, watch, moments[i] ?? 0));
    const delays = results.map((r) => r.delayMs);
    const requests = results.map((r) => r.requests);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    rows.push(
      `| ${watch ? 'watch stream (default)' : 'polling (`watch: false`, pollInterval 5 s)'} | ${fmt(mean(delays))} / ${fmt(Math.max(...delays))} | ${mean(requests).toFixed(1)} / ${Math.max(...requests)} |`,
    );
  }
  await client.close();
  await fake.close();
  return [
    ...rows,
    '',
    `The change (the agent reporting \`complete\`) came at a random moment 0–6 s into each wait; ${trials} waits each, the same moments for both.`,
  ];
}

const started = performance.now();
console.log(
  `@coder-tasks/sdk benchmarks (Node ${process.version}, ${process.platform}/${process.arch}), one loopback fake-coder per part\n`,
);
console.log((await callCost()).join('\n'));
console.log('');
console.log((await waitCost(Number(process.env.WAIT_TRIALS ?? 6))).join('\n'));
console.log('');
console.log((await chatsWaitCost(Number(process.env.WAIT_TRIALS ?? 6))).join('\n'));
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
