// Query parameters read the way coderd's httpapi.QueryParamParser reads them, with its validation
// details, so a malformed value answers 400 "Query parameters have invalid values." as coderd does.

/** A query-parameter problem, as `validations` carries it. */
export interface QueryValidation {
  field: string;
  detail: string;
}

/** Go's strconv.ParseInt(raw, 10, bits), with its error text. */
export function parseGoInt(raw: string, bits: 32 | 64): { value: number } | { error: string } {
  const quoted = JSON.stringify(raw);
  if (!/^[+-]?\d+$/.test(raw)) return { error: `strconv.ParseInt: parsing ${quoted}: invalid syntax` };
  const value = BigInt(raw);
  const max = (1n << BigInt(bits - 1)) - 1n;
  if (value > max || value < -max - 1n)
    return { error: `strconv.ParseInt: parsing ${quoted}: value out of range` };
  return { value: Number(value) };
}

/**
 * QueryParamParser.PositiveInt32 / PositiveInt64: absent or empty gives `def`; otherwise an integer of that
 * size that is not negative, or a validation appended to `errors`.
 */
export function positiveInt(
  query: URLSearchParams,
  name: string,
  def: number,
  bits: 32 | 64,
  errors: QueryValidation[],
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return def;
  const parsed = parseGoInt(raw, bits);
  const problem = 'error' in parsed ? parsed.error : parsed.value < 0 ? 'value is negative' : undefined;
  if (problem === undefined) return 'value' in parsed ? parsed.value : def;
  errors.push({
    field: name,
    detail: `Query param ${JSON.stringify(name)} must be a valid ${bits}-bit positive integer: ${problem}`,
  });
  return def;
}
