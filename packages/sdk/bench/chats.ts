// The Chats rows of `pnpm bench`: the SDK's cost per call against raw undici + JSON.parse, and how fast
// and how cheaply waitForChatTurn sees the end of a turn, with the chat's WebSocket and with polling.
import { performance } from 'node:perf_hooks';
import { startFakeCoder } from '@coder-tasks/fake-coder';
import { Agent, request } from 'undici';
import { CoderClient } from '../src/index';
import { fmt, sideBySide } from './measure';

const PAGE = 200;
const text = (t: string) => [{ type: 'text' as const, text: t }];

/** getChat and one 200-message page, SDK against raw, on a v2.38 fake. */
export async function chatsCallCost(): Promise<string[]> {
  const fake = await startFakeCoder({ version: 'v2.38.0', recordRequests: false });
  fake.control.chats.scriptChat(
    '*',
    Array.from({ length: PAGE }, (_, i) => ({ say: `Step ${i}: done.` })),
  );
  const client = new CoderClient({ url: fake.url, token: fake.token });
  const chat = await client.createChat({ content: text('Count to two hundred') });
  await fake.control.chats.waitForChat(chat.id, 'waiting', { timeoutMs: 60_000 });
  const agent = new Agent();
  const headers = { 'coder-session-token': fake.token, accept: 'application/json' };
  const rawGet = (path: string) => async () => {
    const res = await request(`${fake.url}${path}`, { dispatcher: agent, headers });
    return JSON.parse(await res.body.text());
  };
  const base = `/api/v2/chats/${chat.id}`;
  const get = await sideBySide(rawGet(base), () => client.getChat(chat.id), 10, 200);
  const page = await sideBySide(
    rawGet(`${base}/messages?limit=${PAGE}`),
    () => client.getChatMessages(chat.id, { limit: PAGE }),
    5,
    20,
  );
  await agent.close();
  await client.close();
  await fake.close();
  const row = (name: string, r: { raw: number; sdk: number }) =>
    `| ${name} | ${fmt(r.raw)} | ${fmt(r.sdk)} | ${(r.sdk / r.raw).toFixed(2)}× |`;
  return [row('get one chat', get), row(`a page of ${PAGE} chat messages`, page)];
}

interface WaitTrial {
  delayMs: number;
  requests: number;
}

/** waitForChatTurn with the stream and polling every 5 s; the turn ends at a random moment 0–6 s in. */
export async function chatsWaitCost(trials: number): Promise<string[]> {
  const fake = await startFakeCoder({ version: 'v2.38.0' });
  fake.control.chats.scriptChat('*', { otherwise: { steps: [{ say: 'Working…' }], end: 'never' } });
  const client = new CoderClient({ url: fake.url, token: fake.token });
  const moments = Array.from({ length: trials }, () => Math.round(Math.random() * 6_000));
  const rows = [
    '| waitForChatTurn | turn end seen after (median / max) | HTTP requests per wait (mean / max) |',
    '|---|---|---|',
  ];
  for (const stream of [true, false]) {
    const results: WaitTrial[] = [];
    for (const moment of moments) {
      const chat = await client.createChat({ content: text('work') });
      await fake.control.chats.waitForChat(chat.id, (c) => c.messages.length >= 2);
      const first = fake.requests.length;
      const waiting = client.waitForChatTurn(chat, { stream });
      await new Promise((resolve) => setTimeout(resolve, moment));
      const endedAt = performance.now();
      fake.control.chats.finishTurn(chat.id);
      await waiting;
      results.push({ delayMs: performance.now() - endedAt, requests: fake.requests.length - first });
    }
    const delays = results.map((r) => r.delayMs).sort((a, b) => a - b);
    const requests = results.map((r) => r.requests);
    const median = delays[Math.floor(delays.length / 2)] ?? 0;
    const mean = requests.reduce((a, b) => a + b, 0) / requests.length;
    const name = stream ? 'WebSocket stream (default)' : 'polling (`stream: false`, pollInterval 5 s)';
    rows.push(
      `| ${name} | ${fmt(median)} / ${fmt(Math.max(...delays))} | ${mean.toFixed(1)} / ${Math.max(...requests)} |`,
    );
  }
  await client.close();
  await fake.close();
  return [
    ...rows,
    '',
    `The turn ended (\`finishTurn\`) at a random moment 0–6 s into each wait; ${trials} waits each, the same moments for both.`,
  ];
}
