import { COMMENT_MARKER } from './marker';

// What the action can tell from an event's payload without parsing any Markdown: the fields it reads,
// and who may be asking for work. `parseEvent` (event.ts) makes the decision; this lets the permission
// check go out while it parses.

/** A JSON object of the payload. */
export type Json = Record<string, unknown>;
export const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
export const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Who caused an event, as the trigger names them. */
export interface Actor {
  login: string;
  id: number | undefined;
  isBot: boolean;
}

/** The actor of a payload's user object: a bot by its type, or by a `[bot]` login. */
export function actorOf(user: Json): Actor {
  const login = str(user.login);
  return {
    login,
    id: num(user.id),
    isBot: str(user.type) === 'Bot' || login.toLowerCase().endsWith('[bot]'),
  };
}

/**
 * The login whose repository permission a run will probably check: the author of a new comment (or
 * review comment) that mentions the trigger phrase anywhere, unless a bot wrote it (bots are not asked
 * about) or this action did. Undefined otherwise, including every event that is not a comment. Only a
 * hint for starting the check early: whether the comment is a request is `parseEvent`'s to say (the
 * phrase may sit in code or a quote).
 */
export function likelyRequester(
  eventName: string,
  payload: unknown,
  triggerPhrase: string,
): string | undefined {
  if (eventName !== 'issue_comment' && eventName !== 'pull_request_review_comment') return undefined;
  const event = obj(payload);
  if (str(event.action) !== 'created') return undefined;
  const comment = obj(event.comment);
  const body = str(comment.body);
  if (body.includes(COMMENT_MARKER) || !body.toLowerCase().includes(triggerPhrase.toLowerCase())) {
    return undefined;
  }
  const actor = actorOf(obj(comment.user));
  return actor.isBot || actor.login === '' ? undefined : actor.login;
}
