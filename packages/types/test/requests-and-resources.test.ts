import { describe, expect, it } from 'vitest';
import {
  BuildInfoSchema,
  CreateTaskRequestSchema,
  NIL_UUID,
  PauseTaskResponseSchema,
  PresetSchema,
  parseWire,
  ResponseSchema,
  serializeCreateTaskRequest,
  WorkspaceSchema,
} from '../src/index';

const TV = '4f5a6b7c-8d9e-4f0a-b1c2-d3e4f5a6b7c8';
const PRESET = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('serializeCreateTaskRequest omits what Go omits, and nothing else', () => {
  it.each([
    [{ template_version_id: TV, input: 'fix it' }, `{"template_version_id":"${TV}","input":"fix it"}`],
    [
      {
        template_version_id: TV,
        input: '',
        name: '',
        display_name: '',
        template_version_preset_id: NIL_UUID,
      },
      `{"template_version_id":"${TV}","input":""}`,
    ],
    [
      {
        display_name: 'Fix',
        name: 'fix-it',
        input: 'go',
        template_version_preset_id: PRESET,
        template_version_id: TV,
      },
      `{"template_version_id":"${TV}","template_version_preset_id":"${PRESET}","input":"go","name":"fix-it","display_name":"Fix"}`,
    ],
  ])('%j', (request, json) => {
    expect(JSON.stringify(serializeCreateTaskRequest(request))).toBe(json);
  });

  it('reads a request body as the server decodes it', () => {
    expect(CreateTaskRequestSchema.parse({ template_version_id: TV })).toEqual({
      template_version_id: TV,
      input: '',
    });
    expect(CreateTaskRequestSchema.safeParse({ input: 'x' }).success).toBe(false);
  });
});

describe('shapes around tasks', () => {
  it('reads an error Response with and without detail and validations', () => {
    const conflict = {
      message: 'Workspace "fix-it" already exists.',
      validations: [{ field: 'name', detail: 'This value is already in use and should be unique.' }],
    };
    expect(parseWire(ResponseSchema, conflict, 'Response')).toEqual(conflict);
    expect(parseWire(ResponseSchema, { message: 'Route not found.' }, 'Response')).toEqual({
      message: 'Route not found.',
    });
  });

  it('reads a pause response with its stop build', () => {
    const wire = {
      workspace_build: {
        id: 'b1b2b3b4-c5c6-4d7d-8e9e-f0f1f2f3f4f5',
        workspace_id: 'c1c2c3c4-d5d6-4e7e-8f9f-a0a1a2a3a4a5',
        build_number: 4,
        transition: 'stop',
        status: 'pending',
        reason: 'task_manual_pause',
        job: { id: 'd1d2d3d4-e5e6-4f7f-8a9a-b0b1b2b3b4b5', status: 'pending', error: '' },
        created_at: '2026-03-01T08:00:00.123456Z',
        template_version_id: TV,
        resources: [],
      },
    };
    const parsed = parseWire(PauseTaskResponseSchema, wire, 'PauseTaskResponse');
    expect(parsed.workspace_build?.transition).toBe('stop');
    expect(parsed.workspace_build?.reason).toBe('task_manual_pause');
    expect(parsed.workspace_build && 'resources' in parsed.workspace_build).toBe(false);
    expect(parseWire(PauseTaskResponseSchema, { workspace_build: null }, 'P')).toEqual({
      workspace_build: null,
    });
  });

  it('reads a workspace with its latest app status (app state "failure" kept as the app reports it)', () => {
    const wire = {
      id: 'c1c2c3c4-d5d6-4e7e-8f9f-a0a1a2a3a4a5',
      name: 'fix-it',
      owner_id: 'e1e2e3e4-f5f6-4a7a-8b9b-c0c1c2c3c4c5',
      owner_name: 'alice',
      organization_id: 'f1f2f3f4-a5a6-4b7b-8c9c-d0d1d2d3d4d5',
      template_id: 'a1a2a3a4-b5b6-4c7c-8d9d-e0e1e2e3e4e5',
      template_name: 'tasks',
      latest_build: {
        id: 'b1b2b3b4-c5c6-4d7d-8e9e-f0f1f2f3f4f5',
        workspace_id: 'c1c2c3c4-d5d6-4e7e-8f9f-a0a1a2a3a4a5',
        build_number: 1,
        transition: 'start',
        status: 'failed',
        reason: 'initiator',
        job: {
          id: 'd1d2d3d4-e5e6-4f7f-8a9a-b0b1b2b3b4b5',
          status: 'failed',
          error: 'terraform apply failed',
        },
        created_at: '2026-03-01T08:00:00Z',
      },
      latest_app_status: {
        id: 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4',
        created_at: '2026-03-01T08:00:05Z',
        workspace_id: 'c1c2c3c4-d5d6-4e7e-8f9f-a0a1a2a3a4a5',
        agent_id: 'b0b0b0b0-c1c1-4d2d-8e3e-f4f4f4f4f4f4',
        app_id: 'c0c0c0c0-d1d1-4e2e-8f3f-a4a4a4a4a4a4',
        state: 'failure',
        message: 'could not build',
        uri: '',
      },
      task_id: null,
      updated_at: '2026-03-01T08:00:05Z',
    };
    const ws = parseWire(WorkspaceSchema, wire, 'Workspace');
    expect(ws.latest_build?.job?.error).toBe('terraform apply failed');
    expect(ws.latest_app_status?.state).toBe('failure');
  });

  it('reads presets with Go capitalised keys, a null parameter list as empty', () => {
    const preset = parseWire(
      PresetSchema,
      { ID: PRESET, Name: 'large', Parameters: null, Default: true, DesiredPrebuildInstances: null },
      'Preset',
    );
    expect(preset).toEqual({ ID: PRESET, Name: 'large', Parameters: [], Default: true });
  });

  it('reads buildinfo', () => {
    const info = parseWire(
      BuildInfoSchema,
      {
        version: 'v2.36.1+abc',
        external_url: 'https://github.com/coder/coder/commit/abc',
        dashboard_url: 'x',
      },
      'BuildInfo',
    );
    expect(info.version).toBe('v2.36.1+abc');
  });
});
