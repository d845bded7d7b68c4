import type { OrganizationRecord, TemplateRecord, TemplateVersionRecord, UserRecord } from './model';

// Read-only views of the fake's users, organizations and templates for tests (`control.users()` and
// the `add…` controls): plain objects, detached from the live state.

/** A user as tests see it. */
export interface FakeUser {
  id: string;
  username: string;
  email: string;
  role: UserRecord['role'];
  organizationIds: string[];
  githubUserId: number | undefined;
}

/** An organization as tests see it. */
export interface FakeOrganization {
  id: string;
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** A template as tests see it. */
export interface FakeTemplate {
  id: string;
  name: string;
  organizationId: string;
  activeVersionId: string;
}

/** A template version as tests see it. */
export interface FakeTemplateVersion {
  id: string;
  name: string;
  templateId: string;
  presets: { id: string; name: string; default: boolean }[];
}

/** A user as tests see it. */
export function userView(u: UserRecord): FakeUser {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    role: u.role,
    organizationIds: [...u.organizationIds],
    githubUserId: u.githubUserId,
  };
}

/** An organization as tests see it. */
export function organizationView(o: OrganizationRecord): FakeOrganization {
  return { id: o.id, name: o.name, displayName: o.displayName, isDefault: o.isDefault };
}

/** A template as tests see it. */
export function templateView(t: TemplateRecord): FakeTemplate {
  return { id: t.id, name: t.name, organizationId: t.organizationId, activeVersionId: t.activeVersionId };
}

/** A template version as tests see it. */
export function versionView(v: TemplateVersionRecord): FakeTemplateVersion {
  return {
    id: v.id,
    name: v.name,
    templateId: v.templateId,
    presets: v.presets.map((p) => ({ id: p.id, name: p.name, default: p.isDefault })),
  };
}
