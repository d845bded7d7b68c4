import type { ChatWatchEvent } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createChat, openChatWatch } from './chats-helpers';

const kinds = (events: ChatWatchEvent[], chatId: string) =>
  events
    .filter((e) => e.chat.id === chatId)
    .map((e) => (e.kind === 'status_change' ? `status_change:${e.chat.status}` : e.kind));

describe('the per-user chats watch', () => {
  let fake: FakeCoder;
  beforeAll(async () => {
    fake = await startFakeCoder({ version: 'v2.38.0' });
  });
  afterAll(() => fake.close());

  it('sends the caller’s chat lifecycle events, one event object per frame, and nothing of others’ chats', async () => {
    const watch = await openChatWatch(fake);
    const mine = await createChat(fake, 'watch me');
    await createChat(fake, 'not yours', { token: fake.tokens.member });
    const events = await watch.waitFor((e) => kinds(e, mine.id).includes('status_change:waiting'), 'waiting');
    expect(kinds(events, mine.id)).toEqual(['created', 'status_change:waiting']);
    const renamed = await call(fake, 'PATCH', `/api/v2/chats/${mine.id}`, { body: { title: 'Renamed' } });
    expect(renamed.status).toBe(204);
    const titled = await watch.waitFor((e) => kinds(e, mine.id).includes('title_change'), 'the title change');
    expect(titled.find((e) => e.kind === 'title_change')?.chat.title).toBe('Renamed');
    expect(events.every((e) => e.chat.owner_id === fake.control.seed?.adminId)).toBe(true);
    for (const frame of watch.frames) {
      expect(frame.startsWith('{')).toBe(true);
      expect(frame.endsWith('}\n')).toBe(true);
    }
    await watch.close();
  });

  it('reports a diff status, an error and a required action', async () => {
    const watch = await openChatWatch(fake);
    fake.control.chats.scriptChat('*', {
      turns: [
        {
          match: 'pr',
          steps: [
            { diffStatus: { url: 'https://github.com/o/r/pull/7', prNumber: 7, pullRequestState: 'open' } },
          ],
          end: { requiresAction: [{ toolName: 'confirm', args: { ok: true }, toolCallId: 'call_x' }] },
        },
      ],
      otherwise: { steps: [], end: { error: { message: 'No.' } } },
    });
    const pr = await createChat(fake, 'open a pr');
    const failing = await createChat(fake, 'anything');
    await watch.waitFor(
      (e) => kinds(e, pr.id).includes('action_required') && kinds(e, failing.id).length === 2,
      'events',
    );
    expect(kinds(watch.events, pr.id)).toEqual([
      'created',
      'diff_status_change',
      'status_change:requires_action',
      'action_required',
    ]);
    expect(kinds(watch.events, failing.id)).toEqual(['created', 'status_change:error']);
    const diff = watch.events.find((e) => e.kind === 'diff_status_change');
    expect(diff?.chat.diff_status).toMatchObject({
      url: 'https://github.com/o/r/pull/7',
      pr_number: 7,
      pull_request_state: 'open',
    });
    const action = watch.events.find((e) => e.kind === 'action_required');
    expect(action?.tool_calls).toEqual([
      { tool_call_id: 'call_x', tool_name: 'confirm', args: '{"ok":true}' },
    ]);
    fake.control.chats.scriptChat('*', [{ say: 'ok' }]);
    await watch.close();
  });
});
