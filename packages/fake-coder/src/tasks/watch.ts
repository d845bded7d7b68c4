import { parseUuid } from '@coder-tasks/types';
import { canRead } from '../http/auth';
import { coderHeaders, goJson, notFound, type Reply } from '../http/reply';
import type { Handler, RequestContext } from '../http/request-context';
import { workspaceJson } from './task-json';
import type { WatchStreams } from './watch-streams';

/** How often the watch stream sends `event: ping` (ms of the fake clock; coderd uses 15 s). */
export const WATCH_HEARTBEAT_MS = 15_000;

/**
 * `GET /api/v2/workspaces/{workspace}/watch`: Server-Sent Events, first `ping`, then
 * a `data` event with the Workspace right away and again on every change, and a `ping` heartbeat.
 */
export function watchWorkspace(streams: WatchStreams): Handler {
  return (ctx) => watch(ctx, streams);
}

function watch(ctx: RequestContext, streams: WatchStreams): Reply {
  const { world } = ctx;
  const id = parseUuid(ctx.params.workspace ?? '');
  const ws = id ? world.workspaces.get(id) : undefined;
  if (!ws || !canRead(ctx.user, ws.ownerId, ws.organizationId)) return notFound();
  return {
    status: 200,
    stream: (req, res, fault) => {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
        ...coderHeaders(world.version),
      });
      // Go's json.Encoder ends the data line with its newline; one more ends the event.
      const dataEvent = (): string => `event: data\ndata: ${goJson(workspaceJson(world, ws))}\n`;
      res.write('event: ping\n\n');
      if (fault.resetAfterFirstData) {
        // The reply has begun (headers, ping, the workspace) when the connection dies.
        res.write(dataEvent(), () => req.socket.destroy());
        return;
      }
      let closed = false;
      const send = (): void => {
        if (!closed) res.write(dataEvent());
      };
      send();
      const forget = streams.add(ws.id, res);
      const unsubscribe = world.onWorkspaceChange(ws.id, send);
      let heartbeat = world.clock.schedule(WATCH_HEARTBEAT_MS, function beat() {
        if (closed) return;
        res.write('event: ping\n\n');
        heartbeat = world.clock.schedule(WATCH_HEARTBEAT_MS, beat);
      });
      const stop = (): void => {
        if (closed) return;
        closed = true;
        forget();
        unsubscribe();
        heartbeat.cancel();
      };
      req.on('close', stop);
      res.on('close', stop);
    },
  };
}
