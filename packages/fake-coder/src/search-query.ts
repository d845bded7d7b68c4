import { goQuote } from '@coder-tasks/types';

/** One field-level problem of a search query, as coderd reports it. */
export interface QueryProblem {
  field: string;
  detail: string;
}

/** Splits on `delimiter` outside double quotes; quotes are kept when `keepQuotes`, else dropped. */
function splitOutsideQuotes(input: string, delimiter: string, keepQuotes: boolean): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of input) {
    if (ch === '"') {
      quoted = !quoted;
      if (keepQuotes) current += ch;
      continue;
    }
    if (ch === delimiter && !quoted) {
      if (current !== '' || delimiter !== ' ') parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current !== '') parts.push(current);
  return parts;
}

/**
 * Parses a search query as coderd/searchquery does: lower-cased, split on spaces outside quotes, each
 * element `key:value` or a bare term handed to `bareKey`. Returns the values per key, or the problem.
 */
export function parseSearchQuery(
  query: string,
  bareKey: string,
): { values: Map<string, string[]> } | { problem: QueryProblem } {
  const values = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    values.set(key, [...(values.get(key) ?? []), value]);
  };
  for (const element of splitOutsideQuotes(query.toLowerCase(), ' ', true)) {
    if (element.startsWith(':') || element.endsWith(':')) {
      return {
        problem: { field: 'q', detail: `Query element ${goQuote(element)} cannot start or end with ':'` },
      };
    }
    const parts = splitOutsideQuotes(element, ':', false);
    if (parts.length === 1) add(bareKey, parts[0] as string);
    else if (parts.length === 2) add(parts[0] as string, parts[1] as string);
    else
      return { problem: { field: 'q', detail: `Query element ${goQuote(element)} can only contain 1 ':'` } };
  }
  return { values };
}

/** The first problem for keys the route does not know: `"foo" is not a valid query param`. */
export function excessParams(
  values: Map<string, string[]>,
  known: readonly string[],
): QueryProblem | undefined {
  for (const key of values.keys()) {
    if (!known.includes(key)) return { field: key, detail: `${goQuote(key)} is not a valid query param` };
  }
  return undefined;
}
