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
  /** `METHOD /route` (after `/repos/o/r`, numbers as `{n}`, user as `{user}`) -> status to answer. */
  failures?: Record<string, number>;
  /** When set, any other `Authorization` answers 401. */
  requireToken?: string;
}

/** One request the fake received. */
export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string;
  status: number;
}

/** A comment as stored, with every body it had in order. */
export interface StoredComment {
  id: number;
  issue_number: number;
  body: string;
  html_url: string;
  history: string[];
}

/** A running fake GitHub API. */
export interface FakeGitHub {
  url: string;
  calls: RecordedCall[];
  comments: Map<number, StoredComment>;
  roles: Record<string, string>;
  failures: Record<string, number>;
  close(): Promise<void>;
}

/** Starts the fake GitHub API on 127.0.0.1 with a free port. */
export function startFakeGitHub(options?: FakeGitHubOptions): Promise<FakeGitHub>;
