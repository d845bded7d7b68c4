import { describe, expect, it } from 'vitest';
import { taskFixture } from '../test/task-fixture';
import { attemptHistory, CREATE_CLOCK_TOLERANCE_MS, isTaskFromThisCreate } from './created-task';

const task = taskFixture({ name: 'n', initial_prompt: 'do it', display_name: 'Do it' });
const body = { template_version_id: task.template_version_id, input: 'do it', name: 'n' };
const created = Date.parse(task.created_at);

describe('isTaskFromThisCreate', () => {
  it('accepts the same request made after the first attempt, within the clock slack', () => {
    expect(isTaskFromThisCreate(task, body, { firstSentServerTime: created - 1 })).toBe(true);
    const edge = created + CREATE_CLOCK_TOLERANCE_MS;
    expect(isTaskFromThisCreate(task, body, { firstSentServerTime: edge })).toBe(true);
    expect(isTaskFromThisCreate(task, body, { firstSentServerTime: edge + 1 })).toBe(false);
  });

  it('refuses another template version, prompt or display name', () => {
    const history = { firstSentServerTime: created };
    const otherVersion = { ...body, template_version_id: '00000000-0000-4000-8000-000000000009' };
    expect(isTaskFromThisCreate(task, otherVersion, history)).toBe(false);
    expect(isTaskFromThisCreate(task, { ...body, input: 'do that' }, history)).toBe(false);
    expect(isTaskFromThisCreate(task, { ...body, display_name: 'Other' }, history)).toBe(false);
    expect(isTaskFromThisCreate(task, { ...body, display_name: ' Do it ' }, history)).toBe(true);
  });
});

describe('attemptHistory', () => {
  it("takes the server's Date minus the time elapsed here", () => {
    const raw = { status: 409, headers: { date: 'Wed, 26 Aug 2026 12:00:10 GMT' }, body: '' };
    const { firstSentServerTime } = attemptHistory(raw, performance.now() - 4_000);
    const expected = Date.UTC(2026, 7, 26, 12, 0, 6);
    // performance.now() moves between the two readings: only by the time this test takes.
    expect(firstSentServerTime).toBeLessThanOrEqual(expected);
    expect(firstSentServerTime).toBeGreaterThan(expected - 1_000);
  });
});
