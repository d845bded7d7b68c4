import { describe, expect, it } from 'vitest';
import {
  isKnownTaskState,
  isKnownTaskStatus,
  parseWire,
  TaskLogsResponseSchema,
  TaskSchema,
  TasksListResponseSchema,
  WireFormatError,
} from '../src/index';
import { fullTask, GOLDEN_TASK_JSON } from './fixtures';

const parseTask = (data: unknown) => parseWire(TaskSchema, data, 'Task');

function parseError(data: unknown): WireFormatError {
  try {
    parseTask(data);
  } catch (error) {
    expect(error).toBeInstanceOf(WireFormatError);
    return error as WireFormatError;
  }
  throw new Error('expected the task not to parse');
}

describe('TaskSchema on real wire examples', () => {
  it('parses the golden task JSON and round-trips it to the same values', () => {
    const wire = JSON.parse(GOLDEN_TASK_JSON);
    const task = parseTask(wire);
    expect(task.status).toBe('active');
    expect(task.workspace_id).toBeNull();
    expect(task.workspace_agent_health).toEqual({ healthy: true });
    expect(task.current_state?.state).toBe('working');
    expect(JSON.stringify(task)).toBe(GOLDEN_TASK_JSON);
  });

  it('parses a task with every optional field present and keeps each value exactly', () => {
    const wire = fullTask();
    expect(parseTask(wire)).toEqual(wire);
  });

  it('accepts a UUID string or null for each nullable id', () => {
    for (const field of ['workspace_id', 'workspace_agent_id', 'workspace_app_id'] as const) {
      expect(parseTask({ ...fullTask(), [field]: null })[field]).toBeNull();
      expect(parseTask(fullTask())[field]).toBe(fullTask()[field]);
      expect(
        parseError({ ...fullTask(), [field]: { uuid: fullTask()[field], valid: true } }).message,
      ).toContain(`$.${field}: expected a UUID string, got object`);
    }
  });

  it('reads omitted optional fields as absent, not as empty values', () => {
    const wire = fullTask();
    delete wire.owner_avatar_url;
    delete wire.workspace_status;
    delete wire.workspace_build_number;
    const task = parseTask(wire);
    expect('owner_avatar_url' in task).toBe(false);
    expect('workspace_status' in task).toBe(false);
    expect('workspace_build_number' in task).toBe(false);
  });

  it('reads null current_state, lifecycle and health as null', () => {
    const task = parseTask({
      ...fullTask(),
      current_state: null,
      workspace_agent_lifecycle: null,
      workspace_agent_health: null,
    });
    expect(task.current_state).toBeNull();
    expect(task.workspace_agent_lifecycle).toBeNull();
    expect(task.workspace_agent_health).toBeNull();
  });

  it('keeps an unhealthy agent reason', () => {
    const task = parseTask({
      ...fullTask(),
      workspace_agent_health: { healthy: false, reason: 'agent timed out' },
    });
    expect(task.workspace_agent_health).toEqual({ healthy: false, reason: 'agent timed out' });
  });

  it('keeps nanosecond and offset timestamps exactly as sent', () => {
    const task = parseTask(fullTask());
    expect(task.current_state?.timestamp).toBe('2026-03-01T10:00:00.123456789+02:00');
    expect(task.updated_at).toBe('2026-03-01T08:00:01.000000001Z');
  });

  it('reads the state "failure" of servers before March 2026 as "failed"', () => {
    const wire = fullTask();
    wire.current_state = {
      timestamp: '2025-12-01T00:00:00Z',
      state: 'failure',
      message: 'tests fail',
      uri: '',
    };
    expect(parseTask(wire).current_state?.state).toBe('failed');
  });

  it('keeps an unknown status or state from a newer server as its raw value, marked unknown', () => {
    const wire: Record<string, unknown> = { ...fullTask(), status: 'hibernating' };
    (wire.current_state as Record<string, unknown>).state = 'thinking';
    const task = parseTask(wire);
    expect(task.status).toBe('hibernating');
    expect(isKnownTaskStatus(task.status)).toBe(false);
    expect(task.current_state?.state).toBe('thinking');
    expect(isKnownTaskState(task.current_state?.state ?? '')).toBe(false);
    expect(isKnownTaskStatus(parseTask(fullTask()).status)).toBe(true);
    expect(JSON.parse(JSON.stringify(task)).status).toBe('hibernating');
  });

  it('ignores fields it does not know', () => {
    const task = parseTask({ ...fullTask(), workspace_fancy_new_field: { a: 1 }, x: 'y' });
    expect(task).toEqual(fullTask());
    expect('x' in task).toBe(false);
  });

  it('names the type, the JSON path and the expected type of a missing required field', () => {
    const wire = fullTask();
    delete wire.owner_name;
    const error = parseError(wire);
    expect(error.typeName).toBe('Task');
    expect(error.message).toBe('Invalid Task: $.owner_name: required field is missing (expected string)');
    expect(error.issues).toEqual([
      { path: '$.owner_name', problem: 'required field is missing (expected string)' },
    ]);
  });

  it('names the path and both types of a wrong type, deep in an object', () => {
    const wire = fullTask();
    (wire.current_state as Record<string, unknown>).message = 42;
    wire.workspace_build_number = '3';
    const error = parseError(wire);
    expect(error.issues).toContainEqual({
      path: '$.current_state.message',
      problem: 'expected string, got number',
    });
    expect(error.issues).toContainEqual({
      path: '$.workspace_build_number',
      problem: 'expected number, got string',
    });
    expect(error.message).toMatch(/^Invalid Task: \$\.\S+: expected \w+, got \w+ \(and 1 more\)$/);
  });

  it('rejects a malformed timestamp naming the path', () => {
    const error = parseError({ ...fullTask(), created_at: '2026-13-01T00:00:00Z' });
    expect(error.message).toContain('$.created_at: expected an RFC 3339 timestamp');
  });

  it('never echoes the offending value, so a token in the wrong field cannot leak', () => {
    const token = 'Xk2Jd8aQ1p-vS9dK3mW7zR2tY6uB4nC8eF0';
    const samples = [
      { ...fullTask(), id: token },
      { ...fullTask(), created_at: token },
      { ...fullTask(), workspace_agent_health: token },
      { ...fullTask(), current_state: { ...(fullTask().current_state as object), state: 7, uri: [token] } },
    ];
    for (const sample of samples) {
      const error = parseError(sample);
      expect(error.message).not.toContain(token);
      expect(JSON.stringify(error.issues)).not.toContain(token);
    }
  });

  it('gives array indices in the path of a list response', () => {
    const bad = fullTask();
    bad.status = 5;
    let caught: unknown;
    try {
      parseWire(TasksListResponseSchema, { tasks: [fullTask(), bad], count: 2 }, 'TasksListResponse');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WireFormatError);
    expect((caught as Error).message).toBe(
      'Invalid TasksListResponse: $.tasks[1].status: expected string, got number',
    );
  });
});

describe('TaskLogsResponseSchema', () => {
  it('reads live logs with snapshot omitted', () => {
    const wire = {
      logs: [
        { id: 0, content: 'Hello', type: 'output', time: '2026-03-01T08:00:00.000000001Z' },
        { id: 1, content: 'fix it', type: 'input', time: '2026-03-01T08:00:01Z' },
      ],
    };
    const logs = parseWire(TaskLogsResponseSchema, wire, 'TaskLogsResponse');
    expect(logs).toEqual(wire);
    expect('snapshot' in logs).toBe(false);
  });

  it('reads a snapshot with and without snapshot_at', () => {
    expect(
      parseWire(
        TaskLogsResponseSchema,
        { logs: [], snapshot: true, snapshot_at: '2026-03-01T08:00:00+01:00' },
        'T',
      ),
    ).toEqual({ logs: [], snapshot: true, snapshot_at: '2026-03-01T08:00:00+01:00' });
    expect(parseWire(TaskLogsResponseSchema, { logs: [], snapshot: true }, 'T')).toEqual({
      logs: [],
      snapshot: true,
    });
  });

  it('requires logs to be an array', () => {
    expect(() => parseWire(TaskLogsResponseSchema, { logs: null }, 'TaskLogsResponse')).toThrow(
      'Invalid TaskLogsResponse: $.logs: expected array, got null',
    );
  });
});
