import { parseUuid } from '@coder-tasks/types';
import { waitUntil } from '../tasks/settle';
import { addChild } from './chat-children';
import { saveMessage, setDiff } from './chat-events';
import type { ChatRecord } from './chat-record';
import { cancelTurn, endTurn, promoteAndAnswer } from './chat-runner';
import { normalizeChatScript } from './chat-script';
import { chatView } from './chat-views';
import type { ChatsModel, StreamFaultRecord } from './chats-model';
import type {
  ChatStreamFaultHandle,
  ChatStreamFaultOptions,
  FakeChatsControl,
  FakeChatView,
} from './fake-chats-control';

/** Builds `control.chats` over a chats model. */
export function createChatsControl(model: ChatsModel): FakeChatsControl {
  const world = model.world;
  const requireChat = (id: string): ChatRecord => {
    const chat = model.chats.get(id.toLowerCase());
    if (!chat) throw new Error(`no chat with id "${id}" in the fake Coder server`);
    return chat;
  };
  const orgOf = (value: string): string => {
    const org = world.organizations.get(value) ?? world.organizationByName(value);
    if (!org) throw new Error(`no organization named or with id "${value}"`);
    return org.id;
  };
  const arm = (
    kind: StreamFaultRecord['kind'],
    options: ChatStreamFaultOptions = {},
  ): ChatStreamFaultHandle => {
    if (options.times !== undefined && !(options.times >= 1)) {
      throw new RangeError(`stream fault "times" must be at least 1, got ${options.times}`);
    }
    const fault: StreamFaultRecord = {
      kind,
      chatId: options.chatId?.toLowerCase(),
      times: options.times,
      hits: 0,
    };
    model.streamFaults.push(fault);
    return {
      get hits() {
        return fault.hits;
      },
      remove: () => {
        model.streamFaults = model.streamFaults.filter((f) => f !== fault);
      },
    };
  };
  const nonNegative = (what: string, ms: number): void => {
    if (!(ms >= 0) || !Number.isFinite(ms))
      throw new RangeError(`${what} must be a finite number of ms >= 0, got ${ms}`);
  };
  return {
    scriptChat(chatIdOrStar, script) {
      const normalized = normalizeChatScript(script);
      if (chatIdOrStar === '*') model.scripts.set('*', normalized);
      else requireChat(chatIdOrStar).script = normalized;
    },
    finishTurn(chatId, end = 'waiting') {
      const chat = requireChat(chatId);
      if (!chat.turn.running && !chat.turn.pickupPending) {
        throw new Error(`chat "${chatId}" has no turn in progress (status ${chat.status})`);
      }
      endTurn(model, chat, end);
    },
    promoteQueued(chatId) {
      const chat = requireChat(chatId);
      if (chat.queue.length === 0) throw new Error(`chat "${chatId}" has no queued message to promote`);
      cancelTurn(chat);
      promoteAndAnswer(model, chat);
    },
    addMessage(chatId, message) {
      return saveMessage(model, requireChat(chatId), message.role, message.parts).id;
    },
    setDiffStatus(chatId, diffStatus) {
      setDiff(model, requireChat(chatId), diffStatus);
    },
    setAiGateway(enabled) {
      model.settings.aiGateway = enabled;
    },
    setModelAvailable(available, organization) {
      const key = organization === undefined ? '*' : orgOf(organization);
      if (available) {
        if (key === '*') model.settings.modelUnavailable.clear();
        else model.settings.modelUnavailable.delete(key);
      } else {
        model.settings.modelUnavailable.add(key);
      }
    },
    setStreamDelay(ms) {
      nonNegative('stream delay', ms);
      model.settings.streamDelayMs = ms;
    },
    dropStreamsAfterSnapshot: (options) => arm('drop-after-snapshot', options),
    refuseStreams: (options) => arm('refuse', options),
    dropStreams(chatId) {
      const keys = chatId === undefined ? [...model.sockets.keys()] : [requireChat(chatId).id];
      let cut = 0;
      for (const key of keys) {
        for (const socket of [...(model.sockets.get(key) ?? [])]) {
          // A socket already cut is forgotten only once its close event ran; do not count it twice.
          if (socket.readyState !== 1) continue;
          socket.terminate();
          cut++;
        }
      }
      return cut;
    },
    setLastErrorFormat(format) {
      if (format !== 'auto' && format !== 'object' && format !== 'string') {
        throw new TypeError(
          `last_error format must be auto, object or string, got ${JSON.stringify(format)}`,
        );
      }
      model.settings.lastErrorFormat = format;
    },
    setFrameFormat(format) {
      if (format !== 'bare' && format !== 'envelope') {
        throw new TypeError(`frame format must be bare or envelope, got ${JSON.stringify(format)}`);
      }
      model.settings.frameFormat = format;
    },
    setQueueLimit(limit) {
      if (!Number.isInteger(limit) || limit < 0)
        throw new RangeError(`queue limit must be a whole number >= 0, got ${limit}`);
      model.settings.queueLimit = limit;
    },
    setPickupDelay(ms) {
      nonNegative('pickup delay', ms);
      model.settings.pickupDelayMs = ms;
    },
    setLifecycleHook(hook) {
      if (hook === undefined) {
        model.settings.hook = undefined;
        return;
      }
      if (hook.action !== 'deny' && hook.action !== 'fail') {
        throw new TypeError(`hook action must be deny or fail, got ${JSON.stringify(hook.action)}`);
      }
      const on = hook.on ?? 'both';
      if (on !== 'create' && on !== 'send' && on !== 'both') {
        throw new TypeError(`hook "on" must be create, send or both, got ${JSON.stringify(on)}`);
      }
      model.settings.hook = { action: hook.action, message: hook.message ?? '', on };
    },
    shareChat(chatId, username, options = {}) {
      const user = world.userByName(username);
      if (!user) throw new Error(`no user named "${username}"`);
      requireChat(chatId).sharedWith.set(user.id, options.update === true);
    },
    setMcpServers(ids) {
      model.settings.mcpServers = new Set(
        ids.map((id) => {
          const uuid = parseUuid(id);
          if (!uuid) throw new TypeError(`MCP server id must be a UUID, got ${JSON.stringify(id)}`);
          return uuid;
        }),
      );
    },
    setCreateAllowed(allowed) {
      model.settings.createForbidden = !allowed;
    },
    failStore(write, fail = true) {
      if (write !== 'create-chat' && write !== 'create-message' && write !== 'archive') {
        throw new TypeError(
          `store write must be create-chat, create-message or archive, got ${JSON.stringify(write)}`,
        );
      }
      if (fail) model.settings.storeFaults.add(write);
      else model.settings.storeFaults.delete(write);
    },
    setSendConflict(chatId, conflict) {
      if (conflict !== undefined && conflict !== 'transition' && conflict !== 'invalid-state') {
        throw new TypeError(
          `send conflict must be transition or invalid-state, got ${JSON.stringify(conflict)}`,
        );
      }
      requireChat(chatId).sendConflict = conflict;
    },
    addChildChat(rootChatId, title = 'subagent') {
      const root = requireChat(rootChatId);
      if (root.parentId !== undefined) {
        throw new Error(`chat "${rootChatId}" is itself a subagent chat; coderd nests one level only`);
      }
      return addChild(model, root, title).id;
    },
    removeFromOrganization(username, organization) {
      const user = world.userByName(username);
      if (!user) throw new Error(`no user named "${username}"`);
      const id = orgOf(organization);
      user.organizationIds = user.organizationIds.filter((o) => o !== id);
    },
    chats() {
      return [...model.chats.values()]
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((c) => chatView(model, c));
    },
    chat(chatId) {
      const chat = model.chats.get(chatId.toLowerCase());
      return chat ? chatView(model, chat) : undefined;
    },
    async waitForChat(chatId, until, options = {}) {
      const check = (): FakeChatView | undefined => {
        const chat = model.chats.get(chatId.toLowerCase());
        if (!chat) return undefined;
        const view = chatView(model, chat);
        if (typeof until === 'function') return until(view) ? view : undefined;
        if (view.status !== until) return undefined;
        // A settled status also needs the turn over and the queue drained, or it is about to change.
        const busy = until === 'running' || until === 'interrupting' || until === 'pending';
        return busy || (!view.turnRunning && view.queue.length === 0) ? view : undefined;
      };
      const what = `chat "${chatId}" to ${typeof until === 'string' ? `settle in status "${until}"` : 'match'}`;
      await waitUntil(world, () => check() !== undefined, what, options.timeoutMs);
      return check() as FakeChatView;
    },
  };
}
