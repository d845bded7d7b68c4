import {
  ChatActionRequiredError,
  ChatTurnFailedError,
  ChatTurnTimeoutError,
  CoderConnectionError,
} from '@coder-tasks/sdk';
import { describe, expect, it } from 'vitest';
import { chat, message, scriptedChatClient, statusEvent } from '../../../test/scripted-chat-client';
import { steppingClock } from '../../../test/stepping-clock';
import type { WaitFor } from '../../parse-inputs';
import type { StartedChat } from './start-chat';
import { waitForChat } from './wait-chat';

const created: StartedChat = { chat: chat(), created: true, sent: undefined };

function setup(waitFor: WaitFor, started = created) {
  const coder = scriptedChatClient();
  const time = steppingClock();
  const seen: string[] = [];
  time.advance(0);
  const deadline = time.clock.now() + 90_000;
  const wait = () =>
    waitForChat(coder.client, started, {
      waitFor,
      clock: time.clock,
      deadline,
      pollIntervalMs: 2_000,
      onChange: (c) => seen.push(c.queued_for_capacity ? `${c.status} (queued)` : c.status),
    });
  return { coder, time, seen, wait };
}

describe('waitForChat', () => {
  it('with wait-for none, reports the chat as submitted without waiting', async () => {
    const { coder, wait } = setup('none');
    expect(await wait()).toEqual({ kind: 'submitted', chat: created.chat, messages: undefined });
    expect(coder.calls).toEqual([]);
  });

  it('with wait-for active, waits until the agent runs; with complete, for the turn, after our send', async () => {
    const active = setup('active');
    active.coder.on('wait', { chat: chat(), status: 'running', messages: [] });
    expect((await active.wait()).kind).toBe('active');
    expect(active.coder.waits[0]).toMatchObject({ until: 'running', after: undefined, pollInterval: 2_000 });

    const sent = { queued: true, messages: [], warnings: [] } as unknown as StartedChat['sent'];
    const followUp = setup('complete', { chat: chat({ status: 'running' }), created: false, sent });
    const turn = {
      chat: chat({ status: 'waiting' }),
      status: 'waiting',
      messages: [message(7, 'user', 'go')],
    };
    followUp.coder.on('wait', turn);
    expect(await followUp.wait()).toEqual({ kind: 'complete', chat: turn.chat, messages: turn.messages });
    expect(followUp.coder.waits[0]).toMatchObject({ until: 'turn', after: sent });
  });

  it('gives the SDK wait what is left of the deadline on the action’s clock', async () => {
    const { coder, time, wait } = setup('complete');
    time.advance(30_000);
    coder.on('wait', { chat: chat({ status: 'waiting' }), status: 'waiting', messages: [] });
    await wait();
    expect(coder.waits[0]?.timeout).toBe(60_000);
  });

  it('reads the chat after each status change, so a chat waiting for a free agent shows as such', async () => {
    const { coder, seen, wait } = setup('complete');
    coder.streams(statusEvent('running'), statusEvent('waiting'));
    coder.on('get', chat({ status: 'running', queued_for_capacity: true }), chat({ status: 'waiting' }));
    coder.on('wait', { chat: chat({ status: 'waiting' }), status: 'waiting', messages: [] });
    await wait();
    expect(seen).toEqual(['running', 'running (queued)', 'waiting']);
  });

  it('turns an error turn, requires_action and a timeout into outcomes with reasons', async () => {
    const failed = setup('complete');
    const errored = chat({ status: 'error' });
    failed.coder.on(
      'wait',
      new ChatTurnFailedError(
        errored,
        { message: 'Rate limited by the provider.', kind: 'rate_limit', retryable: true },
        [],
      ),
    );
    expect(await failed.wait()).toMatchObject({
      kind: 'failed',
      reason:
        "The agent's turn ended in error (rate_limit): Rate limited by the provider. It may work if you ask again.",
    });

    const action = setup('complete');
    action.coder.on('wait', new ChatActionRequiredError(chat({ status: 'requires_action' }), []));
    expect(await action.wait()).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('requires_action'),
    });

    const late = setup('complete');
    late.coder.on(
      'wait',
      new ChatTurnTimeoutError({
        method: 'GET',
        url: 'u',
        timeoutMs: 1,
        chatId: chat().id,
        lastStatus: 'running',
      }),
    );
    late.coder.on('get', chat({ status: 'running', queued_for_capacity: true }));
    expect(await late.wait()).toMatchObject({ kind: 'timed-out', chat: { queued_for_capacity: true } });
  });

  it('throws what the wait cannot turn into an outcome', async () => {
    const { coder, wait } = setup('complete');
    coder.on('wait', new CoderConnectionError({ method: 'GET', url: 'u', code: 'ECONNREFUSED' }));
    await expect(wait()).rejects.toBeInstanceOf(CoderConnectionError);
  });
});
