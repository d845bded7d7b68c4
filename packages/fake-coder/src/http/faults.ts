/** Every kind of fault the server can inject. */
export type FaultKind =
  | 'latency'
  | 'status'
  | 'rateLimit'
  | 'resetBeforeResponse'
  | 'resetMidResponse'
  | 'truncatedJson'
  | 'invalidJson'
  | 'html'
  | 'trickle';

/**
 * A fault to inject. It applies to requests whose method and route match, `times` times (default:
 * until removed), after letting `skip` matching requests through (default 0). Latency and trickle use
 * real time, not the fake clock, since they are about the transport.
 */
export interface FaultSpec {
  kind: FaultKind;
  /**
   * Which requests: a string equal to the path (`/api/v2/tasks`) or to a route pattern
   * (`/api/v2/tasks/{user}/{task}/send`), or a RegExp tested against the path. Default: every route.
   */
  route?: string | RegExp;
  /** Only this HTTP method (case-insensitive). Default: any. */
  method?: string;
  /** How many matching requests it hits. Default: unlimited (until `remove()` or `faults.clear()`). */
  times?: number;
  /** Lets this many matching requests through first. Default 0. */
  skip?: number;
  /** `latency`: added delay in ms before the request is handled (default 1000). */
  ms?: number;
  /** `status`, `invalidJson`, `html`: the status code (default 500 for `status`, 200 for the others). */
  status?: number;
  /** `status`: the response body; an object is sent as JSON (default `{"message":"Injected fault."}`). */
  body?: unknown;
  /** `status`, `rateLimit`: extra response headers. */
  headers?: Record<string, string>;
  /** `rateLimit`: the `Retry-After` value in seconds (default 1). */
  retryAfter?: number;
  /** `trickle`: bytes per chunk (default 16) and ms between chunks (default 50). */
  chunkBytes?: number;
  intervalMs?: number;
  /**
   * `resetBeforeResponse`: run the handler first, so the server did the work but the client never
   * hears back; `status`: run the handler first, then answer with the fault's status instead of its
   * reply, as a proxy does that answers 502/503 after the upstream reset (default false: the request
   * is dropped or answered before it reaches the handler).
   */
  afterHandler?: boolean;
}

/** An injected fault: how often it hit, and a way to remove it. */
export interface FaultHandle {
  readonly spec: Readonly<FaultSpec>;
  /** How many requests it has hit so far. */
  readonly hits: number;
  /** Removes the fault. */
  remove(): void;
}

interface ActiveFault {
  spec: FaultSpec;
  hits: number;
  seen: number;
}

const KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'rateLimit',
  'resetBeforeResponse',
  'resetMidResponse',
  'truncatedJson',
  'invalidJson',
  'html',
  'trickle',
];

/** The faults in force. Matching is deterministic: in order of injection, counted per request. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];

  inject(spec: FaultSpec): FaultHandle {
    if (!KINDS.includes(spec.kind)) {
      throw new TypeError(`unknown fault kind ${JSON.stringify(spec.kind)}; use one of ${KINDS.join(', ')}`);
    }
    if (spec.times !== undefined && !(spec.times >= 1)) {
      throw new RangeError(`fault "times" must be at least 1, got ${spec.times}`);
    }
    const active: ActiveFault = { spec: { ...spec }, hits: 0, seen: 0 };
    this.faults.push(active);
    return {
      spec: active.spec,
      get hits() {
        return active.hits;
      },
      remove: () => {
        this.faults = this.faults.filter((f) => f !== active);
      },
    };
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * The faults that hit this request: every matching `latency` fault, plus the first matching fault of
   * another kind. Counts are consumed here.
   */
  take(method: string, path: string, pattern: string | undefined): { latency: number; fault?: FaultSpec } {
    let latency = 0;
    let fault: FaultSpec | undefined;
    for (const f of [...this.faults]) {
      if (!matches(f.spec, method, path, pattern)) continue;
      if (f.spec.kind !== 'latency' && fault) continue;
      f.seen++;
      if (f.seen <= (f.spec.skip ?? 0)) continue;
      f.hits++;
      if (f.spec.times !== undefined && f.hits >= f.spec.times) {
        this.faults = this.faults.filter((x) => x !== f);
      }
      if (f.spec.kind === 'latency') latency += f.spec.ms ?? 1000;
      else fault = f.spec;
    }
    return fault ? { latency, fault } : { latency };
  }
}

function matches(spec: FaultSpec, method: string, path: string, pattern: string | undefined): boolean {
  if (spec.method && spec.method.toUpperCase() !== method) return false;
  const route = spec.route;
  if (route === undefined) return true;
  if (typeof route === 'string') return route === path || route === pattern;
  route.lastIndex = 0;
  return route.test(path);
}
