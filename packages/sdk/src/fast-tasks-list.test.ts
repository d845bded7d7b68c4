import {
  TaskSchema,
  TaskStateEntrySchema,
  TasksListResponseSchema,
  WorkspaceAgentHealthSchema,
} from '@coder-tasks/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agrees, nearMiss, objectOf } from '../test/wire-arbitraries';
import {
  fastTasksList,
  HEALTH_FIELDS,
  STATE_FIELDS,
  TASK_HEAD,
  TASK_MIDDLE,
  TASK_TAIL,
} from './fast-tasks-list';

// The fast reader must be the schema, only faster: for any input it returns either nothing (the schema
// then decides) or exactly what the schema returns.

const weights = { absent: 1, good: 60, miss: 1 };
const nullableObject = (fields: typeof HEALTH_FIELDS) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: objectOf(fields, { absent: 1, good: 8, miss: 1 }) },
    { weight: 1, arbitrary: nearMiss },
  );
const task = objectOf([...TASK_HEAD, ...TASK_MIDDLE, ...TASK_TAIL], weights, {
  workspace_agent_health: nullableObject(HEALTH_FIELDS),
  current_state: nullableObject(STATE_FIELDS),
});
const list = fc.record({
  tasks: fc.oneof(
    { weight: 9, arbitrary: fc.array(task, { maxLength: 3 }) },
    { weight: 1, arbitrary: nearMiss },
  ),
  count: fc.oneof({ weight: 9, arbitrary: fc.nat() }, { weight: 1, arbitrary: nearMiss }),
});

const ID = '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77';
const WIRE_TASK = {
  id: ID,
  organization_id: ID,
  owner_id: ID,
  owner_name: 'admin',
  name: 'b-4',
  display_name: 'Task 4',
  template_id: ID,
  template_version_id: ID,
  template_name: 'tasks',
  template_display_name: 'Tasks',
  template_icon: '/icon/claude.svg',
  workspace_id: ID,
  workspace_name: 'b-4',
  workspace_status: 'running',
  workspace_build_number: 1,
  workspace_agent_id: ID,
  workspace_agent_lifecycle: 'ready',
  workspace_agent_health: { healthy: true },
  workspace_app_id: null,
  initial_prompt: 'task 4',
  status: 'active',
  current_state: { timestamp: '2026-11-29T11:06:23.939004Z', state: 'working', message: 'm', uri: '' },
  created_at: '2026-11-29T11:06:23.939004Z',
  updated_at: '2026-11-29T11:06:23.939004+01:00',
};

describe('fastTasksList', () => {
  it('lists the schema’s fields in the schema’s order', () => {
    expect([
      ...TASK_HEAD.map(([key]) => key),
      'workspace_agent_health',
      ...TASK_MIDDLE.map(([key]) => key),
      'current_state',
      ...TASK_TAIL.map(([key]) => key),
    ]).toEqual(Object.keys(TaskSchema.shape));
    expect(HEALTH_FIELDS.map(([key]) => key)).toEqual(Object.keys(WorkspaceAgentHealthSchema.shape));
    expect(STATE_FIELDS.map(([key]) => key)).toEqual(Object.keys(TaskStateEntrySchema.shape));
    expect(Object.keys(TasksListResponseSchema.shape)).toEqual(['tasks', 'count']);
  });

  it('returns exactly what the schema returns, or leaves the input to the schema', () => {
    let fast = 0;
    fc.assert(
      fc.property(list, (input) => {
        if (fastTasksList(input) !== undefined) fast++;
        return agrees(fastTasksList, TasksListResponseSchema, input);
      }),
      { numRuns: 3_000 },
    );
    // The generated lists must exercise the fast path, not only the give-ups.
    expect(fast).toBeGreaterThan(300);
  });

  it('takes the fast path for the lists coderd writes', () => {
    const wire = {
      tasks: [WIRE_TASK, { ...WIRE_TASK, current_state: null, workspace_agent_health: null }],
      count: 2,
    };
    expect(fastTasksList(wire)).toBeDefined();
    expect(agrees(fastTasksList, TasksListResponseSchema, wire)).toBe(true);
  });

  it('leaves an old server’s `failure` state, and every input the schema rejects, to the schema', () => {
    const failure = { ...WIRE_TASK, current_state: { ...WIRE_TASK.current_state, state: 'failure' } };
    expect(fastTasksList({ tasks: [failure], count: 1 })).toBeUndefined();
    const { workspace_id: _, ...noWorkspace } = WIRE_TASK;
    const bad = [
      { tasks: [noWorkspace], count: 1 },
      { tasks: [{ ...WIRE_TASK, owner_avatar_url: null }], count: 1 },
      { tasks: [{ ...WIRE_TASK, workspace_build_number: 1.5 }], count: 1 },
      { tasks: [{ ...WIRE_TASK, created_at: 'yesterday' }], count: 1 },
      { tasks: null, count: 0 },
    ];
    for (const input of bad) {
      expect(TasksListResponseSchema.safeParse(input).success).toBe(false);
      expect(fastTasksList(input)).toBeUndefined();
    }
  });
});
