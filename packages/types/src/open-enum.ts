import { z } from 'zod';

declare const unknownEnumValueBrand: unique symbol;

/**
 * An enum value this version of the package does not know, such as a status added by a newer Coder
 * server. It is the raw string exactly as the server sent it (so it prints, compares and serializes as
 * sent), branded so that TypeScript keeps it apart from the known values: a `switch` over the known
 * values still needs a `default` branch, and {@link isKnownEnumValue} narrows it away.
 */
export type UnknownEnumValue = string & { readonly [unknownEnumValueBrand]: true };

/**
 * A schema that accepts every known value of an enum, and any other string as an
 * {@link UnknownEnumValue} instead of throwing: a newer server may add values.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string().transform((raw) => raw as UnknownEnumValue)]);
}

/** True when `value` is one of `known`; narrows an open-enum value to its known members. */
export function isKnownEnumValue<const T extends readonly string[]>(
  known: T,
  value: string,
): value is T[number] {
  return (known as readonly string[]).includes(value);
}
