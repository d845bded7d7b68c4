import type { FakeCoder } from '../src/index';

/** One server-sent event as a client parses it. */
export interface SseEvent {
  event: string;
  data: string;
}

/** An open watch stream read over real HTTP, keeping the exact text received. */
export interface WatchReader {
  status: number;
  contentType: string | null;
  /** Every character received so far, exactly as sent. */
  readonly text: string;
  /** Reads until at least `count` complete events have arrived; resolves with all of them. */
  events(count: number): Promise<SseEvent[]>;
  /** Reads to the end: `'ended'` when the body ended cleanly, else the error reading it failed with. */
  end(): Promise<unknown>;
  /** Stops reading and closes the connection. */
  cancel(): Promise<void>;
}

/** Parses the complete events of an SSE text (a trailing partial event is left out). */
export function parseEvents(text: string): SseEvent[] {
  const blocks = text.split('\n\n');
  blocks.pop();
  return blocks.map((block) => {
    const event: SseEvent = { event: 'message', data: '' };
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event.event = line.slice(7);
      else if (line.startsWith('data: ')) event.data += line.slice(6);
    }
    return event;
  });
}

/** Opens `GET /api/v2/workspaces/{id}/watch` as admin. */
export async function openWatch(fake: FakeCoder, workspaceId: string): Promise<WatchReader> {
  const res = await fetch(`${fake.url}/api/v2/workspaces/${workspaceId}/watch`, {
    headers: { 'Coder-Session-Token': fake.token },
  });
  if (!res.body) throw new Error(`the watch answered ${res.status} without a body`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const readMore = async (): Promise<boolean> => {
    const { value, done } = await reader.read();
    if (done) return false;
    text += decoder.decode(value, { stream: true });
    return true;
  };
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    get text() {
      return text;
    },
    async events(count) {
      while (parseEvents(text).length < count) {
        if (!(await readMore())) throw new Error(`the stream ended after ${JSON.stringify(text)}`);
      }
      return parseEvents(text);
    },
    async end() {
      try {
        while (await readMore()) {
          // keep reading: the test wants to know how the body ends
        }
        return 'ended';
      } catch (error) {
        return error;
      }
    },
    cancel: () => reader.cancel(),
  };
}
