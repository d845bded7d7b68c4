import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

/** The kinds of hostile input the suite counts. */
export type Category =
  | 'authorization'
  | 'trigger'
  | 'prompt'
  | 'output escaping'
  | 'redaction'
  | 'size'
  | 'ReDoS';

/** One named hostile input and the check that it held (throws when it broke). */
export interface HostileCase {
  category: Category;
  name: string;
  check: () => void | Promise<void>;
}

/** Markdown rendered as GitHub renders comments (CommonMark with GFM). */
export const html = (markdown: string): string =>
  micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });

/** The rendered HTML outside `<pre>` and `<code>`: where GitHub would make links, mentions and markup. */
export const outsideCode = (markdown: string): string =>
  html(markdown).replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');

const MIB = 2 ** 20;
/** `unit` repeated to `size` UTF-16 units (1 MiB by default). */
export const repeatTo = (unit: string, size = MIB): string =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** The fastest of three runs, in ms: the least disturbed by other processes on a shared machine. */
export function fastest(run: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * Throws unless `apply` on `hostile` costs at most `ratio` times what it costs on `benign` of the same
 * size, both measured now (a floor of 10 ms keeps a tiny benign time from making noise look like growth).
 */
export function expectLinear(
  apply: (text: string) => unknown,
  hostile: string,
  benign: string,
  ratio: number,
): void {
  const base = Math.max(
    fastest(() => apply(benign)),
    10,
  );
  const took = fastest(() => apply(hostile));
  if (took > base * ratio) {
    throw new Error(`took ${took.toFixed(0)} ms against ${base.toFixed(0)} ms for benign input`);
  }
}
