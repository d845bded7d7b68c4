import { goQuote } from '@coder-tasks/types';

// coderd/searchquery's tokenizer and httpapi.QueryParamParser's checks, as the list routes use them.

/** One field-level problem of a search query, as coderd reports it. */
export interface QueryProblem {
  field: string;
  detail: string;
}

/**
 * splitQueryParameterByDelimiter: Go's strings.FieldsFunc on `delimiter` outside double quotes (so empty
 * fields vanish); quotes stay in the fields, or are trimmed from their ends when `maintainQuotes` is off.
 */
function splitOutsideQuotes(input: string, delimiter: string, maintainQuotes: boolean): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of input) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === delimiter) {
      if (current !== '') parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current !== '') parts.push(current);
  return maintainQuotes ? parts : parts.map((p) => p.replace(/^"+|"+$/g, ''));
}

/**
 * Parses a search query as coderd/searchquery does: lower-cased, split on spaces outside quotes; every
 * term without a `:` is joined into one bare term (last) handed to `bareKey`; each other element must be
 * exactly `key:value`. Returns the values per key, or the problem.
 */
export function parseSearchQuery(
  query: string,
  bareKey: string,
): { values: Map<string, string[]> } | { problem: QueryProblem } {
  const values = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    values.set(key, [...(values.get(key) ?? []), value]);
  };
  const tokens = splitOutsideQuotes(query.toLowerCase(), ' ', true);
  const elements = tokens.filter((t) => t.includes(':'));
  const bare = tokens.filter((t) => !t.includes(':'));
  if (bare.length > 0) elements.push(bare.join(' '));
  for (const element of elements) {
    if (element.startsWith(':') || element.endsWith(':')) {
      return {
        problem: { field: 'q', detail: `Query element ${goQuote(element)} cannot start or end with ':'` },
      };
    }
    const parts = splitOutsideQuotes(element, ':', false);
    if (parts.length === 1) add(bareKey, element);
    else if (parts.length === 2) add(parts[0] as string, parts[1] as string);
    else
      return { problem: { field: 'q', detail: `Query element ${goQuote(element)} can only contain 1 ':'` } };
  }
  return { values };
}

/**
 * A QueryParamParser for parsed values: takes single values (a key given twice is an error), and
 * reports every key nobody asked for.
 */
export class QueryParams {
  readonly problems: QueryProblem[] = [];
  private readonly used = new Set<string>();

  constructor(private readonly values: Map<string, string[]>) {}

  /** The value of `key`, or undefined when absent. */
  string(key: string): string | undefined {
    this.used.add(key);
    const list = this.values.get(key);
    if (!list || list.length === 0) return undefined;
    if (list.length > 1) {
      this.problems.push({
        field: key,
        detail: `Query param ${goQuote(key)} provided more than once, found ${list.length} times. Only provide 1 instance of this query param.`,
      });
    }
    return list[0];
  }

  /** Parses `key` with `parse`, which throws with the reason a value is invalid. */
  custom<T>(key: string, parse: (value: string) => T): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    try {
      return parse(value);
    } catch (error) {
      this.problems.push({
        field: key,
        detail: `Query param ${goQuote(key)} has invalid value: ${(error as Error).message}`,
      });
      return undefined;
    }
  }

  /** The value of `key` as Go's strconv.ParseInt(v, 10, 64) reads it, or undefined when absent or empty. */
  int64(key: string): bigint | undefined {
    const value = this.string(key);
    if (value === undefined || value === '') return undefined;
    let problem: string | undefined;
    if (!/^[+-]?\d+$/.test(value)) problem = 'invalid syntax';
    else if (BigInt(value) > 2n ** 63n - 1n || BigInt(value) < -(2n ** 63n)) problem = 'value out of range';
    if (problem === undefined) return BigInt(value);
    this.problems.push({
      field: key,
      detail: `Query param ${goQuote(key)} must be a valid 64-bit integer: strconv.ParseInt: parsing ${goQuote(value)}: ${problem}`,
    });
    return undefined;
  }

  /**
   * The value of `key` as Go's strconv.ParseBool reads it (the query is lower-cased, so `1`, `t`, `true`,
   * `0`, `f`, `false`), or undefined when absent or empty (sql.NullBool left invalid).
   */
  boolean(key: string): boolean | undefined {
    const value = this.string(key);
    if (value === undefined || value === '') return undefined;
    if (['1', 't', 'true'].includes(value)) return true;
    if (['0', 'f', 'false'].includes(value)) return false;
    this.problems.push({
      field: key,
      detail: `Query param ${goQuote(key)} must be a valid boolean: strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax`,
    });
    return undefined;
  }

  /** Adds `"<key>" is not a valid query param` for each key never read. */
  errorExcessParams(): void {
    for (const key of this.values.keys()) {
      if (!this.used.has(key))
        this.problems.push({ field: key, detail: `${goQuote(key)} is not a valid query param` });
    }
  }
}
