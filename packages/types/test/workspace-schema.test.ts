import { describe, expect, it } from 'vitest';
import { parseWire, WireFormatError, WorkspaceSchema } from '../src/index';

const ID = 'c1c2c3c4-d5d6-4e7e-8f9f-a0a1a2a3a4a5';

describe('WorkspaceSchema requires only what the SDK reads', () => {
  it('reads a trimmed watch event that carries only the id and the build job', () => {
    const ws = parseWire(
      WorkspaceSchema,
      { id: ID, latest_build: { status: 'failed', job: { error: 'terraform apply failed' } } },
      'Workspace',
    );
    expect(ws.id).toBe(ID);
    expect(ws.latest_build?.job?.error).toBe('terraform apply failed');
  });

  it.each([
    'owner_id',
    'organization_id',
    'template_id',
    'name',
    'owner_name',
    'template_name',
    'latest_app_status',
    'updated_at',
  ])('reads a workspace without %s', (field) => {
    const wire: Record<string, unknown> = {
      id: ID,
      name: 'ws',
      owner_id: ID,
      owner_name: 'alice',
      organization_id: ID,
      template_id: ID,
      template_name: 'tasks',
      latest_build: { id: ID, job: { id: ID, status: 'running' } },
      latest_app_status: null,
      updated_at: '2026-03-01T08:00:05Z',
    };
    delete wire[field];
    expect(parseWire(WorkspaceSchema, wire, 'Workspace').id).toBe(ID);
  });

  it('reads a build without its id and a job without its id', () => {
    const ws = parseWire(
      WorkspaceSchema,
      { id: ID, latest_build: { transition: 'start', job: { status: 'failed', error: 'boom' } } },
      'Workspace',
    );
    expect(ws.latest_build).toEqual({ transition: 'start', job: { status: 'failed', error: 'boom' } });
  });

  it('still rejects a workspace without an id, and a field of the wrong type', () => {
    expect(() => parseWire(WorkspaceSchema, { name: 'ws' }, 'Workspace')).toThrow(WireFormatError);
    expect(() =>
      parseWire(WorkspaceSchema, { id: ID, latest_build: { job: { error: 7 } } }, 'Workspace'),
    ).toThrow(/latest_build\.job\.error/);
  });
});
