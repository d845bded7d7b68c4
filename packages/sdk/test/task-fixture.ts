import { parseWire, type Task, TaskSchema } from '@coder-tasks/types';

/** The golden Task of coder's cli/task_status_test.go, with ids filled in; `patch` overrides fields. */
export function taskFixture(patch: Record<string, unknown> = {}): Task {
  return parseWire(
    TaskSchema,
    {
      id: '11111111-1111-4111-8111-111111111111',
      organization_id: '00000000-0000-4000-8000-000000000001',
      owner_id: '00000000-0000-4000-8000-000000000002',
      owner_name: 'me',
      name: 'exists',
      display_name: 'Task exists',
      template_id: '00000000-0000-4000-8000-000000000003',
      template_version_id: '00000000-0000-4000-8000-000000000004',
      template_name: '',
      template_display_name: '',
      template_icon: '',
      workspace_id: null,
      workspace_name: '',
      workspace_status: 'running',
      workspace_agent_id: null,
      workspace_agent_lifecycle: 'ready',
      workspace_agent_health: { healthy: true },
      workspace_app_id: null,
      initial_prompt: '',
      status: 'active',
      current_state: {
        timestamp: '2025-08-26T12:34:57Z',
        state: 'working',
        message: 'Thinking furiously...',
        uri: '',
      },
      created_at: '2025-08-26T12:34:56Z',
      updated_at: '2025-08-26T12:34:56Z',
      ...patch,
    },
    'Task',
  );
}

/** A `current_state` entry. */
export function state(value: string, message = 'report', uri = '') {
  return { timestamp: '2025-08-26T12:35:00Z', state: value, message, uri };
}
