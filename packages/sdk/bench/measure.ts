// Timing helpers shared by the Tasks and Chats rows of `pnpm bench`.
import { performance } from 'node:perf_hooks';

async function timePerCall(fn: () => Promise<unknown>, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return (performance.now() - start) / calls;
}

/** Mean ms per call of `sdk` and `raw`, measured in alternating blocks so drift hits both alike. */
export async function sideBySide(
  raw: () => Promise<unknown>,
  sdk: () => Promise<unknown>,
  rounds: number,
  calls: number,
) {
  await timePerCall(raw, calls);
  await timePerCall(sdk, calls);
  let rawTotal = 0;
  let sdkTotal = 0;
  for (let round = 0; round < rounds; round++) {
    rawTotal += await timePerCall(raw, calls);
    sdkTotal += await timePerCall(sdk, calls);
  }
  return { raw: rawTotal / rounds, sdk: sdkTotal / rounds };
}

export function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}
