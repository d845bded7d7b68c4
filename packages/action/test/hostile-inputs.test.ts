import { afterAll, describe, expect, it } from 'vitest';
import type { Category, HostileCase } from './hostile-cases';
import { INPUT_CASES } from './hostile-input-cases';
import { OUTPUT_CASES } from './hostile-output-cases';

const CASES: HostileCase[] = [...INPUT_CASES, ...OUTPUT_CASES];
const tally = new Map<Category, { tried: number; held: number }>();

describe('hostile inputs', () => {
  for (const hostile of CASES) {
    it(`${hostile.category}: ${hostile.name}`, async () => {
      const count = tally.get(hostile.category) ?? { tried: 0, held: 0 };
      tally.set(hostile.category, count);
      count.tried++;
      await hostile.check();
      count.held++;
    }, 120_000);
  }

  it('covers every category', () => {
    const categories = new Set(CASES.map((c) => c.category));
    expect([...categories].sort()).toEqual(
      ['authorization', 'trigger', 'prompt', 'output escaping', 'redaction', 'size', 'ReDoS'].sort(),
    );
  });

  afterAll(() => {
    const rows = [...tally].map(([category, { tried, held }]) => `  ${category}: ${held}/${tried} held`);
    const tried = [...tally.values()].reduce((sum, c) => sum + c.tried, 0);
    const held = [...tally.values()].reduce((sum, c) => sum + c.held, 0);
    console.log(`${rows.join('\n')}\nhostile inputs: ${tried} tried, ${held} held, ${tried - held} broken`);
  });
});
