import { z } from 'zod';
import { openEnum } from './open-enum';
import { TimestampSchema } from './timestamp';
import { UuidSchema } from './uuid';

/** `BuildInfoResponse` (`GET /api/v2/buildinfo`, no authentication). */
export const BuildInfoSchema = z.object({
  version: z.string(),
  external_url: z.string(),
  dashboard_url: z.string().optional(),
  agent_api_version: z.string().optional(),
  deployment_id: z.string().optional(),
});
export type BuildInfo = z.infer<typeof BuildInfoSchema>;

export const USER_STATUSES = ['active', 'dormant', 'suspended'] as const;

/** The fields of `User` that the SDK needs. */
export const UserSchema = z.object({
  id: UuidSchema,
  username: z.string(),
  email: z.string(),
  name: z.string().optional(),
  avatar_url: z.string().optional(),
  status: openEnum(USER_STATUSES).optional(),
  organization_ids: z.array(UuidSchema),
  created_at: TimestampSchema.optional(),
});
export type User = z.infer<typeof UserSchema>;

/** `GetUsersResponse` (`GET /api/v2/users?q=…`). */
export const GetUsersResponseSchema = z.object({
  users: z.array(UserSchema),
  count: z.number().int(),
});
export type GetUsersResponse = z.infer<typeof GetUsersResponseSchema>;

/** The fields of `Organization` that the SDK needs. */
export const OrganizationSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  display_name: z.string(),
  is_default: z.boolean(),
  icon: z.string().optional(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

/** The fields of `Template` that the SDK needs. */
export const TemplateSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  display_name: z.string(),
  organization_id: UuidSchema,
  organization_name: z.string().optional(),
  active_version_id: UuidSchema,
  icon: z.string(),
  deprecated: z.boolean().optional(),
});
export type Template = z.infer<typeof TemplateSchema>;

/** The fields of `TemplateVersion` that the SDK needs. */
export const TemplateVersionSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  template_id: UuidSchema.nullable(),
  organization_id: UuidSchema.optional(),
  created_at: TimestampSchema.optional(),
});
export type TemplateVersion = z.infer<typeof TemplateVersionSchema>;

/** `PresetParameter`; Go writes these keys capitalised (the struct has no json tags). */
export const PresetParameterSchema = z.object({ Name: z.string(), Value: z.string() });
export type PresetParameter = z.infer<typeof PresetParameterSchema>;

/** `Preset` of a template version, with Go's capitalised keys. A nil Go slice arrives as `null`: read as []. */
export const PresetSchema = z.object({
  ID: UuidSchema,
  Name: z.string(),
  Parameters: z
    .array(PresetParameterSchema)
    .nullable()
    .transform((p) => p ?? []),
  Default: z.boolean().default(false),
  Description: z.string().optional(),
  Icon: z.string().optional(),
});
export type Preset = z.infer<typeof PresetSchema>;

/** One field-level problem in an error `Response`. */
export const ValidationErrorSchema = z.object({ field: z.string(), detail: z.string() });
export type ValidationError = z.infer<typeof ValidationErrorSchema>;

/** `Response`: the body of every Coder API error. */
export const ResponseSchema = z.object({
  message: z.string(),
  detail: z.string().optional(),
  validations: z.array(ValidationErrorSchema).optional(),
});
export type Response = z.infer<typeof ResponseSchema>;
