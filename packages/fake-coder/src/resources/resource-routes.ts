import { parseUuid } from '@coder-tasks/types';
import { canSeeOrganization, canSeeUser } from '../http/auth';
import { errorReply, notFound, ok, type Reply } from '../http/reply';
import type { RequestContext } from '../http/request-context';
import { parseSearchQuery, QueryParams } from '../http/search-query';
import type { OrganizationRecord, TemplateRecord, UserRecord } from '../world/model';
import type { World } from '../world/world';
import { resolveUserParam } from './resolve-user-param';
import { organizationJson, presetJson, templateJson, templateVersionJson, userJson } from './resource-json';

// The routes around tasks that clients need besides the task routes: buildinfo, users, organizations,
// templates, template versions and presets.

/** `GET /api/v2/buildinfo` (no authentication). */
export function buildInfo(ctx: RequestContext): Reply {
  return ok({
    external_url: 'https://github.com/coder/coder',
    version: ctx.world.version,
    dashboard_url: ctx.world.baseUrl,
    telemetry: false,
    workspace_proxy: false,
    agent_api_version: '2.7',
    provisioner_api_version: '1.11',
    upgrade_message: '',
    deployment_id: '7a5e0d1f-3b8c-4c55-9c1e-0fa4e7b2d9a1',
    webpush_public_key: '',
  });
}

/** `GET /api/v2/users/{user}` (`me` included). */
export function getUser(ctx: RequestContext): Reply {
  const found = resolveUserParam(ctx, ctx.params.user ?? '');
  return 'reply' in found ? found.reply : ok(userJson(found.user));
}

/**
 * `GET /api/v2/users?q=…` with coderd's user search keys: a bare term or `search:` (in the username or
 * email), `name:`, `github_com_user_id:`; `status`, `role`, `login_type` and the time keys are accepted
 * and not applied (every fake user is active, with password login).
 */
export function listUsers(ctx: RequestContext): Reply {
  const parsed = parseSearchQuery(ctx.query.get('q') ?? '', 'search');
  if ('problem' in parsed) {
    return errorReply(400, 'Invalid user search query.', undefined, [parsed.problem]);
  }
  const params = new QueryParams(parsed.values);
  const search = params.string('search') || undefined;
  const name = params.string('name') || undefined;
  for (const key of IGNORED_USER_KEYS) params.string(key);
  const gh = params.int64('github_com_user_id');
  params.errorExcessParams();
  if (params.problems.length > 0) {
    return errorReply(400, 'Invalid user search query.', undefined, params.problems);
  }
  const users = [...ctx.world.users.values()]
    .filter((u) => canSeeUser(ctx.user, u))
    .filter((u) => gh === undefined || (u.githubUserId !== undefined && BigInt(u.githubUserId) === gh))
    .filter((u) => name === undefined || u.name.toLowerCase().includes(name))
    .filter(
      (u) =>
        search === undefined ||
        u.username.toLowerCase().includes(search) ||
        u.email.toLowerCase().includes(search),
    )
    .sort((a, b) => a.username.localeCompare(b.username))
    .map(userJson);
  return ok({ users, count: users.length });
}

const IGNORED_USER_KEYS = [
  'status',
  'role',
  'login_type',
  'last_seen_after',
  'last_seen_before',
  'created_after',
  'created_before',
];

function visibleOrganization(
  world: World,
  caller: UserRecord,
  value: string,
): OrganizationRecord | undefined {
  const id = parseUuid(value);
  const org = (id ? world.organizations.get(id) : undefined) ?? world.organizationByName(value);
  if (!org || !canSeeOrganization(caller, org.id)) return undefined;
  return org;
}

/** `GET /api/v2/organizations/{organization}` by name or id. */
export function getOrganization(ctx: RequestContext): Reply {
  const org = visibleOrganization(ctx.world, ctx.user, ctx.params.organization ?? '');
  return org ? ok(organizationJson(org)) : notFound();
}

/**
 * coderd's template search (searchquery.Templates): a bare term is a fuzzy `display_name`; `name`,
 * `exact_name`, `exact_display_name`, `has-ai-task` and `deprecated` filter; the other keys coderd
 * knows are accepted and not applied; any other key is "not a valid query param".
 */
function filterTemplates(ctx: RequestContext, templates: TemplateRecord[]): Reply {
  const parsed = parseSearchQuery(ctx.query.get('q') ?? '', 'display_name');
  if ('problem' in parsed) {
    return errorReply(400, 'Invalid template search query.', undefined, [parsed.problem]);
  }
  const params = new QueryParams(parsed.values);
  params.boolean('deleted');
  params.boolean('has_external_agent');
  for (const key of ['organization', 'ids', 'author_id', 'author']) params.string(key);
  const exactName = params.string('exact_name') || undefined;
  const exactDisplay = params.string('exact_display_name') || undefined;
  const name = params.string('name') || undefined;
  const display = params.string('display_name') || undefined;
  const deprecated = params.boolean('deprecated');
  const aiTask = params.boolean('has-ai-task');
  params.errorExcessParams();
  if (params.problems.length > 0) {
    return errorReply(400, 'Invalid template search query.', undefined, params.problems);
  }
  // No fake template is deprecated, so `deprecated:true` finds none.
  if (deprecated === true) return ok([]);
  const list = templates
    .filter((t) => aiTask === undefined || ctx.world.versions.get(t.activeVersionId)?.hasAiTask === aiTask)
    .filter((t) => exactName === undefined || t.name.toLowerCase() === exactName)
    .filter((t) => exactDisplay === undefined || t.displayName.toLowerCase() === exactDisplay)
    .filter((t) => name === undefined || t.name.toLowerCase().includes(name))
    .filter((t) => display === undefined || t.displayName.toLowerCase().includes(display))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => templateJson(ctx.world, t));
  return ok(list);
}

/** `GET /api/v2/templates`: every template the caller can see. */
export function listAllTemplates(ctx: RequestContext): Reply {
  const { world, user } = ctx;
  const visible = [...world.templates.values()].filter((t) => canSeeOrganization(user, t.organizationId));
  return filterTemplates(ctx, visible);
}

/** `GET /api/v2/organizations/{organization}/templates`. */
export function listOrganizationTemplates(ctx: RequestContext): Reply {
  const org = visibleOrganization(ctx.world, ctx.user, ctx.params.organization ?? '');
  if (!org) return notFound();
  return filterTemplates(
    ctx,
    [...ctx.world.templates.values()].filter((t) => t.organizationId === org.id),
  );
}

function templateByName(ctx: RequestContext): TemplateRecord | undefined {
  const org = visibleOrganization(ctx.world, ctx.user, ctx.params.organization ?? '');
  if (!org) return undefined;
  const lower = (ctx.params.templatename ?? '').toLowerCase();
  return [...ctx.world.templates.values()].find(
    (t) => t.organizationId === org.id && t.name.toLowerCase() === lower,
  );
}

/** `GET /api/v2/organizations/{organization}/templates/{templatename}` (case-insensitive name). */
export function getTemplateByName(ctx: RequestContext): Reply {
  const t = templateByName(ctx);
  return t ? ok(templateJson(ctx.world, t)) : notFound();
}

/** `GET /api/v2/templates/{template}` by id. */
export function getTemplate(ctx: RequestContext): Reply {
  const id = parseUuid(ctx.params.template ?? '');
  const t = id ? ctx.world.templates.get(id) : undefined;
  if (!t || !canSeeOrganization(ctx.user, t.organizationId)) return notFound();
  return ok(templateJson(ctx.world, t));
}

/** `GET /api/v2/organizations/{organization}/templates/{templatename}/versions/{templateversionname}`. */
export function getTemplateVersionByName(ctx: RequestContext): Reply {
  const t = templateByName(ctx);
  if (!t) return notFound();
  const name = ctx.params.templateversionname ?? '';
  const v = [...ctx.world.versions.values()].find((x) => x.templateId === t.id && x.name === name);
  return v ? ok(templateVersionJson(v)) : notFound();
}

function visibleVersion(ctx: RequestContext) {
  const id = parseUuid(ctx.params.templateversion ?? '');
  const v = id ? ctx.world.versions.get(id) : undefined;
  if (!v || !canSeeOrganization(ctx.user, v.organizationId)) return undefined;
  return v;
}

/** `GET /api/v2/templateversions/{templateversion}`. */
export function getTemplateVersion(ctx: RequestContext): Reply {
  const v = visibleVersion(ctx);
  return v ? ok(templateVersionJson(v)) : notFound();
}

/** `GET /api/v2/templateversions/{templateversion}/presets`. */
export function listPresets(ctx: RequestContext): Reply {
  const v = visibleVersion(ctx);
  return v ? ok(v.presets.map(presetJson)) : notFound();
}
