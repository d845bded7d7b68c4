import type { ValidationError } from './resources';
import { goQuote } from './tasks-filter';

/** Most labels one chat may carry. */
export const MAX_CHAT_LABELS = 50;
/** Longest label key, in UTF-8 bytes. */
export const MAX_CHAT_LABEL_KEY_BYTES = 64;
/** Longest label value, in UTF-8 bytes. */
export const MAX_CHAT_LABEL_VALUE_BYTES = 256;
/** What a label key must match (coderd's `labelKeyRegex`, printed as-is in its messages). */
export const CHAT_LABEL_KEY_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._/-]*$/;

const utf8 = new TextEncoder();
const byteLength = (value: string) => utf8.encode(value).length;

/** One problem with a chat's labels, as coderd reports it in a 400 `Invalid labels.` response. */
export interface ChatLabelValidationError extends ValidationError {
  field: 'labels';
}

/**
 * Checks labels as coderd does on create and update (`httpapi.ValidateChatLabels`) and returns its exact
 * details, one per broken rule, or `[]` when the labels are valid: at most 50 labels; keys non-empty, at
 * most 64 bytes and matching `^[a-zA-Z0-9][a-zA-Z0-9._/-]*$`; values non-empty and at most 256 bytes.
 * Keys and values are quoted as Go's `%q` quotes them. Entries are checked in the map's order (Go's map
 * order is random, so a server may list the same details in another order).
 */
export function validateChatLabels(labels: Readonly<Record<string, string>>): ChatLabelValidationError[] {
  const errors: ChatLabelValidationError[] = [];
  const add = (detail: string) => errors.push({ field: 'labels', detail });
  const entries = Object.entries(labels);
  if (entries.length > MAX_CHAT_LABELS) {
    add(`too many labels (${entries.length}); maximum is ${MAX_CHAT_LABELS}`);
  }
  for (const [key, value] of entries) {
    if (key === '') {
      // coderd skips the value checks of an empty key.
      add('label key must not be empty');
      continue;
    }
    const quoted = goQuote(key);
    if (byteLength(key) > MAX_CHAT_LABEL_KEY_BYTES) {
      add(`label key ${quoted} exceeds maximum length of ${MAX_CHAT_LABEL_KEY_BYTES} bytes`);
    }
    if (!CHAT_LABEL_KEY_PATTERN.test(key)) {
      add(`label key ${quoted} contains invalid characters; must match ${CHAT_LABEL_KEY_PATTERN.source}`);
    }
    if (value === '') add(`label value for key ${quoted} must not be empty`);
    if (byteLength(value) > MAX_CHAT_LABEL_VALUE_BYTES) {
      add(`label value for key ${quoted} exceeds maximum length of ${MAX_CHAT_LABEL_VALUE_BYTES} bytes`);
    }
  }
  return errors;
}

/**
 * The `label` query parameters of a chats list filtered by `labels`: one `key:value` per entry, as Go's
 * `ListChats` writes them. The server ANDs them. Append each as its own `label=` parameter.
 */
export function chatLabelFilters(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}:${value}`);
}

/**
 * Splits one `label` query parameter as coderd does: at the first `:`, so a value may contain `:`.
 * Returns undefined when the key or the value is empty; the server then answers 400
 * {@link invalidChatLabelFilterMessage}.
 */
export function parseChatLabelFilter(raw: string): { key: string; value: string } | undefined {
  const colon = raw.indexOf(':');
  if (colon < 0) return undefined;
  const key = raw.slice(0, colon);
  const value = raw.slice(colon + 1);
  return key === '' || value === '' ? undefined : { key, value };
}

/** coderd's 400 message for a `label` parameter that is not `key:value` with both sides non-empty. */
export function invalidChatLabelFilterMessage(raw: string): string {
  return `Invalid label filter: ${goQuote(raw)} (expected format key:value, both must be non-empty)`;
}
