/** Options of {@link startFakeGitHub}. */
export interface FakeGitHubOptions {
  /** Default `Codertocat` (the owner in @octokit/webhooks-examples payloads). */
  owner?: string;
  /** Default `Hello-World`. */
  repo?: string;
  /** login -> repository role (`read`, `triage`, `write`, `maintain`, `admin`); others get 404. */
  roles?: Record<string, string>;
  /** Issues and pull requests by number, for the routes that read them. */
  threads?: Record<number, { title: string; body?: string; pull?: { head: string; base: string } }>;
  /**
   * `METHOD /route` (after `/repos/o/r`, numbers as `{n}`, user as `{user}`) -> status to answer, or a
   * {@link FailureSpec}.
   */
  failures?: Record<string, number | FailureSpec>;
  /** Delay before every answer, in ms (default 0; settable later as `latencyMs`). */
  latencyMs?: number;
  /** When set, any other `Authorization` answers 401. */
  requireToken?: string;
}

/** A failure to inject on one route. */
export interface FailureSpec {
  /** Status to answer (default 502). */
  status?: number;
  /** How many requests it hits before it is removed (default: until deleted). */
  times?: number;
  /** Run the route first (the write lands), then answer the failure. Default false. */
  afterHandler?: boolean;
  /** Destroy the connection instead of answering. Default false. */
  reset?: boolean;
  /** Extra response headers, such as `retry-after`. */
  headers?: Record<string, string>;
  /** Only requests whose raw body contains this text (default: every request of the route). */
  bodyIncludes?: string;
  /** The error body's `message` (default "Injected failure"). */
  message?: string;
}

/** One request the fake received. */
export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string;
  /** The answer's status; -1 when the connection was reset. */
  status: number;
}

/** A comment as stored, with every body it had in order. */
export interface StoredComment {
  id: number;
  issue_number: number;
  body: string;
  html_url: string;
  history: string[];
  /** The author's login. */
  user: string;
  created_at: string;
  updated_at: string;
}

/** A running fake GitHub API. */
export interface FakeGitHub {
  url: string;
  calls: RecordedCall[];
  comments: Map<number, StoredComment>;
  roles: Record<string, string>;
  failures: Record<string, number | FailureSpec>;
  /** Delay before every answer, in ms. */
  latencyMs: number;
  close(): Promise<void>;
}

/** Starts the fake GitHub API on 127.0.0.1 with a free port. */
export function startFakeGitHub(options?: FakeGitHubOptions): Promise<FakeGitHub>;
