import { goQuote } from './tasks-filter';
import { parseUuid } from './uuid';

/** What a task identifier names: a task id, or an owner and a task name. */
export type TaskIdentifier = { kind: 'id'; id: string } | { kind: 'name'; owner: string; name: string };

/** A task identifier that is not a UUID, `name` or `owner/name`. */
export class InvalidTaskIdentifierError extends Error {
  override readonly name = 'InvalidTaskIdentifierError';
  /** The identifier as given. */
  readonly identifier: string;

  constructor(identifier: string, reason: string) {
    super(`invalid task identifier: ${goQuote(identifier)}: ${reason}`);
    this.identifier = identifier;
  }
}

/**
 * Parses a task identifier as Go's `Client.TaskByIdentifier` does: trims it; a UUID (any form Go's
 * `uuid.Parse` accepts) is a task id; otherwise `name` means owner `me` and `owner/name` is used as given.
 * More than one `/` is an error naming the identifier. Unlike Go, an empty identifier or an empty owner
 * or name part is rejected here with a clear error instead of reaching the server as a bad path.
 */
export function parseTaskIdentifier(identifier: string): TaskIdentifier {
  const trimmed = identifier.trim();
  const id = parseUuid(trimmed);
  if (id) return { kind: 'id', id };
  const parts = trimmed.split('/');
  if (parts.length > 2) {
    throw new InvalidTaskIdentifierError(identifier, 'expected a task id, "name" or "owner/name"');
  }
  const [first = '', second] = parts;
  const owner = second === undefined ? 'me' : first;
  const name = second === undefined ? first : second;
  if (owner === '' || name === '') {
    throw new InvalidTaskIdentifierError(identifier, 'the owner and the task name must not be empty');
  }
  return { kind: 'name', owner, name };
}
