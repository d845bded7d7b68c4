import type { BuildInfo, Organization, Preset, TemplateVersion, User, Workspace } from '@coder-tasks/types';
import { seg } from './api-paths';
import { checkObject, checkOptionalString } from './argument-checks';
import type { CallOptions } from './client-options';
import { pickGitHubUser, pickPreset } from './lookups';
import { getJson, type RequestHost } from './request-loop';
import {
  decodeBuildInfo,
  decodeOrganization,
  decodePresets,
  decodeTemplate,
  decodeTemplateVersion,
  decodeUser,
  decodeUsers,
  decodeWorkspace,
} from './wire-decoders';

/** Where a template version is looked up: `CoderClient.resolveTemplateVersion`'s target. */
export interface TemplateTarget {
  organization: string;
  template: string;
  version?: string | undefined;
}

/**
 * The deployment routes a task needs around it (build info, users, organizations, templates, presets,
 * workspaces), over the client's one request path; all are reads, so all may be repeated.
 */
export class DeploymentApi {
  // A private field, so that logging or serializing the client does not walk back into it.
  readonly #host: RequestHost;

  constructor(host: RequestHost) {
    this.#host = host;
  }

  buildInfo(options?: CallOptions): Promise<BuildInfo> {
    return getJson(this.#host, '/api/v2/buildinfo', decodeBuildInfo, options);
  }

  me(options?: CallOptions): Promise<User> {
    return getJson(this.#host, '/api/v2/users/me', decodeUser, options);
  }

  organization(idOrName: string, options?: CallOptions): Promise<Organization> {
    return getJson(
      this.#host,
      `/api/v2/organizations/${seg('idOrName', idOrName)}`,
      decodeOrganization,
      options,
    );
  }

  async userByGitHubId(githubUserId: number, options?: CallOptions): Promise<User> {
    if (!Number.isSafeInteger(githubUserId) || githubUserId <= 0) {
      throw new TypeError(
        `findUserByGitHubId: expected a positive integer GitHub user id, got ${githubUserId}`,
      );
    }
    const query = { q: `github_com_user_id:${githubUserId}` };
    const spec = {
      method: 'GET',
      path: '/api/v2/users',
      query,
      decode: decodeUsers,
      repeatable: true,
    } as const;
    return pickGitHubUser((await this.#host.request(spec, options)).users, githubUserId);
  }

  async templateVersion(target: TemplateTarget, options?: CallOptions): Promise<TemplateVersion> {
    checkOptionalString(
      'resolveTemplateVersion',
      'target.version',
      checkObject('resolveTemplateVersion', 'target', target).version,
    );
    const org = seg('organization', target.organization);
    const base = `/api/v2/organizations/${org}/templates/${seg('template', target.template)}`;
    if (target.version) {
      const path = `${base}/versions/${seg('version', target.version)}`;
      return getJson(this.#host, path, decodeTemplateVersion, options);
    }
    const template = await getJson(this.#host, base, decodeTemplate, options);
    const path = `/api/v2/templateversions/${seg('active_version_id', template.active_version_id)}`;
    return getJson(this.#host, path, decodeTemplateVersion, options);
  }

  async preset(templateVersionId: string, name?: string, options?: CallOptions): Promise<Preset | undefined> {
    checkOptionalString('resolvePreset', 'name', name);
    const path = `/api/v2/templateversions/${seg('templateVersionId', templateVersionId)}/presets`;
    return pickPreset(await getJson(this.#host, path, decodePresets, options), templateVersionId, name);
  }

  workspace(id: string, options?: CallOptions): Promise<Workspace> {
    return getJson(this.#host, `/api/v2/workspaces/${seg('id', id)}`, decodeWorkspace, options);
  }
}
