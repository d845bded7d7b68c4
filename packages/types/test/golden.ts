import { readFileSync } from 'node:fs';

/**
 * A golden file of test/golden: bytes as coderd's encoding/json writes them (compact, Go's field order,
 * omitempty applied, nil slices as null, map keys sorted), stream frames with the encoder's trailing "\n".
 */
export function readGolden(name: string): string {
  return readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');
}
