import { readFileSync } from 'node:fs';
import {
  CHAT_STATUSES,
  ChatContextResourceSchema,
  ChatContextSchema,
  ChatDiffStatusSchema,
  ChatErrorSchema,
  ChatFileMetadataSchema,
  ChatSchema,
} from '@coder-tasks/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agrees, nearMiss, objectOf, timestamp, uuid } from '../../test/wire-arbitraries';
import type { Fields } from '../fast-wire';
import { CHAT_FIELDS, CHAT_OBJECT_FIELDS, fastChat, fastChats } from './fast-chat';
import {
  CONTEXT_FIELDS,
  DIFF_STATUS_FIELDS,
  ERROR_FIELDS,
  FILE_FIELDS,
  RESOURCE_HEAD,
  RESOURCE_TAIL,
  TOOL_FIELDS,
} from './fast-chat-details';

// The fast reader must be the schema, only faster: for any input it returns either nothing (the schema
// then decides) or exactly what the schema returns, with every object's keys in the schema's order.

const ChatListSchema = ChatSchema.array();
const keysOf = (fields: typeof CHAT_FIELDS) => fields.map(([key]) => key);
const shapeKeys = (schema: unknown) => Object.keys((schema as { shape: object }).shape);

/** Same keys in the same order at every depth (`agrees` compares values, and JSON drops undefined). */
function sameKeyOrder(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return true;
  const ka = Object.keys(a);
  if (ka.join('\n') !== Object.keys(b).join('\n')) return false;
  return ka.every((k) => sameKeyOrder((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** `agrees`, and when the fast reader answered, the same key order as the schema's output. */
function matches(fast: (data: unknown) => unknown, schema: typeof ChatListSchema | typeof ChatSchema) {
  return (input: unknown) => {
    if (!agrees(fast, schema, input)) return false;
    const quick = fast(input);
    return quick === undefined || sameKeyOrder(quick, schema.parse(input));
  };
}

/** `good` most of the time, else absent, `null` or a near miss; `absent` weighs absence (of 40). */
const mostly = (good: fc.Arbitrary<unknown>, absent = 1) =>
  fc.oneof(
    { weight: 40, arbitrary: good },
    { weight: absent, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: nearMiss },
  );
const few = <T>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 2 });
// The shared `timestamp` makes one in four invalid, which would leave few whole chats valid.
const when = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('2026-09-20T10:05:00.000000001Z', '2026-05-06T08:00:00+02:00') },
  { weight: 1, arbitrary: timestamp },
);

/** `objectOf(fields)` with mostly well-formed timestamps, plus `custom` keys. */
function objectWith(fields: Fields, custom: Record<string, fc.Arbitrary<unknown>> = {}) {
  const isTime = ([, kind]: Fields[number]) => kind.endsWith('timestamp');
  const times = fields
    .filter(isTime)
    .map(([key, kind]) => [key, mostly(when, kind === 'timestamp' ? 0 : 10)]);
  const rest = fields.filter((field) => !isTime(field));
  return objectOf(rest, { absent: 10, good: 300, miss: 1 }, { ...Object.fromEntries(times), ...custom });
}

const lastError = fc.oneof(
  { weight: 20, arbitrary: objectWith(ERROR_FIELDS) },
  { weight: 1, arbitrary: fc.constantFrom('', 'context deadline exceeded') },
  { weight: 20, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: nearMiss },
);
const tool = objectWith(TOOL_FIELDS);
const resource = objectWith([...RESOURCE_HEAD, ...RESOURCE_TAIL], { tools: mostly(few(tool), 10) });
const context = objectWith(CONTEXT_FIELDS, { resources: mostly(few(resource), 10) });
const labels = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.dictionary(fc.constantFrom('github.com/repo', 'github.com/issue', 'a'), fc.string()),
  },
  { weight: 1, arbitrary: fc.constant({ team: 7 }) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":"x","a":"b"}')) },
);
const uuids = fc.oneof({ weight: 40, arbitrary: few(uuid) }, { weight: 1, arbitrary: fc.constant(['nope']) });
const warnings = fc.oneof(
  { weight: 40, arbitrary: few(fc.string()) },
  { weight: 1, arbitrary: fc.constant([1]) },
);
const status = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom(...CHAT_STATUSES) },
  { weight: 1, arbitrary: fc.constantFrom('paused_for_review', 'failure') },
  { weight: 1, arbitrary: nearMiss },
);

/** A chat whose `children` come from `children`. */
const chatWith = (children: fc.Arbitrary<unknown>) =>
  objectWith(CHAT_FIELDS, {
    status,
    last_error: lastError,
    diff_status: mostly(objectWith(DIFF_STATUS_FIELDS), 20),
    mcp_server_ids: mostly(uuids),
    labels: mostly(labels),
    files: mostly(few(objectWith(FILE_FIELDS)), 20),
    context: mostly(context, 20),
    warnings: mostly(warnings, 20),
    children,
  });
// coderd nests one level deep; a grandchild is rare here as it is on the wire.
const grandchild = chatWith(fc.constant(undefined));
const child = chatWith(
  fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(undefined, null, []) },
    { weight: 1, arbitrary: few(grandchild) },
  ),
);
const chat = chatWith(mostly(few(child), 5));

const golden = readFileSync(new URL('../../../types/test/golden/chat.golden', import.meta.url), 'utf8');
const ID = '3f6c2a1e-8b4d-4e7a-9c1f-2d5e6a7b8c90';
/** A chat as a v2.33 server sends it, before labels, pins, sharing and structured errors. */
const OLD = {
  id: ID,
  owner_id: ID,
  title: 'Fix the flaky login test',
  status: 'pending',
  created_at: '2026-05-06T08:00:00.123456Z',
  updated_at: '2026-05-06T08:00:00.123456Z',
};

describe('fastChat', () => {
  it('lists the schema’s fields in the schema’s order', () => {
    const objects: readonly string[] = CHAT_OBJECT_FIELDS;
    const keys = shapeKeys(ChatSchema);
    expect(keysOf(CHAT_FIELDS)).toEqual(keys.filter((k) => !objects.includes(k)));
    expect(objects).toEqual(keys.filter((k) => !keysOf(CHAT_FIELDS).includes(k)));
    const errorObject = (ChatErrorSchema as unknown as { options: unknown[] }).options[1];
    expect(keysOf(ERROR_FIELDS)).toEqual(shapeKeys(errorObject));
    expect(keysOf(DIFF_STATUS_FIELDS)).toEqual(shapeKeys(ChatDiffStatusSchema));
    expect(keysOf(FILE_FIELDS)).toEqual(shapeKeys(ChatFileMetadataSchema));
    expect([...keysOf(CONTEXT_FIELDS), 'resources']).toEqual(shapeKeys(ChatContextSchema));
    expect([...keysOf(RESOURCE_HEAD), 'tools', ...keysOf(RESOURCE_TAIL)]).toEqual(
      shapeKeys(ChatContextResourceSchema),
    );
  });

  it('returns exactly what the schema returns, or leaves the input to the schema', () => {
    let fast = 0;
    let nested = 0;
    const check = matches(fastChat, ChatSchema);
    fc.assert(
      fc.property(chat, (input) => {
        const read = fastChat(input);
        if (read !== undefined) {
          fast++;
          if (read.children.length > 0 && (read.last_error || read.diff_status || read.context)) nested++;
        }
        return check(input);
      }),
      { numRuns: 3_000 },
    );
    // The generated chats must exercise the fast path, nested objects included, not only the give-ups.
    expect(fast).toBeGreaterThan(600);
    expect(nested).toBeGreaterThan(100);
  });

  it('reads a chats list exactly as the schema does, or leaves it to the schema', () => {
    let fast = 0;
    const check = matches(fastChats, ChatListSchema);
    const list = fc.oneof({ weight: 9, arbitrary: few(chat) }, { weight: 1, arbitrary: nearMiss });
    fc.assert(
      fc.property(list, (input) => {
        fast += fastChats(input)?.length ?? 0;
        return check(input);
      }),
      { numRuns: 1_000 },
    );
    expect(fast).toBeGreaterThan(100);
    expect(fastChats([OLD, { ...OLD, status: 'running' }])).toHaveLength(2);
    expect(fastChats([])).toEqual([]);
  });

  it('takes the fast path for the golden chat and reads it as the schema does', () => {
    const wire = JSON.parse(golden);
    expect(fastChat(wire)).toBeDefined();
    expect(matches(fastChat, ChatSchema)(wire)).toBe(true);
    expect(JSON.stringify(fastChat(wire))).toBe(
      golden.replace('"mcp_server_ids":null', '"mcp_server_ids":[]'),
    );
  });

  it('reads an old server’s chat, nulls and an unknown status as the schema does', () => {
    const inputs = [
      OLD,
      { ...OLD, status: 'paused_for_review', future_field: { x: 1 } },
      { ...OLD, last_error: null, diff_status: null, workspace_id: null, labels: null, children: null },
      { ...OLD, last_error: '', mcp_server_ids: null, context: { dirty: true, resources: null } },
      { ...OLD, last_error: { message: 'boom', kind: 'timeout' }, children: [{ ...OLD, children: [] }] },
    ];
    for (const input of inputs) {
      expect(fastChat(input)).toBeDefined();
      expect(matches(fastChat, ChatSchema)(input)).toBe(true);
    }
    expect(fastChat(OLD)?.children).toEqual([]);
    expect(Object.keys(fastChat({ ...OLD, last_error: null }) ?? {})).toContain('last_error');
  });

  it('leaves a legacy string last_error, a grandchild and a `__proto__` label to the schema', () => {
    const rare = [
      { ...OLD, status: 'error', last_error: 'context deadline exceeded' },
      { ...OLD, children: [{ ...OLD, children: [OLD] }] },
      { ...OLD, labels: JSON.parse('{"__proto__":"x"}') },
    ];
    for (const input of rare) {
      expect(ChatSchema.safeParse(input).success).toBe(true);
      expect(fastChat(input)).toBeUndefined();
    }
  });

  it('leaves every input the schema rejects to the schema', () => {
    const { title: _, ...noTitle } = OLD;
    const bad = [
      noTitle,
      { ...OLD, id: 'nope' },
      { ...OLD, summary: 7 },
      { ...OLD, archived: null },
      { ...OLD, pin_order: 1.5 },
      { ...OLD, labels: { team: 7 } },
      { ...OLD, mcp_server_ids: ['nope'] },
      { ...OLD, last_error: { detail: 'no message' } },
      { ...OLD, diff_status: { chat_id: ID, additions: null } },
      { ...OLD, context: { resources: [{ source: 'AGENTS.md' }] } },
      { ...OLD, updated_at: '2026-02-30T00:00:00Z' },
      { ...OLD, children: [{ ...OLD, owner_id: null }] },
      [OLD],
    ];
    for (const input of bad) {
      expect(ChatSchema.safeParse(input).success).toBe(false);
      expect(fastChat(input)).toBeUndefined();
    }
    expect(fastChats([OLD, noTitle])).toBeUndefined();
  });
});
