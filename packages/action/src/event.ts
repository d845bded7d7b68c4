import { type Actor, actorOf, type Json, num, obj, str } from './event-gate';
import { isAllowedBot } from './input-fields';
import { COMMENT_MARKER } from './marker';
import { sanitizeUntrusted } from './sanitize';
import { findTrigger } from './trigger';

/** The issue or pull request a run is about, as far as the payload tells. */
export interface ThreadRef {
  number: number;
  /** Known from the payload, or undefined when only an API call can tell (`workflow_dispatch`). */
  isPullRequest: boolean | undefined;
  title?: string;
  body?: string;
  url?: string;
  headRef?: string;
  baseRef?: string;
}

/** The comment that triggered the run; reactions go to different routes for the two kinds. */
export interface TriggerComment {
  id: number;
  kind: 'issue' | 'review';
  url: string;
}

/** Someone asked for work, and the action should check whether they may. */
export interface Trigger {
  eventName: string;
  actor: Actor;
  /** The request text (after the trigger phrase, or the `prompt` input), not yet sanitized. */
  request: string;
  /** The `prompt` input when it is given alongside a comment trigger: the workflow's own instructions. */
  instructions: string | undefined;
  thread: ThreadRef | undefined;
  comment: TriggerComment | undefined;
}

/** What to do with an event: go on with a trigger, or end green with a notice. */
export type EventDecision = { skip: false; trigger: Trigger } | { skip: true; reason: string };

/** The inputs that decide whether an event is for us. */
export interface EventOptions {
  triggerPhrase: string;
  prompt: string | undefined;
  issueNumber: number | undefined;
  allowedBots: readonly string[];
}

/**
 * Decides from the event name and payload alone (no I/O) whether this run is a request for work.
 * Throws only for a misconfiguration the workflow author must fix (a dispatch without a prompt).
 */
export function parseEvent(eventName: string, payload: unknown, options: EventOptions): EventDecision {
  const event = obj(payload);
  const action = str(event.action);
  switch (eventName) {
    case 'issue_comment':
    case 'pull_request_review_comment': {
      if (action !== 'created')
        return skip(`${eventName} "${action}" events are not requests; only new comments are.`);
      const comment = obj(event.comment);
      const body = str(comment.body);
      if (body.includes(COMMENT_MARKER)) return skip('the comment was written by this action.');
      const actor = actorOf(obj(comment.user));
      if (actor.isBot && !isAllowedBot(actor.login, options.allowedBots)) {
        return skip(`the comment is by the bot ${actor.login}, which is not in allowed-bots.`);
      }
      const match = findTrigger(sanitizeUntrusted(body), options.triggerPhrase);
      if (!match) return skip(`the comment does not contain the trigger phrase "${options.triggerPhrase}".`);
      const isReview = eventName === 'pull_request_review_comment';
      const thread = isReview ? threadFromPull(obj(event.pull_request)) : threadFromIssue(obj(event.issue));
      return go({
        eventName,
        actor,
        request: match.request,
        instructions: options.prompt,
        thread,
        comment: {
          id: num(comment.id) ?? 0,
          kind: isReview ? 'review' : 'issue',
          url: str(comment.html_url),
        },
      });
    }
    case 'issues': {
      if (action !== 'opened' && action !== 'labeled')
        return skip(`issues "${action}" events are not handled.`);
      if (options.prompt === undefined) return skip('issues events need the "prompt" input.');
      const actor = actorOf(obj(event.sender));
      if (actor.isBot && !isAllowedBot(actor.login, options.allowedBots)) {
        return skip(`the event was caused by the bot ${actor.login}, which is not in allowed-bots.`);
      }
      return go({
        eventName,
        actor,
        request: options.prompt,
        instructions: undefined,
        thread: threadFromIssue(obj(event.issue)),
        comment: undefined,
      });
    }
    case 'workflow_dispatch': {
      if (options.prompt === undefined) {
        throw new Error(
          'Input "prompt": required for workflow_dispatch runs: there is no comment to read a request from.',
        );
      }
      return go({
        eventName,
        actor: actorOf(obj(event.sender)),
        request: options.prompt,
        instructions: undefined,
        thread:
          options.issueNumber === undefined
            ? undefined
            : { number: options.issueNumber, isPullRequest: undefined },
        comment: undefined,
      });
    }
    default:
      return skip(`"${eventName}" events are not handled; see the README for the supported ones.`);
  }
}

function skip(reason: string): EventDecision {
  return { skip: true, reason };
}

function go(trigger: Trigger): EventDecision {
  return { skip: false, trigger };
}

function threadFromIssue(issue: Json): ThreadRef {
  return {
    number: num(issue.number) ?? 0,
    // The issue_comment payload marks a pull request's conversation by a `pull_request` key on the issue.
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    title: str(issue.title),
    body: str(issue.body),
    url: str(issue.html_url),
  };
}

function threadFromPull(pull: Json): ThreadRef {
  return {
    number: num(pull.number) ?? 0,
    isPullRequest: true,
    title: str(pull.title),
    body: str(pull.body),
    url: str(pull.html_url),
    headRef: str(obj(pull.head).ref) || undefined,
    baseRef: str(obj(pull.base).ref) || undefined,
  };
}
