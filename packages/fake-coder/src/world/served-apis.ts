/**
 * What the emulated server serves at this moment: the answer to "is this route registered?" that coderd
 * gives by its version and flags. Routes consult it per request, so `control.setVersion` and
 * `control.setTasksEnabled` take effect on the next request.
 */
export interface ServedApis {
  /** The task routes (both prefixes) and the agent's log-snapshot upload answer. */
  readonly tasks: boolean;
  /** Where the Chats API lives, preferred first (empty: not served). */
  readonly chatsPrefixes: readonly string[];
}
