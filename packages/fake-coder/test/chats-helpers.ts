import {
  type Chat,
  ChatMessagesResponseSchema,
  ChatSchema,
  type ChatStreamEvent,
  type ChatWatchEvent,
  CreateChatMessageResponseSchema,
  parseChatStreamFrame,
  parseChatWatchFrame,
  parseWire,
  ResponseSchema,
} from '@coder-tasks/types';
import WebSocket from 'ws';
import type { FakeCoder } from '../src/index';
import { type Answer, call as plainCall } from './helpers';

/**
 * Calls the fake over real HTTP, as `call` of helpers.ts does, and reads every answer of a chats route
 * with the types schemas: an error body as `Response`, a success as the route's type, a 204 as empty.
 */
export async function call(
  fake: FakeCoder,
  method: string,
  path: string,
  options: Parameters<typeof plainCall>[3] = {},
): Promise<Answer> {
  const res = await plainCall(fake, method, path, options);
  const route = path.split('?')[0] ?? '';
  if (!/\/chats(\/|$)/.test(route)) return res;
  if (res.status >= 400) {
    if (res.json !== undefined) parseWire(ResponseSchema, res.json, 'Response');
  } else if (res.status === 204) {
    if (res.text !== '') throw new Error(`a 204 from ${method} ${path} has a body: ${res.text}`);
  } else if (/\/chats$/.test(route)) {
    if (method === 'GET') parseWire(ChatSchema.array(), res.json, 'Chat[]');
    else parseWire(ChatSchema, res.json, 'Chat');
  } else if (/\/messages$/.test(route)) {
    if (method === 'GET') parseWire(ChatMessagesResponseSchema, res.json, 'ChatMessagesResponse');
    else parseWire(CreateChatMessageResponseSchema, res.json, 'CreateChatMessageResponse');
  } else if (/\/chats\/[^/]+(\/interrupt)?$/.test(route)) {
    parseWire(ChatSchema, res.json, 'Chat');
  }
  return res;
}

/** How long a test waits for a stream event before it fails (real time). */
const EVENT_TIMEOUT_MS = 5_000;

/** Creates a chat with one text message under `prefix` (default `/api/v2`) and returns it, schema-checked. */
export async function createChat(
  fake: FakeCoder,
  text = 'Fix the flaky login test',
  options: { prefix?: string; token?: string; body?: Record<string, unknown> } = {},
): Promise<Chat> {
  const res = await call(fake, 'POST', `${options.prefix ?? '/api/v2'}/chats`, {
    token: options.token,
    body: {
      organization_id: fake.control.seed?.organizationId,
      content: [{ type: 'text', text }],
      ...options.body,
    },
  });
  if (res.status !== 201) throw new Error(`create chat failed: ${res.status} ${res.text}`);
  return parseWire(ChatSchema, res.json, 'Chat');
}

/** A WebSocket client of a chat stream or watch that keeps every frame it got. */
export class StreamClient<E> {
  readonly frames: string[] = [];
  readonly events: E[] = [];
  pings = 0;
  /** Resolves with the close code once the connection ended (1006 for a drop without a close frame). */
  readonly closed: Promise<number>;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly ws: WebSocket,
    parse: (text: string) => E[],
  ) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('the server sent a binary frame');
      const text = data.toString();
      this.frames.push(text);
      this.events.push(...parse(text));
      for (const w of [...this.waiters]) w();
    });
    ws.on('ping', () => {
      this.pings++;
      for (const w of [...this.waiters]) w();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  /** Resolves once `predicate` holds over the events so far; fails after a few seconds. */
  waitFor(predicate: (events: E[]) => boolean, what: string): Promise<E[]> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this.events)) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.events);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events)}`));
      }, EVENT_TIMEOUT_MS);
      this.waiters.add(check);
      check();
    });
  }

  close(): Promise<number> {
    this.ws.close(1000);
    return this.closed;
  }
}

/** Why a WebSocket upgrade was refused: the HTTP answer the server sent instead. */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string | string[] | undefined>,
  ) {
    super(`upgrade refused with ${status}: ${body}`);
  }
}

/**
 * Starts a WebSocket to `path` on the fake (token in the `Coder-Session-Token` header unless `query`).
 * The socket is returned at once so listeners are in place before the first frame; `opened` rejects
 * with {@link UpgradeRefused} when the server answers instead of upgrading.
 */
export function connect(
  fake: FakeCoder,
  path: string,
  options: {
    token?: string | null;
    tokenIn?: 'header' | 'query';
    protocols?: string[];
    headers?: Record<string, string>;
  } = {},
): { ws: WebSocket; opened: Promise<void> } {
  const token = options.token === undefined ? fake.token : options.token;
  const url = new URL(`${fake.url.replace(/^http/, 'ws')}${path}`);
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null && options.tokenIn === 'query') url.searchParams.set('coder_session_token', token);
  else if (token !== null) headers['Coder-Session-Token'] = token;
  const ws = new WebSocket(url, options.protocols ?? [], { headers, maxPayload: 4 << 20 });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => reject(new UpgradeRefused(res.statusCode ?? 0, body, res.headers)));
    });
    ws.once('error', reject);
  });
  return { ws, opened };
}

/** Opens a per-chat stream and decodes its frames with the types' parser. */
export async function openChatStream(
  fake: FakeCoder,
  chatId: string,
  options: {
    prefix?: string;
    afterId?: number;
    token?: string;
    tokenIn?: 'header' | 'query';
    /** Expect the `{"type","data"}` envelope of servers before coderd #24148 (default false). */
    envelope?: boolean;
  } = {},
): Promise<StreamClient<ChatStreamEvent>> {
  const query = options.afterId === undefined ? '' : `?after_id=${options.afterId}`;
  const { ws, opened } = connect(
    fake,
    `${options.prefix ?? '/api/v2'}/chats/${chatId}/stream${query}`,
    options,
  );
  const client = new StreamClient(ws, (text) => {
    const frame = parseChatStreamFrame(text);
    if (frame.envelope !== (options.envelope ?? false)) throw new Error(`unexpected frame format: ${text}`);
    if (frame.kind === 'error') throw new Error(`error frame: ${text}`);
    return frame.kind === 'data' ? frame.events : [];
  });
  await opened;
  return client;
}

/** Opens the caller's watch stream and decodes its frames with the types' parser. */
export async function openChatWatch(
  fake: FakeCoder,
  options: { prefix?: string; token?: string; envelope?: boolean } = {},
): Promise<StreamClient<ChatWatchEvent>> {
  const { ws, opened } = connect(fake, `${options.prefix ?? '/api/v2'}/chats/watch`, options);
  const client = new StreamClient(ws, (text) => {
    const frame = parseChatWatchFrame(text);
    if (frame.envelope !== (options.envelope ?? false)) throw new Error(`unexpected frame format: ${text}`);
    if (frame.kind === 'error') throw new Error(`error frame: ${text}`);
    return frame.kind === 'data' ? frame.events : [];
  });
  await opened;
  return client;
}

/** The status values of the `status` events, in order. */
export function statuses(events: ChatStreamEvent[]): string[] {
  return events.filter((e) => e.type === 'status').map((e) => String(e.status?.status));
}
