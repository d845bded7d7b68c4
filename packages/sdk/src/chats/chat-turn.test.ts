import { describe, expect, it } from 'vitest';
import {
  type ChatTurnUntil,
  observeTurn,
  startTurn,
  type TurnAnchor,
  type TurnObservation,
  type TurnVerdict,
  turnVerdict,
} from './chat-turn';

const msg = (id: number, role = 'assistant'): TurnObservation => ({ kind: 'message', id, role });
const status = (s: string): TurnObservation => ({ kind: 'status', status: s });
const queue = (...ids: number[]): TurnObservation => ({ kind: 'queue', ids });
const error: TurnObservation = {
  kind: 'error',
  error: { message: 'Rate limited.', kind: 'rate_limit', retryable: true },
};

const sent: TurnAnchor = { kind: 'message', id: 10 };
const queued: TurnAnchor = { kind: 'queued', queuedId: 3 };
const created: TurnAnchor = { kind: 'latest' };
const pending: TurnVerdict = { done: false };
const ended = (s: 'waiting' | 'error' | 'requires_action' | 'running'): TurnVerdict => ({
  done: true,
  status: s,
});

function verdict(anchor: TurnAnchor, seen: TurnObservation[], until: ChatTurnUntil = 'turn'): TurnVerdict {
  return turnVerdict(seen.reduce(observeTurn, startTurn(anchor)), until);
}

describe('turnVerdict: when the turn started by a create or a send is over', () => {
  it.each<[string, TurnAnchor, TurnObservation[], TurnVerdict]>([
    ['nothing seen yet', sent, [], pending],
    [
      'running, then waiting (newest server)',
      sent,
      [status('running'), msg(11), status('waiting')],
      ended('waiting'),
    ],
    [
      'a snapshot that already shows the end (a reply after ours, waiting)',
      sent,
      [msg(11), status('waiting')],
      ended('waiting'),
    ],
    ['a stale waiting before the processor picked the send up', sent, [status('waiting')], pending],
    [
      'stale pending then waiting with no reply and no running',
      sent,
      [status('pending'), status('waiting')],
      pending,
    ],
    [
      'exp-era: stale waiting, then running, then waiting',
      sent,
      [status('waiting'), status('running'), status('waiting')],
      ended('waiting'),
    ],
    ['only our own message (id = ours) and waiting', sent, [msg(10, 'user'), status('waiting')], pending],
    ['error with the error event', sent, [status('running'), status('error'), error], ended('error')],
    [
      'requires_action after running',
      sent,
      [status('running'), status('requires_action')],
      ended('requires_action'),
    ],
    [
      'error at once, with no message and no running seen (a turn that failed before the stream came)',
      sent,
      [status('error'), error],
      ended('error'),
    ],
    [
      'requires_action at once',
      created,
      [msg(1, 'user'), status('requires_action')],
      ended('requires_action'),
    ],
    ['interrupting is not the end', sent, [status('running'), status('interrupting')], pending],
    ['an unknown status is not the end', sent, [status('running'), status('paused_by_admin')], pending],
    ['waiting with someone else queued', sent, [status('running'), queue(7), status('waiting')], pending],
    [
      'the queue drained afterwards',
      sent,
      [status('running'), queue(7), status('waiting'), queue()],
      ended('waiting'),
    ],
    // A create: the anchor is the newest user message.
    [
      'create: running then waiting',
      created,
      [msg(1, 'user'), status('running'), msg(2), status('waiting')],
      ended('waiting'),
    ],
    ['create: stale pending snapshot', created, [msg(1, 'user'), status('pending')], pending],
    [
      'create: stale waiting with only the prompt in history',
      created,
      [msg(1, 'user'), status('waiting')],
      pending,
    ],
    [
      'create: snapshot after the end',
      created,
      [msg(1, 'user'), msg(2), status('waiting')],
      ended('waiting'),
    ],
    [
      'create: a later user message not yet answered',
      created,
      [msg(1, 'user'), msg(2), msg(3, 'user'), status('waiting')],
      pending,
    ],
    // A queued send: the status coalesces running → running when ours is promoted.
    [
      'queued: still in the queue while the earlier turn runs',
      queued,
      [status('running'), queue(3), msg(20)],
      pending,
    ],
    [
      'queued: earlier turn ended with ours still queued',
      queued,
      [status('running'), queue(3), status('waiting')],
      pending,
    ],
    [
      'queued: promoted without a status event, then the turn ends',
      queued,
      [status('running'), queue(3), msg(20), queue(), msg(21, 'user'), msg(22), status('waiting')],
      ended('waiting'),
    ],
    [
      'queued: running seen only before promotion does not count',
      queued,
      [status('running'), queue(3)],
      pending,
    ],
    [
      'queued: a snapshot after the whole thing',
      queued,
      [msg(21, 'user'), msg(22), queue(), status('waiting')],
      ended('waiting'),
    ],
  ])('%s', (_name, anchor, seen, expected) => {
    expect(verdict(anchor, seen)).toEqual(expected);
  });
});

describe("turnVerdict with until 'running'", () => {
  it.each<[string, TurnAnchor, TurnObservation[], TurnVerdict]>([
    ['running after the send', sent, [status('running')], ended('running')],
    ['still pending', sent, [status('pending')], pending],
    ['queued and the earlier turn still running', queued, [status('running'), queue(3)], pending],
    ['queued and promoted while running', queued, [status('running'), queue(3), queue()], ended('running')],
    ['the turn already over', sent, [msg(11), status('waiting')], ended('waiting')],
  ])('%s', (_name, anchor, seen, expected) => {
    expect(verdict(anchor, seen, 'running')).toEqual(expected);
  });
});

describe('observeTurn', () => {
  it('keeps the latest error for a turn that fails', () => {
    const state = [status('running'), error, status('error')].reduce(observeTurn, startTurn(sent));
    expect(state.lastError).toMatchObject({ kind: 'rate_limit', retryable: true });
  });

  it('forgets message ids on a history reset but keeps having seen running', () => {
    const state = [status('running'), msg(11), { kind: 'history_reset' } as const].reduce(
      observeTurn,
      startTurn(sent),
    );
    expect(state).toMatchObject({ maxId: 0, sawRunning: true });
  });

  it('does not change the state it is given', () => {
    const before = startTurn(sent);
    observeTurn(before, status('running'));
    expect(before.status).toBeUndefined();
  });
});
