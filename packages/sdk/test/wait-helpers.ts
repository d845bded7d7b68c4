import type { Task } from '@coder-tasks/types';
import { expect, vi } from 'vitest';
import { type Harness, templateVersionId } from './harness';

/** Only an event can wake a wait with this interval: a test that passes with it proves the stream worked. */
export const NO_POLLING = 600_000;

/** The path of any workspace watch stream. */
export const WATCH = /^\/api\/v2\/workspaces\/[^/]+\/watch$/;

/** Fake options for an agent that does not answer its prompt, so only the test changes its state. */
export const quietAgent = { defaultAgentScript: { answerInitialPrompt: false } };

/** A task whose agent is up and has reported nothing (it does not answer its prompt). */
export async function activeTask(h: Harness, name = 'wait'): Promise<Task> {
  const created = await h.client.createTask('me', {
    template_version_id: templateVersionId(h),
    input: 'x',
    name,
  });
  await h.fake.control.waitForTask(created.id, 'active');
  return h.client.getTask(created.id);
}

/** Resolves once the fake has seen `n` watch requests (the wait subscribed). */
export async function watchCount(h: Harness, n: number): Promise<void> {
  await vi.waitFor(() => expect(h.requestsTo(WATCH).length).toBeGreaterThanOrEqual(n), { timeout: 10_000 });
}

/**
 * Resolves once `n` watch streams were opened on `path` (default: any workspace): the fake records the
 * 200 in the same step as it starts the stream, so from then on the stream can be cut or written to.
 */
export async function streamsOpened(h: Harness, n: number, path: string | RegExp = WATCH): Promise<void> {
  await vi.waitFor(
    () => expect(h.requestsTo(path).filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(n),
    { timeout: 10_000 },
  );
}
