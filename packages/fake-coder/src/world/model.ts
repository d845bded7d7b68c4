import type { AgentScript } from './agent-script';
import type { AppStatusState } from './app-status-state';

// The in-memory rows of the fake. Every time is in integer microseconds of the fake clock, strictly
// increasing across records (as Postgres timestamps are in practice), so "newer than" is never a tie.

/** What a user may do. `owner` is Coder's site-wide owner; `org-admin` administers its organizations;
 * `auditor` may read everything and change nothing. */
export type FakeRole = 'owner' | 'org-admin' | 'member' | 'auditor';

/** A user, with its one session token (split as Coder stores it: id and secret). */
export interface UserRecord {
  id: string;
  username: string;
  email: string;
  name: string;
  role: FakeRole;
  organizationIds: string[];
  githubUserId: number | undefined;
  /** External auth providers (such as `github`) this user has linked. */
  externalAuth: Set<string>;
  createdAt: number;
  tokenId: string;
  tokenSecret: string;
  /** When set and in the past (fake clock), the token answers 401 "API key expired". */
  tokenExpiresAt: number | undefined;
}

/** An organization. */
export interface OrganizationRecord {
  id: string;
  name: string;
  displayName: string;
  isDefault: boolean;
  createdAt: number;
}

/** A preset of a template version. */
export interface PresetRecord {
  id: string;
  name: string;
  parameters: { name: string; value: string }[];
  isDefault: boolean;
}

/** A template version and what it declares. */
export interface TemplateVersionRecord {
  id: string;
  name: string;
  templateId: string;
  organizationId: string;
  /** The version declares a `coder_ai_task` resource. */
  hasAiTask: boolean;
  /** The version links a task app; without one the task ends `unknown` once the agent is ready. */
  hasTaskApp: boolean;
  presets: PresetRecord[];
  createdAt: number;
}

/** A template. */
export interface TemplateRecord {
  id: string;
  name: string;
  displayName: string;
  organizationId: string;
  icon: string;
  activeVersionId: string;
  /** External auth providers the owner must have linked to create a workspace. */
  requiredExternalAuth: string[];
  createdAt: number;
}

/** A provisioner job's status (the ones the simulation uses). */
export type JobStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'canceling' | 'canceled';
/** A workspace build's transition. */
export type Transition = 'start' | 'stop' | 'delete';
/** A workspace app's health. */
export type AppHealth = 'initializing' | 'healthy' | 'unhealthy' | 'disabled';

/** The workspace agent of a start build. */
export interface AgentRecord {
  id: string;
  /** The agent's session token (a UUID), for the agent-token routes. */
  token: string;
  lifecycle: string;
  createdAt: number;
}

/** The task app of a start build. */
export interface AppRecord {
  id: string;
  slug: string;
  health: AppHealth;
}

/** A workspace build with its provisioner job and its task_workspace_apps row (agent and app). */
export interface BuildRecord {
  id: string;
  number: number;
  transition: Transition;
  reason: string;
  createdAt: number;
  updatedAt: number;
  initiatorId: string;
  templateVersionId: string;
  presetId: string | undefined;
  job: {
    id: string;
    status: JobStatus;
    error: string | undefined;
    createdAt: number;
    startedAt?: number;
    completedAt?: number;
  };
  /** The task_workspace_apps row: NULL until the build's job completes (Coder fills it in then). */
  agent: AgentRecord | null;
  app: AppRecord | null;
}

/** A workspace_app_statuses row. */
export interface AppStatusRecord {
  id: string;
  createdAt: number;
  state: AppStatusState;
  message: string;
  uri: string;
  appId: string;
  agentId: string;
}

/** A workspace: its builds (latest last) and its app statuses. */
export interface WorkspaceRecord {
  id: string;
  name: string;
  ownerId: string;
  organizationId: string;
  templateId: string;
  createdAt: number;
  updatedAt: number;
  deleted: boolean;
  taskId: string | null;
  builds: BuildRecord[];
  appStatuses: AppStatusRecord[];
}

/** One AgentAPI message: role `user` is task input, `agent` is output. */
export interface AgentMessage {
  id: number;
  role: string;
  content: string;
  time: number;
}

/** The log snapshot the agent uploaded as it shut down. */
export interface SnapshotRecord {
  at: number;
  messages: AgentMessage[];
  /** Simulates a stored snapshot the server cannot read: 500 on the logs route. */
  corrupt?: 'format' | 'data';
}

/** How the task's AgentAPI misbehaves (set with `control.setAgentApi`). */
export interface AgentApiBehaviour {
  /** Dialling the agent fails: send answers 502 "Failed to reach task app endpoint.". */
  unreachable?: boolean;
  /** Overrides what `GET /status` answers (for example `running` or `bad`). */
  status?: string;
  /** `GET /status` fails: send answers 502. */
  statusError?: boolean;
  /** `GET /messages` fails: logs answer 502. */
  messagesError?: boolean;
  /** `POST /message` fails: send answers 502 "Task app rejected the message.". */
  rejectMessage?: boolean;
  /** The app URL's scheme (default `http`); anything else makes send answer 400. */
  appUrlScheme?: string;
}

/** The simulated AgentAPI behind a task. */
export interface AgentRuntime {
  messages: AgentMessage[];
  /** AgentAPI's own status: `running` while a script reply is in progress, else `stable`. */
  busy: boolean;
  script: AgentScript | undefined;
  behaviour: AgentApiBehaviour;
  /** Cancels the reply in progress (on stop or delete). */
  cancel: (() => void) | undefined;
  /** Bumped on every agent restart so that timers of an old agent do nothing. */
  generation: number;
}

/** A task row (soft-deleted when `deletedAt` is set). */
export interface TaskRecord {
  id: string;
  name: string;
  displayName: string;
  ownerId: string;
  organizationId: string;
  templateId: string;
  templateVersionId: string;
  presetId: string | undefined;
  workspaceId: string | null;
  initialPrompt: string;
  createdAt: number;
  deletedAt: number | null;
  snapshot: SnapshotRecord | null;
  agent: AgentRuntime;
}
