import type { FakeApi } from '../http/register-api';
import {
  buildInfo,
  getOrganization,
  getTemplate,
  getTemplateByName,
  getTemplateVersion,
  getTemplateVersionByName,
  getUser,
  listAllTemplates,
  listOrganizationTemplates,
  listPresets,
  listUsers,
} from './resource-routes';

/** buildinfo, users, organizations, templates and presets: `/api/v2` on every generation. */
export const RESOURCES_API: FakeApi = {
  prefixes: ['/api/v2'],
  servedPrefixes: () => ['/api/v2'],
  routes: [
    { method: 'GET', path: '/buildinfo', handler: buildInfo, auth: 'none' },
    { method: 'GET', path: '/users', handler: listUsers },
    { method: 'GET', path: '/users/{user}', handler: getUser },
    { method: 'GET', path: '/organizations/{organization}', handler: getOrganization },
    { method: 'GET', path: '/organizations/{organization}/templates', handler: listOrganizationTemplates },
    {
      method: 'GET',
      path: '/organizations/{organization}/templates/{templatename}',
      handler: getTemplateByName,
    },
    {
      method: 'GET',
      path: '/organizations/{organization}/templates/{templatename}/versions/{templateversionname}',
      handler: getTemplateVersionByName,
    },
    { method: 'GET', path: '/templates', handler: listAllTemplates },
    { method: 'GET', path: '/templates/{template}', handler: getTemplate },
    { method: 'GET', path: '/templateversions/{templateversion}', handler: getTemplateVersion },
    { method: 'GET', path: '/templateversions/{templateversion}/presets', handler: listPresets },
  ],
};
