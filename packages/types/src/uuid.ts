import { z } from 'zod';

// Go's uuid.UUID accepts any 8-4-4-4-12 hex string (the golden test JSON uses 1111…), so the RFC 9562
// version and variant checks of z.uuid() would reject real values.
/** A UUID as Go writes it. */
export const UuidSchema = z.guid({ error: 'expected a UUID string' });

/** The nil UUID; Coder treats it as "not set" (for example `template_version_preset_id`). */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export { isUuid, parseUuid } from './uuid-parse';
