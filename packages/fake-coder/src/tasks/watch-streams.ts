import type { ServerResponse } from 'node:http';
import { goJson } from '../http/reply';

/** The body of an `event: error` on the watch stream: codersdk.Response as coderd's handler sends it. */
export interface WatchErrorResponse {
  message: string;
  /** Left out of the JSON when undefined or empty, as Go's `omitempty` does. */
  detail?: string;
}

/**
 * The open workspace watch streams, by workspace id, so tests can break them the way the network or
 * coderd would while a client is reading.
 */
export class WatchStreams {
  private readonly open = new Map<string, Set<ServerResponse>>();

  /** Registers an open stream; the returned function forgets it (call it when the stream closes). */
  add(workspaceId: string, res: ServerResponse): () => void {
    let set = this.open.get(workspaceId);
    if (!set) {
      set = new Set();
      this.open.set(workspaceId, set);
    }
    set.add(res);
    return () => {
      set.delete(res);
      if (set.size === 0 && this.open.get(workspaceId) === set) this.open.delete(workspaceId);
    };
  }

  /**
   * Destroys the socket under every open stream (of one workspace, or all): no terminating chunk, no
   * close frame, as when a proxy dies mid-stream. Returns how many streams it cut.
   */
  drop(workspaceId?: string): number {
    const targets =
      workspaceId === undefined
        ? [...this.open.values()].flatMap((set) => [...set])
        : [...(this.open.get(workspaceId) ?? [])];
    for (const res of targets) res.socket?.destroy();
    return targets.length;
  }

  /**
   * Writes `event: error` with the response on every open stream of the workspace and leaves them open:
   * coderd's watch handler only returns from that one update after an error event, the stream goes on.
   * Returns how many streams it wrote to.
   */
  sendError(workspaceId: string, response: WatchErrorResponse): number {
    const body = goJson({
      message: response.message,
      ...(response.detail ? { detail: response.detail } : {}),
    });
    const targets = [...(this.open.get(workspaceId) ?? [])].filter((res) => !res.destroyed);
    // json.Encoder ends the data line with its newline; ServerSentEventSender adds the blank line.
    for (const res of targets) res.write(`event: error\ndata: ${body}\n`);
    return targets.length;
  }
}
