/** Every app status state agents report (`failure`, not `failed`), in the order of coderd's enum. */
export const APP_STATUS_STATES = ['working', 'idle', 'complete', 'failure'] as const;
/** An app status state as agents report it (`failure`, not `failed`). */
export type AppStatusState = (typeof APP_STATUS_STATES)[number];
/** The longest app status message coderd stores, in UTF-8 bytes. */
export const MAX_APP_STATUS_MESSAGE_BYTES = 160;
