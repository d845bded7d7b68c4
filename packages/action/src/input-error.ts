/** A workflow input that cannot be used; the message names the input and what it expects. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    /** The input's name as written in the workflow (`wait-for`). */
    readonly input: string,
    message: string,
  ) {
    super(`Input "${input}": ${message}`);
  }
}

/**
 * Several inputs that cannot be used, reported together so one failed run shows every mistake. The
 * message lists each input's own {@link InputError} message on a line of its own.
 */
export class InvalidInputsError extends Error {
  override readonly name = 'InvalidInputsError';
  constructor(
    /** One error per problem, in the order of action.yml. */
    readonly errors: readonly InputError[],
  ) {
    super(
      `${errors.length} inputs cannot be used:\n${errors.map((error) => `- ${error.message}`).join('\n')}`,
    );
  }
}
