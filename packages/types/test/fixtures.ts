// Wire examples as coderd writes them. The golden task is cli/task_status_test.go's JSON with the elided
// ids written out.
export const GOLDEN_TASK_JSON =
  '{"id":"11111111-1111-1111-1111-111111111111","organization_id":"00000000-0000-0000-0000-000000000000",' +
  '"owner_id":"00000000-0000-0000-0000-000000000000","owner_name":"me","name":"exists",' +
  '"display_name":"Task exists","template_id":"00000000-0000-0000-0000-000000000000",' +
  '"template_version_id":"00000000-0000-0000-0000-000000000000","template_name":"",' +
  '"template_display_name":"","template_icon":"","workspace_id":null,"workspace_name":"",' +
  '"workspace_status":"running","workspace_agent_id":null,"workspace_agent_lifecycle":"ready",' +
  '"workspace_agent_health":{"healthy":true},"workspace_app_id":null,"initial_prompt":"","status":"active",' +
  '"current_state":{"timestamp":"2025-08-26T12:34:57Z","state":"working","message":"Thinking furiously...","uri":""},' +
  '"created_at":"2025-08-26T12:34:56Z","updated_at":"2025-08-26T12:34:56Z"}';

/** A task as a running server sends it, with every optional field present. */
export function fullTask(): Record<string, unknown> {
  return {
    id: 'a5b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    organization_id: '7c0f0f4e-1c2b-4a43-9d1e-2f3a4b5c6d7e',
    owner_id: '0b9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c',
    owner_name: 'alice',
    owner_avatar_url: 'https://example.invalid/avatar.png',
    name: 'fix-login-test-a1b2',
    display_name: 'Fix the flaky login test',
    template_id: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7',
    template_version_id: '4f5a6b7c-8d9e-4f0a-b1c2-d3e4f5a6b7c8',
    template_name: 'tasks',
    template_display_name: 'Tasks',
    template_icon: '/icon/claude.svg',
    workspace_id: '5a6b7c8d-9e0f-4a1b-82c3-d4e5f6a7b8c9',
    workspace_name: 'fix-login-test-a1b2',
    workspace_status: 'running',
    workspace_build_number: 3,
    workspace_agent_id: '6b7c8d9e-0f1a-4b2c-93d4-e5f6a7b8c9d0',
    workspace_agent_lifecycle: 'ready',
    workspace_agent_health: { healthy: true },
    workspace_app_id: '7c8d9e0f-1a2b-4c3d-a4e5-f6a7b8c9d0e1',
    initial_prompt: 'Fix the flaky login test',
    status: 'active',
    current_state: {
      timestamp: '2026-03-01T10:00:00.123456789+02:00',
      state: 'idle',
      message: 'Waiting for input',
      uri: '',
    },
    created_at: '2026-03-01T07:59:58.5Z',
    updated_at: '2026-03-01T08:00:01.000000001Z',
  };
}
