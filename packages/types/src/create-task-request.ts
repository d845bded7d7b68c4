import { z } from 'zod';
import { NIL_UUID, UuidSchema } from './uuid';

/**
 * `CreateTaskRequest`. As the server decodes it: `input` may be empty (the server does not reject it;
 * the CLI does), and a missing preset, name or display name means "none" / "generate one".
 */
export const CreateTaskRequestSchema = z.object({
  template_version_id: UuidSchema,
  template_version_preset_id: UuidSchema.optional(),
  input: z.string().default(''),
  name: z.string().optional(),
  display_name: z.string().optional(),
});
export type CreateTaskRequest = z.input<typeof CreateTaskRequestSchema>;

/** The JSON body of a create request, keys in Go's order. */
export interface CreateTaskRequestBody {
  template_version_id: string;
  template_version_preset_id?: string;
  input: string;
  name?: string;
  display_name?: string;
}

/**
 * Writes a create request the way the server expects it: `name` and `display_name` are left out when
 * empty (Go's `omitempty`), and so is a preset id that is unset or the nil UUID. (Go's `omitempty` cannot
 * drop a `uuid.UUID` and sends the nil UUID; the server reads both as "no preset".) Nothing else is
 * dropped: `input` is always sent.
 */
export function serializeCreateTaskRequest(request: CreateTaskRequest): CreateTaskRequestBody {
  const preset = request.template_version_preset_id;
  // Spreads keep Go's field order: JSON.stringify writes keys in insertion order.
  return {
    template_version_id: request.template_version_id,
    ...(preset && preset !== NIL_UUID ? { template_version_preset_id: preset } : {}),
    input: request.input ?? '',
    ...(request.name ? { name: request.name } : {}),
    ...(request.display_name ? { display_name: request.display_name } : {}),
  };
}
