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
