import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BuildInfo,
  type Chat,
  type ChatMessage,
  type ChatMessagesResponse,
  type ChatStreamEvent,
  type ChatWatchEvent,
  type CreateChatMessageRequest,
  type CreateChatMessageResponse,
  type CreateTaskRequest,
  type Organization,
  type PauseTaskResponse,
  type Preset,
  parseTaskIdentifier,
  type ResumeTaskResponse,
  serializeCreateTaskRequest,
  type Task,
  type TaskLogsResponse,
  type TasksFilter,
  type TemplateVersion,
  tasksFilterToQuery,
  type UpdateChatRequest,
  type User,
  type Workspace,
} from '@coder-tasks/types';
import { isTasksApiMissing, seg, taskPath } from './api-paths';
import {
  checkCreateTaskRequest,
  checkObject,
  checkOptionalString,
  checkSignal,
  checkString,
  checkTasksFilter,
} from './argument-checks';
import { type AttemptFailure, attemptVerdict } from './attempt-verdict';
import { type CreateChatInput, type CreateChatOptions, createChat } from './chats/chat-create';
import { type ChatMessagesOptions, chatMessages } from './chats/chat-messages';
import { type ChatStreamOptions, ChatStreams, type StreamChatOptions } from './chats/chat-streams';
import { type ChatMessagesPageOptions, ChatsApi, type ListChatsFilter } from './chats/chats-api';
import { type ApiSupport, apiSupport } from './chats/chats-prefix';
import { type ChatTurn, type WaitForChatTurnOptions, waitForChatTurn } from './chats/wait-for-chat-turn';
import type { AttemptHistory, CallOptions, CoderClientOptions, RequestSpec } from './client-options';
import { attemptHistory, findCreatedTask } from './created-task';
import {
  CoderAbortError,
  CoderApiError,
  CoderConnectionError,
  type CoderError,
  CoderResponseFormatError,
  CoderTimeoutError,
} from './errors';
import { type ExchangeContext, failedBeforeSending, HttpTransport } from './http-transport';
import { pickGitHubUser, pickPreset } from './lookups';
import { apiErrorFromResponse, decodeBody, type RawResponse } from './response-body';
import { type ResolvedRetryPolicy, resolveRetryPolicy } from './retry-policy';
import { TasksUnavailableError } from './tasks-unavailable-error';
import { checkTimerMs } from './timer-limit';
import { type WaitForTaskOptions, waitForTask } from './wait-for-task';
import { type WatchWorkspaceOptions, watchWorkspace } from './watch-workspace';
import {
  decodeBuildInfo,
  decodeOrganization,
  decodePause,
  decodePresets,
  decodeResume,
  decodeTask,
  decodeTaskLogs,
  decodeTasksList,
  decodeTemplate,
  decodeTemplateVersion,
  decodeUser,
  decodeUsers,
  decodeWorkspace,
} from './wire-decoders';

/**
 * A client for the Coder Tasks API, the TypeScript peer of Go's `codersdk` task methods. Every method
 * validates the response against the wire schema, takes {@link CallOptions}, and throws a `CoderError`.
 *
 * @example
 * const coder = new CoderClient({ url: 'https://coder.example.com', token: process.env.CODER_TOKEN! });
 * const task = await coder.createTask('me', { template_version_id, input: 'Fix the flaky test', name: 'fix-flaky' });
 * await coder.waitForTask(task, { until: 'idle', timeout: 30 * 60_000 });
 */
export class CoderClient {
  /** The deployment URL, always ending in `/`. */
  readonly url: URL;
  private readonly transport: HttpTransport;
  private readonly timeout: number;
  private readonly retry: ResolvedRetryPolicy;
  private readonly chats: ChatsApi;
  private readonly chatStreams: ChatStreams;

  constructor(options: CoderClientOptions) {
    if ((options as { fetchImpl?: unknown }).fetchImpl !== undefined) {
      throw new TypeError('CoderClient: `fetchImpl` is not supported; pass an undici `dispatcher` instead.');
    }
    this.transport = new HttpTransport(options);
    this.url = this.transport.baseUrl;
    this.timeout = checkTimerMs('timeout', options.timeout ?? 30_000);
    this.retry = resolveRetryPolicy(options.retry);
    this.chats = new ChatsApi(this, options.chatsPrefix);
    this.chatStreams = new ChatStreams(this.chats, this.transport, this.timeout);
  }

  /** The one request path: attempts, retries with backoff and `Retry-After`, error mapping, validation. */
  async request<T>(spec: RequestSpec<T>, options: CallOptions = {}): Promise<T> {
    checkSignal('CoderClient', checkObject('CoderClient', 'options', options).signal);
    const retries = options.retries ?? this.retry.maxRetries;
    if (!Number.isInteger(retries) || retries < 0) {
      throw new RangeError(`\`retries\` must be a whole number >= 0, got ${retries}`);
    }
    const timeout = checkTimerMs('timeout', options.timeout ?? this.timeout);
    const ctx = this.transport.context(spec);
    // Set once an attempt may have done its work on the server without us hearing the answer.
    let mayHaveLanded = false;
    const firstSent = performance.now();
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(spec, ctx, timeout, options.signal);
      if ('value' in outcome) return outcome.value;
      const { error, failure, raw } = outcome;
      const state = {
        attempt,
        retries,
        repeatable: spec.repeatable,
        canRecover: spec.recover !== undefined,
        mayHaveLanded,
      };
      const verdict = attemptVerdict(failure, state, this.retry, Math.random());
      if (verdict.recoverFirst && raw && spec.recover && error instanceof CoderApiError) {
        const recovered = await spec.recover(error, attemptHistory(raw, firstSent));
        if (recovered) return recovered.value;
      }
      if (verdict.action === 'throw') throw error;
      mayHaveLanded = verdict.mayHaveLanded;
      await this.pause(verdict.delayMs, options.signal, ctx);
    }
  }

  /** One attempt: its result, or the error it ended with and what the retry decision needs to know. */
  private async attempt<T>(
    spec: RequestSpec<T>,
    ctx: ExchangeContext,
    timeout: number,
    signal: AbortSignal | undefined,
  ): Promise<{ value: T } | { error: CoderError; failure: AttemptFailure; raw?: RawResponse }> {
    let raw: RawResponse;
    try {
      raw = await this.transport.send(spec, timeout, signal, ctx);
    } catch (error) {
      if (!(error instanceof CoderConnectionError || error instanceof CoderTimeoutError)) throw error;
      const timedOut = error instanceof CoderTimeoutError;
      return {
        error,
        failure: { kind: 'no-answer', timedOut, sent: timedOut || !failedBeforeSending(error) },
      };
    }
    // Like Go's codersdk, only the route's own success status counts: a 200 where Coder answers 201
    // comes from something else (a proxy, a mock, a wrong URL) and its body is not what it seems.
    if (raw.status === (spec.expect ?? 200)) {
      try {
        return { value: decodeBody(spec.decode, raw, ctx) };
      } catch (error) {
        // A body cut short or replaced on the way is worth asking again for; one of the wrong shape is not.
        if (!(error instanceof CoderResponseFormatError) || error.reason === 'schema') throw error;
        return { error, failure: { kind: 'unreadable' } };
      }
    }
    const error = apiErrorFromResponse(raw, ctx, Date.now());
    if (isTasksApiMissing(error, spec.path)) {
      const serverVersion = await this.version(signal);
      throw new TasksUnavailableError({ ...ctx, response: error.response, serverVersion });
    }
    return {
      error,
      failure: { kind: 'status', status: error.status, retryAfterMs: error.retryAfterMs },
      raw,
    };
  }

  /** Go: `Client.CreateTask`. With a `name`, a retry that meets "already exists" returns the task it made. */
  async createTask(user: string, request: CreateTaskRequest, options?: CallOptions): Promise<Task> {
    const body = serializeCreateTaskRequest(checkCreateTaskRequest(request));
    const path = `/api/v2/tasks/${seg('user', user)}`;
    const recover = body.name
      ? (e: CoderApiError, history: AttemptHistory) => findCreatedTask(this, user, body, e, history, options)
      : undefined;
    return this.request(
      { method: 'POST', path, body, decode: decodeTask, expect: 201, repeatable: !!body.name, recover },
      options,
    );
  }

  /** Go: `Client.Tasks`. Every task matching the filter, newest first (no pagination). */
  async listTasks(filter?: TasksFilter, options?: CallOptions): Promise<Task[]> {
    const query = { q: tasksFilterToQuery(checkTasksFilter(filter)) };
    const spec = {
      method: 'GET',
      path: '/api/v2/tasks',
      query,
      decode: decodeTasksList,
      repeatable: true,
    } as const;
    return (await this.request(spec, options)).tasks;
  }

  /** Go: `Client.TaskByID`. Any task the caller can read, by id (or a name of the caller's own task). */
  async getTask(id: string, options?: CallOptions): Promise<Task> {
    return this.get(taskPath('v2', 'me', id), decodeTask, options);
  }

  /** Go: `Client.TaskByOwnerAndName`. `owner` is a username, user id or `me`. */
  async getTaskByOwnerAndName(owner: string, name: string, options?: CallOptions): Promise<Task> {
    return this.get(`/api/v2/tasks/${seg('owner', owner || 'me')}/${seg('name', name)}`, decodeTask, options);
  }

  /** Go: `Client.TaskByIdentifier`: a task id, `name` (yours) or `owner/name`. */
  async getTaskByIdentifier(identifier: string, options?: CallOptions): Promise<Task> {
    const parsed = parseTaskIdentifier(checkString('getTaskByIdentifier', 'identifier', identifier));
    return parsed.kind === 'id'
      ? this.getTask(parsed.id, options)
      : this.getTaskByOwnerAndName(parsed.owner, parsed.name, options);
  }

  /** Go: `Client.DeleteTask`. Retried safely: a repeat that finds the task gone counts as done. */
  async deleteTask(user: string, id: string, options?: CallOptions): Promise<void> {
    const recover = async (e: CoderApiError) => (e.status === 404 ? { value: undefined } : undefined);
    return this.request<void>(
      { method: 'DELETE', path: taskPath('v2', user, id), expect: 202, repeatable: true, recover },
      options,
    );
  }

  /** Go: `Client.TaskSend`. Sends input to the running agent; never repeated once it may have arrived. */
  async sendTaskInput(user: string, id: string, input: string, options?: CallOptions): Promise<void> {
    const path = taskPath('v2', user, id, '/send');
    checkString('sendTaskInput', 'input', input);
    const spec = { method: 'POST', path, body: { input }, expect: 204, repeatable: false } as const;
    return this.request<void>(spec, options);
  }

  /**
   * Go: `Client.UpdateTaskInput`. Replaces the prompt of a paused task. Retried safely: a repeat that meets
   * 409 (the task no longer paused) after an attempt that may have landed counts as done when the task
   * already holds this prompt.
   */
  async updateTaskInput(user: string, id: string, input: string, options?: CallOptions): Promise<void> {
    const path = taskPath('v2', user, id, '/input');
    checkString('updateTaskInput', 'input', input);
    const recover = async (e: CoderApiError) => {
      if (e.status !== 409) return undefined;
      const task = await this.getTaskByOwnerAndName(user, id, options).catch(() => undefined);
      return task?.initial_prompt === input ? { value: undefined } : undefined;
    };
    const spec = { method: 'PATCH', path, body: { input }, expect: 204, repeatable: true, recover } as const;
    return this.request<void>(spec, options);
  }

  /** Go: `Client.PauseTask` (on `/api/experimental`, as Go). Stops the task's workspace. */
  async pauseTask(user: string, id: string, options?: CallOptions): Promise<PauseTaskResponse> {
    const path = taskPath('experimental', user, id, '/pause');
    const spec = { method: 'POST', path, decode: decodePause, expect: 202, repeatable: false } as const;
    return this.request(spec, options);
  }

  /** Go: `Client.ResumeTask` (on `/api/experimental`, as Go). Starts the task's workspace again. */
  async resumeTask(user: string, id: string, options?: CallOptions): Promise<ResumeTaskResponse> {
    const path = taskPath('experimental', user, id, '/resume');
    const spec = { method: 'POST', path, decode: decodeResume, expect: 202, repeatable: false } as const;
    return this.request(spec, options);
  }

  /** Go: `Client.TaskLogs`. Live messages of an active task, or the snapshot taken at pause. */
  async getTaskLogs(user: string, id: string, options?: CallOptions): Promise<TaskLogsResponse> {
    return this.get(taskPath('v2', user, id, '/logs'), decodeTaskLogs, options);
  }

  /** Go: `Client.BuildInfo`. The server's version; needs no authentication. */
  async buildInfo(options?: CallOptions): Promise<BuildInfo> {
    return this.get('/api/v2/buildinfo', decodeBuildInfo, options);
  }

  /** Go: `Client.User(ctx, "me")`. The user the token belongs to. */
  async me(options?: CallOptions): Promise<User> {
    return this.get('/api/v2/users/me', decodeUser, options);
  }

  /** Go: `Client.OrganizationByName` / `Client.Organization`. */
  async getOrganization(idOrName: string, options?: CallOptions): Promise<Organization> {
    return this.get(`/api/v2/organizations/${seg('idOrName', idOrName)}`, decodeOrganization, options);
  }

  /** The one Coder user linked to a GitHub account; {@link UserLookupError} on zero or several. */
  async findUserByGitHubId(githubUserId: number, options?: CallOptions): Promise<User> {
    if (!Number.isSafeInteger(githubUserId) || githubUserId <= 0) {
      throw new TypeError(
        `findUserByGitHubId: expected a positive integer GitHub user id, got ${githubUserId}`,
      );
    }
    const query = { q: `github_com_user_id:${githubUserId}` };
    const spec = {
      method: 'GET',
      path: '/api/v2/users',
      query,
      decode: decodeUsers,
      repeatable: true,
    } as const;
    return pickGitHubUser((await this.request(spec, options)).users, githubUserId);
  }

  /** A template's active version, or the one named `version`. Go: `TemplateByName` + `TemplateVersion(ByName)`. */
  async resolveTemplateVersion(
    target: { organization: string; template: string; version?: string | undefined },
    options?: CallOptions,
  ): Promise<TemplateVersion> {
    checkOptionalString(
      'resolveTemplateVersion',
      'target.version',
      checkObject('resolveTemplateVersion', 'target', target).version,
    );
    const org = seg('organization', target.organization);
    const base = `/api/v2/organizations/${org}/templates/${seg('template', target.template)}`;
    if (target.version) {
      return this.get(`${base}/versions/${seg('version', target.version)}`, decodeTemplateVersion, options);
    }
    const template = await this.get(base, decodeTemplate, options);
    return this.get(`/api/v2/templateversions/${template.active_version_id}`, decodeTemplateVersion, options);
  }

  /** The named preset of a version, else its default preset, else `undefined`. Go: `TemplateVersionPresets`. */
  async resolvePreset(
    templateVersionId: string,
    name?: string,
    options?: CallOptions,
  ): Promise<Preset | undefined> {
    checkOptionalString('resolvePreset', 'name', name);
    const path = `/api/v2/templateversions/${seg('templateVersionId', templateVersionId)}/presets`;
    return pickPreset(await this.get(path, decodePresets, options), templateVersionId, name);
  }

  /** Go: `Client.Workspace`. */
  async getWorkspace(id: string, options?: CallOptions): Promise<Workspace> {
    return this.get(`/api/v2/workspaces/${seg('id', id)}`, decodeWorkspace, options);
  }

  /** Go: `Client.WatchWorkspace`. The workspace now and after every change, from its SSE watch stream. */
  watchWorkspace(id: string, options?: WatchWorkspaceOptions): AsyncGenerator<Workspace, void, undefined> {
    return watchWorkspace(this.transport, `/api/v2/workspaces/${seg('id', id)}/watch`, options);
  }

  /** The task's page in the Coder dashboard: `<url>/tasks/<owner>/<task id>`. */
  taskUrl(task: Pick<Task, 'owner_name' | 'id'>): string {
    const fields = checkObject('taskUrl', 'task', task);
    checkString('taskUrl', 'task.owner_name', fields.owner_name);
    checkString('taskUrl', 'task.id', fields.id);
    return new URL(
      `tasks/${encodeURIComponent(task.owner_name)}/${encodeURIComponent(task.id)}`,
      this.url,
    ).toString();
  }

  /** Waits for a task to reach a state; see {@link WaitForTaskOptions}. */
  async waitForTask(target: Task | string, options: WaitForTaskOptions): Promise<Task> {
    return waitForTask(this, target, options);
  }

  /**
   * Which agent APIs the server serves: Tasks (from the version, plus one cheap probe on the releases
   * where a flag decides) and Chats, with the prefix this client uses for them.
   */
  apiSupport(options?: CallOptions): Promise<ApiSupport> {
    return apiSupport(this, this.chats.prefixes, options);
  }

  /**
   * POST `/chats` (201): a new chat whose first message is `request.content`; `organization_id`
   * defaults to the caller's first organization. Not repeated once it may have landed, unless
   * `options.idempotencyLabel` lets a lost answer be found again (see {@link CreateChatOptions}).
   */
  createChat(request: CreateChatInput, options?: CreateChatOptions): Promise<Chat> {
    return createChat(
      this.chats,
      { transport: this.transport, retry: this.retry, timeout: this.timeout },
      request,
      options,
    );
  }

  /** GET `/chats`: root chats (subagents nested in `children`), pinned first, then newest. */
  listChats(filter?: ListChatsFilter, options?: CallOptions): Promise<Chat[]> {
    return this.chats.list(filter, options);
  }

  /** GET `/chats/{chat}`. */
  getChat(id: string, options?: CallOptions): Promise<Chat> {
    return this.chats.get(id, options);
  }

  /** PATCH `/chats/{chat}` (204): title, labels (a full replacement), archived, pin order, plan mode, workspace. */
  updateChat(id: string, patch: UpdateChatRequest, options?: CallOptions): Promise<void> {
    return this.chats.update(id, patch, options);
  }

  /** PATCH `/chats/{chat}` `{archived: true}`. coderd answers 409 while the chat is active: interrupt or wait first. */
  archiveChat(id: string, options?: CallOptions): Promise<void> {
    return this.chats.update(id, { archived: true }, options);
  }

  /**
   * POST `/chats/{chat}/messages`: `queued` says whether it waits behind a running turn
   * (`queued_message`) or was inserted (`message`). Never repeated once it may have reached the server:
   * such a failure is a `ChatSendUncertainError`.
   */
  sendChatMessage(
    id: string,
    request: CreateChatMessageRequest,
    options?: CallOptions,
  ): Promise<CreateChatMessageResponse> {
    return this.chats.send(id, request, options);
  }

  /** GET `/chats/{chat}/messages`: one page (newest first, or oldest first with only `afterId`). */
  getChatMessages(
    id: string,
    page?: ChatMessagesPageOptions,
    options?: CallOptions,
  ): Promise<ChatMessagesResponse> {
    return this.chats.messages(id, page, options);
  }

  /** Every message after `afterId` (default: all), in ascending id order, page after page. */
  chatMessages(
    id: string,
    from?: ChatMessagesOptions,
    options?: CallOptions,
  ): AsyncGenerator<ChatMessage, void, undefined> {
    return chatMessages(this.chats, id, from, options);
  }

  /** POST `/chats/{chat}/interrupt`: stops the current run; the chat returned is usually `interrupting`. */
  interruptChat(id: string, options?: CallOptions): Promise<Chat> {
    return this.chats.interrupt(id, options);
  }

  /** The chat's WebSocket (`/chats/{chat}/stream`): its snapshot, then live `ChatStreamEvent`s. */
  streamChat(id: string, options?: StreamChatOptions): AsyncGenerator<ChatStreamEvent, void, undefined> {
    return this.chatStreams.stream(id, options);
  }

  /** The caller's WebSocket of chat lifecycle events (`/chats/watch`). */
  watchChats(options?: ChatStreamOptions): AsyncGenerator<ChatWatchEvent, void, undefined> {
    return this.chatStreams.watch(options);
  }

  /** Waits for the turn a create or a send started; see {@link WaitForChatTurnOptions}. */
  waitForChatTurn(chat: Chat | string, options?: WaitForChatTurnOptions): Promise<ChatTurn> {
    return waitForChatTurn(this.chats, this.chatStreams, chat, options);
  }

  /** The chat's page in the Coder dashboard: `<url>/agents/<chat id>`. */
  chatUrl(chat: Pick<Chat, 'id'> | string): string {
    return this.chats.chatUrl(typeof chat === 'string' ? chat : chat.id);
  }

  /** Ends open watch streams and chat WebSockets, and closes the client's own connection pool (not an injected dispatcher). Safe to call twice. */
  close(): Promise<void> {
    this.chatStreams.close();
    return this.transport.close();
  }

  private get<T>(path: string, decode: (data: unknown) => T, options?: CallOptions): Promise<T> {
    return this.request({ method: 'GET', path, decode, repeatable: true }, options);
  }

  private async pause(ms: number, signal: AbortSignal | undefined, ctx: { method: string; url: string }) {
    try {
      await sleep(ms, undefined, { signal });
    } catch {
      throw new CoderAbortError({ method: ctx.method, url: ctx.url, reason: signal?.reason });
    }
  }

  private async version(signal: AbortSignal | undefined): Promise<string | undefined> {
    try {
      const options = { retries: 0, timeout: Math.min(this.timeout, 5_000), ...(signal ? { signal } : {}) };
      return (await this.buildInfo(options)).version;
    } catch (error) {
      if (signal?.aborted) throw error;
      return undefined;
    }
  }
}
