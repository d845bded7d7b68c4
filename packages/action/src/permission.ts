/** Repository roles in increasing order of power, as GitHub names them. */
export const PERMISSION_LEVELS = ['read', 'triage', 'write', 'maintain', 'admin'] as const;
/** A repository role that `min-permission` may name. */
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

/** True when `value` is one of {@link PERMISSION_LEVELS}. */
export function isPermissionLevel(value: string): value is PermissionLevel {
  return (PERMISSION_LEVELS as readonly string[]).includes(value);
}

/**
 * The role a collaborator-permission answer grants. GitHub's `permission` field folds `maintain` into
 * `write` and `triage` into `read` for old clients; `role_name` is exact, except for custom roles, whose
 * names mean nothing here, so those fall back to the folded `permission`. Anything unrecognised is
 * `undefined`, which callers must treat as "no access" (fail closed).
 */
export function effectiveRole(answer: {
  permission?: unknown;
  role_name?: unknown;
}): PermissionLevel | undefined {
  const role = typeof answer.role_name === 'string' ? answer.role_name.toLowerCase() : '';
  if (isPermissionLevel(role)) return role;
  const permission = typeof answer.permission === 'string' ? answer.permission.toLowerCase() : '';
  return isPermissionLevel(permission) ? permission : undefined;
}

/** True when `role` is at least `minimum`; an unknown role never is. */
export function hasPermission(role: PermissionLevel | undefined, minimum: PermissionLevel): boolean {
  if (role === undefined) return false;
  return PERMISSION_LEVELS.indexOf(role) >= PERMISSION_LEVELS.indexOf(minimum);
}
