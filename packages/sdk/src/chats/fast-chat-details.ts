import {
  boolOrFalse,
  type Fields,
  GIVE_UP,
  int,
  intOrZero,
  isBoolean,
  isInt,
  isObject,
  isString,
  isWellFormedTimestamp,
  type Out,
  omitted,
  readArray,
  str,
  strOrEmpty,
  timestamp,
  uuid,
} from '../fast-wire';

// The nested objects of a `Chat` for fast-chat.ts: its error, pull request, files and pinned context,
// each read by name in the schema's order, as fast-chat.ts reads the chat itself.

/** The fields of the object form of `ChatError`, in the schema's order. */
export const ERROR_FIELDS: Fields = [
  ['message', 'string'],
  ['detail', 'omitted-string'],
  ['kind', 'omitted-string'],
  ['provider', 'omitted-string'],
  ['retryable', 'boolean-or-false'],
  ['status_code', 'omitted-int'],
];

/** The fields of `ChatDiffStatus`, in the schema's order. */
export const DIFF_STATUS_FIELDS: Fields = [
  ['chat_id', 'uuid'],
  ['url', 'omitted-string'],
  ['pull_request_state', 'omitted-string'],
  ['pull_request_title', 'string-or-empty'],
  ['pull_request_draft', 'boolean-or-false'],
  ['changes_requested', 'boolean-or-false'],
  ['additions', 'int-or-zero'],
  ['deletions', 'int-or-zero'],
  ['changed_files', 'int-or-zero'],
  ['author_login', 'omitted-string'],
  ['author_avatar_url', 'omitted-string'],
  ['base_branch', 'omitted-string'],
  ['head_branch', 'omitted-string'],
  ['pr_number', 'omitted-int'],
  ['commits', 'omitted-int'],
  ['approved', 'omitted-boolean'],
  ['reviewer_count', 'omitted-int'],
  ['refreshed_at', 'omitted-timestamp'],
  ['stale_at', 'omitted-timestamp'],
];

/** The fields of `ChatFileMetadata`, in the schema's order. */
export const FILE_FIELDS: Fields = [
  ['id', 'uuid'],
  ['owner_id', 'uuid'],
  ['organization_id', 'uuid'],
  ['name', 'string'],
  ['mime_type', 'string'],
  ['size_bytes', 'int'],
  ['created_at', 'timestamp'],
];

/** The plain fields of `ChatContext` (then `resources`), in the schema's order. */
export const CONTEXT_FIELDS: Fields = [
  ['dirty', 'boolean-or-false'],
  ['dirty_since', 'omitted-timestamp'],
  ['error', 'omitted-string'],
];

/** The fields of `ChatContextResource` up to `tools`, then RESOURCE_TAIL, in the schema's order. */
export const RESOURCE_HEAD: Fields = [
  ['source', 'string'],
  ['kind', 'string'],
  ['size_bytes', 'int-or-zero'],
  ['skill_name', 'omitted-string'],
  ['skill_description', 'omitted-string'],
];
export const RESOURCE_TAIL: Fields = [
  ['status', 'string-or-empty'],
  ['error', 'omitted-string'],
];
/** The fields of one of a resource's `tools`. */
export const TOOL_FIELDS: Fields = [
  ['name', 'string'],
  ['description', 'omitted-string'],
];

/** A GIVE_UP among `o`'s values gives up the object (readers mark a field they cannot read). */
export function checked(o: Out): Out | typeof GIVE_UP {
  for (const key in o) if (o[key] === GIVE_UP) return GIVE_UP;
  return o;
}

/** A present value of `goOmitted(X)` for an object X read by `read`. */
export const omittedObject = (v: unknown, read: (v: unknown) => Out | typeof GIVE_UP) =>
  v === null ? undefined : read(v);

/** A fresh copy of the array `v` when `ok` accepts every item, else GIVE_UP. */
export function listOf(v: unknown, ok: (item: unknown) => boolean): unknown[] | typeof GIVE_UP {
  if (!Array.isArray(v)) return GIVE_UP;
  for (let k = 0; k < v.length; k++) if (!ok(v[k])) return GIVE_UP;
  return v.slice();
}

/**
 * `last_error`: `null` and `''` (an old server's "no error") read as a present undefined. An old
 * server's plain-string error is rare and becomes a built object: the schema reads it.
 */
export function readLastError(v: unknown): Out | undefined | typeof GIVE_UP {
  if (v === null || v === '') return undefined;
  if (!isObject(v)) return GIVE_UP;
  const o: Out = {};
  o.message = str(v.message);
  if (v.detail !== undefined) o.detail = omitted(v.detail, isString);
  if (v.kind !== undefined) o.kind = omitted(v.kind, isString);
  if (v.provider !== undefined) o.provider = omitted(v.provider, isString);
  o.retryable = boolOrFalse(v.retryable);
  if (v.status_code !== undefined) o.status_code = omitted(v.status_code, isInt);
  return checked(o);
}

export function readDiffStatus(i: unknown): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.chat_id = uuid(i.chat_id);
  if (i.url !== undefined) o.url = omitted(i.url, isString);
  if (i.pull_request_state !== undefined) o.pull_request_state = omitted(i.pull_request_state, isString);
  o.pull_request_title = strOrEmpty(i.pull_request_title);
  o.pull_request_draft = boolOrFalse(i.pull_request_draft);
  o.changes_requested = boolOrFalse(i.changes_requested);
  o.additions = intOrZero(i.additions);
  o.deletions = intOrZero(i.deletions);
  o.changed_files = intOrZero(i.changed_files);
  if (i.author_login !== undefined) o.author_login = omitted(i.author_login, isString);
  if (i.author_avatar_url !== undefined) o.author_avatar_url = omitted(i.author_avatar_url, isString);
  if (i.base_branch !== undefined) o.base_branch = omitted(i.base_branch, isString);
  if (i.head_branch !== undefined) o.head_branch = omitted(i.head_branch, isString);
  if (i.pr_number !== undefined) o.pr_number = omitted(i.pr_number, isInt);
  if (i.commits !== undefined) o.commits = omitted(i.commits, isInt);
  if (i.approved !== undefined) o.approved = omitted(i.approved, isBoolean);
  if (i.reviewer_count !== undefined) o.reviewer_count = omitted(i.reviewer_count, isInt);
  if (i.refreshed_at !== undefined) o.refreshed_at = omitted(i.refreshed_at, isWellFormedTimestamp);
  if (i.stale_at !== undefined) o.stale_at = omitted(i.stale_at, isWellFormedTimestamp);
  return checked(o);
}

export function readFile(i: unknown): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.id = uuid(i.id);
  o.owner_id = uuid(i.owner_id);
  o.organization_id = uuid(i.organization_id);
  o.name = str(i.name);
  o.mime_type = str(i.mime_type);
  o.size_bytes = int(i.size_bytes);
  o.created_at = timestamp(i.created_at);
  return checked(o);
}

function readTool(i: unknown): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.name = str(i.name);
  if (i.description !== undefined) o.description = omitted(i.description, isString);
  return checked(o);
}

function readResource(i: unknown): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.source = str(i.source);
  o.kind = str(i.kind);
  o.size_bytes = intOrZero(i.size_bytes);
  if (i.skill_name !== undefined) o.skill_name = omitted(i.skill_name, isString);
  if (i.skill_description !== undefined) o.skill_description = omitted(i.skill_description, isString);
  if (i.tools !== undefined) o.tools = i.tools === null ? undefined : readArray(i, 'tools', readTool, false);
  o.status = strOrEmpty(i.status);
  if (i.error !== undefined) o.error = omitted(i.error, isString);
  return checked(o);
}

export function readContext(i: unknown): Out | typeof GIVE_UP {
  if (!isObject(i)) return GIVE_UP;
  const o: Out = {};
  o.dirty = boolOrFalse(i.dirty);
  if (i.dirty_since !== undefined) o.dirty_since = omitted(i.dirty_since, isWellFormedTimestamp);
  if (i.error !== undefined) o.error = omitted(i.error, isString);
  if (i.resources !== undefined) {
    o.resources = i.resources === null ? undefined : readArray(i, 'resources', readResource, false);
  }
  return checked(o);
}
