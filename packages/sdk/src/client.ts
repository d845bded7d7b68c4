import type {
  BuildInfo,
  Chat,
  ChatMessage,
  ChatMessagesResponse,
  ChatStreamEvent,
  ChatWatchEvent,
  CreateChatMessageRequest,
  CreateChatMessageResponse,
  CreateTaskRequest,
  Organization,
  PauseTaskResponse,
  Preset,
  ResumeTaskResponse,
  Task,
  TaskLogsResponse,
  TasksFilter,
  TemplateVersion,
  UpdateChatRequest,
  User,
  Workspace,
} from '@coder-tasks/types';
import { seg } from './api-paths';
import { type CreateChatInput, type CreateChatOptions, createChat } from './chats/chat-create';
import { type ChatMessagesOptions, chatMessages } from './chats/chat-messages';
import { type ChatStreamOptions, ChatStreams, type StreamChatOptions } from './chats/chat-streams';
import { type ChatMessagesPageOptions, ChatsApi, type ListChatsFilter } from './chats/chats-api';
import { type ApiSupport, apiSupport } from './chats/chats-prefix';
import { type ChatTurn, type WaitForChatTurnOptions, waitForChatTurn } from './chats/wait-for-chat-turn';
import type { CallOptions, CoderClientOptions, RequestSpec } from './client-options';
import { DeploymentApi, type TemplateTarget } from './deployment-api';
import { HttpTransport } from './http-transport';
import { RequestLoop } from './request-loop';
import { resolveRetryPolicy } from './retry-policy';
import { TasksApi, taskUrl } from './tasks-api';
import { checkTimerMs } from './timer-limit';
import { type WaitForTaskOptions, waitForTask } from './wait-for-task';
import { type WatchWorkspaceOptions, watchWorkspace } from './watch-workspace';

/**
 * A client for Coder's agent APIs (Tasks and Chats), the TypeScript peer of Go's `codersdk` methods.
 * Every method validates the response against the wire schema, takes {@link CallOptions}, and throws a
 * `CoderError`. The methods are one-liners over the route modules (tasks, deployment, chats), which all
 * share the one {@link CoderClient.request} path.
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
  private readonly loop: RequestLoop;
  private readonly tasks: TasksApi;
  private readonly deployment: DeploymentApi;
  private readonly chats: ChatsApi;
  private readonly chatStreams: ChatStreams;

  constructor(options: CoderClientOptions) {
    if ((options as { fetchImpl?: unknown }).fetchImpl !== undefined) {
      throw new TypeError('CoderClient: `fetchImpl` is not supported; pass an undici `dispatcher` instead.');
    }
    this.transport = new HttpTransport(options);
    this.url = this.transport.baseUrl;
    const timeout = checkTimerMs('timeout', options.timeout ?? 30_000);
    this.loop = new RequestLoop(this.transport, timeout, resolveRetryPolicy(options.retry));
    this.tasks = new TasksApi(this);
    this.deployment = new DeploymentApi(this);
    this.chats = new ChatsApi(this, options.chatsPrefix);
    this.chatStreams = new ChatStreams(this.chats, this.transport, timeout);
  }

  /** The one request path: attempts, retries with backoff and `Retry-After`, error mapping, validation. */
  request<T>(spec: RequestSpec<T>, options?: CallOptions): Promise<T> {
    return this.loop.request(spec, options);
  }

  // Tasks (codersdk/aitasks.go)

  /** Go: `Client.CreateTask`. With a `name`, a retry that meets "already exists" returns the task it made. */
  async createTask(user: string, request: CreateTaskRequest, options?: CallOptions): Promise<Task> {
    return this.tasks.create(user, request, options);
  }

  /** Go: `Client.Tasks`. Every task matching the filter, newest first (no pagination). */
  async listTasks(filter?: TasksFilter, options?: CallOptions): Promise<Task[]> {
    return this.tasks.list(filter, options);
  }

  /** Go: `Client.TaskByID`. Any task the caller can read, by id (or a name of the caller's own task). */
  async getTask(id: string, options?: CallOptions): Promise<Task> {
    return this.tasks.get(id, options);
  }

  /** Go: `Client.TaskByOwnerAndName`. `owner` is a username, user id or `me`. */
  async getTaskByOwnerAndName(owner: string, name: string, options?: CallOptions): Promise<Task> {
    return this.tasks.getTaskByOwnerAndName(owner, name, options);
  }

  /** Go: `Client.TaskByIdentifier`: a task id, `name` (yours) or `owner/name`. */
  async getTaskByIdentifier(identifier: string, options?: CallOptions): Promise<Task> {
    return this.tasks.byIdentifier(identifier, options);
  }

  /** Go: `Client.DeleteTask`. Retried safely: a repeat that finds the task gone counts as done. */
  async deleteTask(user: string, id: string, options?: CallOptions): Promise<void> {
    return this.tasks.delete(user, id, options);
  }

  /** Go: `Client.TaskSend`. Sends input to the running agent; never repeated once it may have arrived. */
  async sendTaskInput(user: string, id: string, input: string, options?: CallOptions): Promise<void> {
    return this.tasks.send(user, id, input, options);
  }

  /**
   * Go: `Client.UpdateTaskInput`. Replaces the prompt of a paused task. Retried safely: a repeat that meets
   * 409 (the task no longer paused) after an attempt that may have landed counts as done when the task
   * already holds this prompt.
   */
  async updateTaskInput(user: string, id: string, input: string, options?: CallOptions): Promise<void> {
    return this.tasks.updateInput(user, id, input, options);
  }

  /** Go: `Client.PauseTask` (on `/api/experimental`, as Go). Stops the task's workspace. */
  async pauseTask(user: string, id: string, options?: CallOptions): Promise<PauseTaskResponse> {
    return this.tasks.pause(user, id, options);
  }

  /** Go: `Client.ResumeTask` (on `/api/experimental`, as Go). Starts the task's workspace again. */
  async resumeTask(user: string, id: string, options?: CallOptions): Promise<ResumeTaskResponse> {
    return this.tasks.resume(user, id, options);
  }

  /** Go: `Client.TaskLogs`. Live messages of an active task, or the snapshot taken at pause. */
  async getTaskLogs(user: string, id: string, options?: CallOptions): Promise<TaskLogsResponse> {
    return this.tasks.logs(user, id, options);
  }

  /** The task's page in the Coder dashboard: `<url>/tasks/<owner>/<task id>`. */
  taskUrl(task: Pick<Task, 'owner_name' | 'id'>): string {
    return taskUrl(this.url, task);
  }

  /** Waits for a task to reach a state; see {@link WaitForTaskOptions}. */
  async waitForTask(target: Task | string, options: WaitForTaskOptions): Promise<Task> {
    return waitForTask(this, target, options);
  }

  // The deployment around a task

  /** Go: `Client.BuildInfo`. The server's version; needs no authentication. */
  async buildInfo(options?: CallOptions): Promise<BuildInfo> {
    return this.deployment.buildInfo(options);
  }

  /** Go: `Client.User(ctx, "me")`. The user the token belongs to. */
  async me(options?: CallOptions): Promise<User> {
    return this.deployment.me(options);
  }

  /** Go: `Client.OrganizationByName` / `Client.Organization`. */
  async getOrganization(idOrName: string, options?: CallOptions): Promise<Organization> {
    return this.deployment.organization(idOrName, options);
  }

  /** The one Coder user linked to a GitHub account; {@link UserLookupError} on zero or several. */
  async findUserByGitHubId(githubUserId: number, options?: CallOptions): Promise<User> {
    return this.deployment.userByGitHubId(githubUserId, options);
  }

  /** A template's active version, or the one named `version`. Go: `TemplateByName` + `TemplateVersion(ByName)`. */
  async resolveTemplateVersion(target: TemplateTarget, options?: CallOptions): Promise<TemplateVersion> {
    return this.deployment.templateVersion(target, options);
  }

  /** The named preset of a version, else its default preset, else `undefined`. Go: `TemplateVersionPresets`. */
  async resolvePreset(
    templateVersionId: string,
    name?: string,
    options?: CallOptions,
  ): Promise<Preset | undefined> {
    return this.deployment.preset(templateVersionId, name, options);
  }

  /** Go: `Client.Workspace`. */
  async getWorkspace(id: string, options?: CallOptions): Promise<Workspace> {
    return this.deployment.workspace(id, options);
  }

  /** Go: `Client.WatchWorkspace`. The workspace now and after every change, from its SSE watch stream. */
  watchWorkspace(id: string, options?: WatchWorkspaceOptions): AsyncGenerator<Workspace, void, undefined> {
    return watchWorkspace(this.transport, `/api/v2/workspaces/${seg('id', id)}/watch`, options);
  }

  /**
   * Which agent APIs the server serves: Tasks (from the version, plus one cheap probe on the releases
   * where a flag decides) and Chats, with the prefix this client uses for them.
   */
  async apiSupport(options?: CallOptions): Promise<ApiSupport> {
    return apiSupport(this, this.chats.prefixes, options);
  }

  // Chats (codersdk/chats.go)

  /**
   * POST `/chats` (201): a new chat whose first message is `request.content`; `organization_id`
   * defaults to the caller's first organization. Not repeated once it may have landed, unless
   * `options.idempotencyLabel` lets a lost answer be found again (see {@link CreateChatOptions}).
   */
  async createChat(request: CreateChatInput, options?: CreateChatOptions): Promise<Chat> {
    const { transport, retry, timeout } = this.loop;
    return createChat(this.chats, { transport, retry, timeout }, request, options);
  }

  /** GET `/chats`: root chats (subagents nested in `children`), pinned first, then newest. */
  async listChats(filter?: ListChatsFilter, options?: CallOptions): Promise<Chat[]> {
    return this.chats.list(filter, options);
  }

  /** GET `/chats/{chat}`. */
  async getChat(id: string, options?: CallOptions): Promise<Chat> {
    return this.chats.get(id, options);
  }

  /** PATCH `/chats/{chat}` (204): title, labels (a full replacement), archived, pin order, plan mode, workspace. */
  async updateChat(id: string, patch: UpdateChatRequest, options?: CallOptions): Promise<void> {
    return this.chats.update(id, patch, options);
  }

  /** PATCH `/chats/{chat}` `{archived: true}`. coderd answers 409 while the chat is active: interrupt or wait first. */
  async archiveChat(id: string, options?: CallOptions): Promise<void> {
    return this.chats.update(id, { archived: true }, options);
  }

  /**
   * POST `/chats/{chat}/messages`: `queued` says whether it waits behind a running turn
   * (`queued_message`) or was inserted (`message`). Never repeated once it may have reached the server:
   * such a failure is a `ChatSendUncertainError`.
   */
  async sendChatMessage(
    id: string,
    request: CreateChatMessageRequest,
    options?: CallOptions,
  ): Promise<CreateChatMessageResponse> {
    return this.chats.send(id, request, options);
  }

  /** GET `/chats/{chat}/messages`: one page (newest first, or oldest first with only `afterId`). */
  async getChatMessages(
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
  async interruptChat(id: string, options?: CallOptions): Promise<Chat> {
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
  async waitForChatTurn(chat: Chat | string, options?: WaitForChatTurnOptions): Promise<ChatTurn> {
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
}
