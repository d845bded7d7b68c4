import { NIL_UUID } from '@coder-tasks/types';
import type {
  OrganizationRecord,
  PresetRecord,
  TemplateRecord,
  TemplateVersionRecord,
  UserRecord,
} from '../world/model';
import { ts } from '../world/record-time';
import type { World } from '../world/world';

// User, organization and template rows to JSON exactly as coderd writes them: Go field order, `null` for
// NULL ids, omitempty fields left out.

/** A `User`. */
export function userJson(user: UserRecord): Record<string, unknown> {
  const roles =
    user.role === 'owner'
      ? [{ name: 'owner', display_name: 'Owner' }]
      : user.role === 'auditor'
        ? [{ name: 'auditor', display_name: 'Auditor' }]
        : [];
  return {
    id: user.id,
    username: user.username,
    avatar_url: '',
    name: user.name,
    email: user.email,
    created_at: ts(user.createdAt),
    updated_at: ts(user.createdAt),
    last_seen_at: ts(user.createdAt),
    status: 'active',
    login_type: 'password',
    theme_preference: '',
    organization_ids: user.organizationIds,
    roles,
  };
}

/** An `Organization`. */
export function organizationJson(org: OrganizationRecord): Record<string, unknown> {
  return {
    id: org.id,
    name: org.name,
    display_name: org.displayName,
    description: '',
    icon: '',
    created_at: ts(org.createdAt),
    updated_at: ts(org.createdAt),
    is_default: org.isDefault,
  };
}

/** A `Template`. */
export function templateJson(world: World, t: TemplateRecord): Record<string, unknown> {
  const org = world.organizations.get(t.organizationId);
  return {
    id: t.id,
    created_at: ts(t.createdAt),
    updated_at: ts(t.createdAt),
    organization_id: t.organizationId,
    organization_name: org?.name ?? '',
    organization_display_name: org?.displayName ?? '',
    organization_icon: '',
    name: t.name,
    display_name: t.displayName,
    provisioner: 'terraform',
    active_version_id: t.activeVersionId,
    active_user_count: 0,
    build_time_stats: { start: {}, stop: {}, delete: {} },
    description: '',
    deprecated: false,
    deprecation_message: '',
    icon: t.icon,
    default_ttl_ms: 0,
    activity_bump_ms: 3600000,
    autostop_requirement: { days_of_week: [], weeks: 1 },
    autostart_requirement: { days_of_week: [] },
    created_by_id: NIL_UUID,
    created_by_name: '',
    allow_user_autostart: true,
    allow_user_autostop: true,
    allow_user_cancel_workspace_jobs: false,
    failure_ttl_ms: 0,
    time_til_dormant_ms: 0,
    time_til_dormant_autodelete_ms: 0,
    require_active_version: false,
    max_port_share_level: 'owner',
    cors_behavior: 'simple',
    use_classic_parameter_flow: false,
  };
}

/** A `TemplateVersion`. */
export function templateVersionJson(v: TemplateVersionRecord): Record<string, unknown> {
  return {
    id: v.id,
    template_id: v.templateId,
    organization_id: v.organizationId,
    created_at: ts(v.createdAt),
    updated_at: ts(v.createdAt),
    name: v.name,
    message: '',
    job: { id: v.id, status: 'succeeded', created_at: ts(v.createdAt) },
    readme: '',
    created_by: { id: NIL_UUID, username: 'admin' },
    archived: false,
    has_external_agent: false,
  };
}

/** A `Preset`, with Go's capitalised keys (the struct has no json tags). */
export function presetJson(p: PresetRecord): Record<string, unknown> {
  return {
    ID: p.id,
    Name: p.name,
    Parameters: p.parameters.map((x) => ({ Name: x.name, Value: x.value })),
    Default: p.isDefault,
    DesiredPrebuildInstances: null,
    Description: '',
    Icon: '',
  };
}
