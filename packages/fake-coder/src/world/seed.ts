import type { World } from './world';

/** What the default seed created, for tests that need the ids. */
export interface SeedInfo {
  /** Organization "coder" (the default one). */
  organizationId: string;
  /** User "admin" (owner role) and its token. */
  adminId: string;
  /** User "member" (member role). */
  memberId: string;
  /** Template "tasks" (has `coder_ai_task`), its active version "v1", and its presets. */
  templateId: string;
  templateVersionId: string;
  /** Preset "default" (marked default) and "large". */
  defaultPresetId: string;
  largePresetId: string;
  /** Template "plain" (no `coder_ai_task`) and its active version. */
  plainTemplateId: string;
  plainTemplateVersionId: string;
}

/** Seeds the default organization, users and templates; returns their ids and the users' tokens. */
export function seedDefaults(world: World): { info: SeedInfo; tokens: Record<string, string> } {
  const org = world.addOrganization({ name: 'coder', displayName: 'Coder', isDefault: true });
  const admin = world.addUser({ username: 'admin', role: 'owner', organizationIds: [org.id], name: 'Admin' });
  const member = world.addUser({
    username: 'member',
    role: 'member',
    organizationIds: [org.id],
    name: 'Member',
  });
  const tasks = world.addTemplate({
    name: 'tasks',
    displayName: 'Tasks',
    organizationId: org.id,
    icon: '/icon/claude.svg',
    aiTask: true,
    versionName: 'v1',
    presets: [
      { name: 'default', default: true, parameters: [{ name: 'size', value: 'small' }] },
      { name: 'large', parameters: [{ name: 'size', value: 'large' }] },
    ],
  });
  const plain = world.addTemplate({
    name: 'plain',
    displayName: 'Plain',
    organizationId: org.id,
    aiTask: false,
    taskApp: false,
    versionName: 'v1',
  });
  const [defaultPreset, largePreset] = tasks.version.presets;
  return {
    info: {
      organizationId: org.id,
      adminId: admin.user.id,
      memberId: member.user.id,
      templateId: tasks.template.id,
      templateVersionId: tasks.version.id,
      defaultPresetId: defaultPreset?.id ?? '',
      largePresetId: largePreset?.id ?? '',
      plainTemplateId: plain.template.id,
      plainTemplateVersionId: plain.version.id,
    },
    tokens: { admin: admin.token, member: member.token },
  };
}
