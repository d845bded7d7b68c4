import { randomUUID } from 'node:crypto';
import type { UserRecord } from '../world/model';
import type { World } from '../world/world';
import type { ChatRecord } from './chat-record';
import type { ChatAgentScript } from './chat-script';

// The store of the Chats surface (its rows are in chat-record.ts) and its event bus. Kept apart from the
// World (which holds users, organizations and the clock the chats use) so the Chats API stays one
// removable layer.

/** A store write that fails (see `control.chats.failStore`). */
export type ChatStoreFault = 'create-chat' | 'create-message' | 'archive';

/** What the deployment's chat lifecycle hook does to a create or a send (see `control.chats.setLifecycleHook`). */
export interface ChatHookRecord {
  action: 'deny' | 'fail';
  /** The reason a denying hook gives; empty for coderd's fallback message. */
  message: string;
  on: 'create' | 'send' | 'both';
}

/** An open WebSocket as the model keeps it (`readyState` 1 is open). */
export interface TrackedSocket {
  readonly readyState: number;
  terminate(): void;
}

/** A wire `ChatStreamEvent`. */
export type ChatStreamEventJson = Record<string, unknown>;

type StreamListener = (events: ChatStreamEventJson[]) => void;
type WatchListener = (event: Record<string, unknown>) => void;

/** An armed stream fault (see `control.chats.dropStreamsAfterSnapshot` and `refuseStreams`). */
export interface StreamFaultRecord {
  kind: 'drop-after-snapshot' | 'refuse';
  chatId: string | undefined;
  times: number | undefined;
  hits: number;
}

/** Deployment-level settings of the Chats surface that tests change. */
export interface ChatSettings {
  aiGateway: boolean;
  /** Organizations without an enabled chat model (`*`: all of them). */
  modelUnavailable: Set<string>;
  streamDelayMs: number;
  lastErrorFormat: 'auto' | 'object' | 'string';
  queueLimit: number;
  pickupDelayMs: number;
  /** `envelope`: frames as servers before coderd #24148 wrapped them. */
  frameFormat: 'bare' | 'envelope';
  /** The lifecycle hook's answer, or undefined while it allows everything. */
  hook: ChatHookRecord | undefined;
  /** The ids of the deployment's enabled MCP servers (none unless a test adds some). */
  mcpServers: Set<string>;
  /** The caller's role lacks permission to create chats. */
  createForbidden: boolean;
  /** Store writes that fail until cleared. */
  storeFaults: Set<ChatStoreFault>;
}

/** Every chat of one fake server, the scripts, the settings and the listeners of open streams. */
export class ChatsModel {
  readonly chats = new Map<string, ChatRecord>();
  /** Scripts by chat id or `*`. */
  readonly scripts = new Map<string, ChatAgentScript>();
  readonly settings: ChatSettings = {
    aiGateway: true,
    modelUnavailable: new Set(),
    streamDelayMs: 0,
    lastErrorFormat: 'auto',
    queueLimit: 20,
    pickupDelayMs: 0,
    frameFormat: 'bare',
    hook: undefined,
    mcpServers: new Set(),
    createForbidden: false,
    storeFaults: new Set(),
  };
  streamFaults: StreamFaultRecord[] = [];
  /** The open WebSockets, so tests can cut them (chat id, or `watch:<owner id>`). */
  readonly sockets = new Map<string, Set<TrackedSocket>>();
  private nextMessageId = 1;
  private nextQueuedId = 1;
  private nextToolCallId = 1;
  private readonly modelConfigIds = new Map<string, string>();
  private readonly streamListeners = new Map<string, Set<StreamListener>>();
  private readonly watchListeners = new Map<string, Set<WatchListener>>();

  constructor(readonly world: World) {}

  messageId(): number {
    return this.nextMessageId++;
  }

  queuedId(): number {
    return this.nextQueuedId++;
  }

  toolCallId(): string {
    return `call_${this.nextToolCallId++}`;
  }

  /** The id of the organization's default chat model config (one per organization, stable). */
  modelConfigId(organizationId: string): string {
    let id = this.modelConfigIds.get(organizationId);
    if (!id) {
      id = randomUUID();
      this.modelConfigIds.set(organizationId, id);
    }
    return id;
  }

  ownerOf(chat: ChatRecord): UserRecord | undefined {
    return this.world.users.get(chat.ownerId);
  }

  /** Sends events to the chat's stream listeners (later by the configured stream delay). */
  publish(chat: ChatRecord, events: ChatStreamEventJson[]): void {
    const listeners = [...(this.streamListeners.get(chat.id) ?? [])];
    this.deliver(() => {
      for (const fn of listeners) fn(events);
    });
    this.world.notifyAny();
  }

  /** Sends a watch event to the chat owner's watch listeners (later by the configured stream delay). */
  publishWatch(ownerId: string, event: Record<string, unknown>): void {
    const listeners = [...(this.watchListeners.get(ownerId) ?? [])];
    this.deliver(() => {
      for (const fn of listeners) fn(event);
    });
  }

  onStream(chatId: string, fn: StreamListener): () => void {
    return subscribe(this.streamListeners, chatId, fn);
  }

  onWatch(ownerId: string, fn: WatchListener): () => void {
    return subscribe(this.watchListeners, ownerId, fn);
  }

  /** Registers an open socket under a key; the returned function forgets it. */
  trackSocket(key: string, socket: TrackedSocket): () => void {
    return subscribe(this.sockets, key, socket);
  }

  /** Consumes the first armed stream fault of `kind` that applies to this connection, if any. */
  takeStreamFault(kind: StreamFaultRecord['kind'], chatId: string | undefined): boolean {
    const fault = this.streamFaults.find(
      (f) => f.kind === kind && (f.chatId === undefined || f.chatId === chatId),
    );
    if (!fault) return false;
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) {
      this.streamFaults = this.streamFaults.filter((f) => f !== fault);
    }
    return true;
  }

  private deliver(fn: () => void): void {
    const delay = this.settings.streamDelayMs;
    if (delay > 0) this.world.clock.schedule(delay, fn);
    else fn();
  }
}

function subscribe<T>(map: Map<string, Set<T>>, key: string, value: T): () => void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
  return () => {
    set.delete(value);
    if (set.size === 0 && map.get(key) === set) map.delete(key);
  };
}
