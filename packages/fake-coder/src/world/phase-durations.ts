/**
 * How long each simulated phase lasts, in milliseconds of the fake clock. Every default is 0: a task
 * still passes through each phase (one clock tick each), it just does not wait.
 */
export interface PhaseDurations {
  /** A build's provisioner job waits in `pending` (default 0). */
  buildPending?: number;
  /** A start build's job runs (workspace `starting`, task `initializing`) (default 0). */
  buildRunning?: number;
  /** The agent is `created` before it connects (default 0). */
  agentConnecting?: number;
  /** The agent is `starting` (startup scripts) (default 0). */
  agentStarting?: number;
  /** The task app's health is `initializing` (default 0). */
  appInitializing?: number;
  /** A stop build's job runs (workspace `stopping`, task `unknown`) (default 0). */
  stopBuild?: number;
  /** A delete build's job runs (workspace `deleting`) (default 0). */
  deleteBuild?: number;
}

const ZERO: Required<PhaseDurations> = {
  buildPending: 0,
  buildRunning: 0,
  agentConnecting: 0,
  agentStarting: 0,
  appInitializing: 0,
  stopBuild: 0,
  deleteBuild: 0,
};

/** Checks user-given durations, so that a typo or a negative value fails loudly at start. */
export function resolveDurations(durations: PhaseDurations | undefined): Required<PhaseDurations> {
  const out = { ...ZERO };
  for (const [key, value] of Object.entries(durations ?? {})) {
    if (!(key in ZERO)) {
      throw new TypeError(`unknown phase duration "${key}"; known phases: ${Object.keys(ZERO).join(', ')}`);
    }
    if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
      throw new RangeError(`duration "${key}" must be a finite number of ms >= 0, got ${String(value)}`);
    }
    out[key as keyof PhaseDurations] = value;
  }
  return out;
}
