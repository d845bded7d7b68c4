/** One server-sent event. `event` defaults to `message`, as the HTML spec says. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * An incremental parser of `text/event-stream` (the HTML spec's algorithm): feed it text as it arrives,
 * in chunks of any size, and it returns the events completed so far. Handles `\n`, `\r\n` and `\r` line
 * ends (also split across chunks), comments, multi-line `data`, a leading BOM, and fields without a
 * value. Coder's workspace watch sends `event: ping` and `event: data` / `event: error` with JSON data.
 */
export class SseParser {
  private buffer = '';
  private started = false;
  private pendingCr = false;
  private eventType = '';
  private data: string[] = [];
  private hasData = false;
  private lastId: string | undefined;

  /** Feeds a chunk of decoded text; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A \r that ended the previous chunk already ended a line; a \n right after it belongs to that end.
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      this.line(this.buffer.slice(start, i), events);
      if (ch === 13) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** Ends the stream. Per the spec an event not followed by a blank line is dropped, so this returns []. */
  end(): SseEvent[] {
    this.buffer = '';
    this.reset();
    return [];
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.hasData) {
        events.push({ event: this.eventType || 'message', data: this.data.join('\n'), id: this.lastId });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      default:
        // `retry` and unknown fields: nothing to do for a client that reconnects on its own schedule.
        break;
    }
  }

  private reset(): void {
    this.eventType = '';
    this.data = [];
    this.hasData = false;
  }
}
