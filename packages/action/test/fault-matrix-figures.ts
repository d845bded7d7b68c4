// What the fault matrix measures after each scenario, and the one line it prints at the end. Pure: it
// reads what the fakes recorded.
import { headline } from '../src/render-comment';

/** Headlines of a comment that is still in progress: left on the thread after the run, it is stale. */
const PROGRESS_HEADLINES = (['acknowledged', 'starting', 'working', 'idle', 'submitted'] as const).flatMap(
  (phase) => ([undefined, 'task', 'chat'] as const).map((noun) => headline(phase, noun)),
);

/** The figures of one scenario. */
export interface ScenarioFigures {
  /** Tasks Coder holds beyond the one the thread should have. */
  duplicateTasks: number;
  /** Live status comments beyond one per run. */
  duplicateComments: number;
  /** Live status comments still showing progress after the run ended. */
  staleComments: number;
  /** The most Coder requests in any 60 s of waiting (after the task was created), per run. */
  worstPerMinute: number;
}

/** The headline (`### …` line) of a comment body, or '' when it has none. */
export function headlineOf(body: string): string {
  return /^### (.+)$/m.exec(body)?.[1] ?? '';
}

/** True when a body is a status comment still showing progress. */
export function isStale(body: string): boolean {
  return PROGRESS_HEADLINES.includes(headlineOf(body));
}

/**
 * The most requests in any window of `windowMs` among `times` (ms, any order): with requests spread
 * over less than a window, all of them.
 */
export function worstWindow(times: readonly number[], windowMs = 60_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let worst = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    worst = Math.max(worst, end - start + 1);
  }
  return worst;
}

/** The matrix's totals. */
export interface MatrixTotals extends ScenarioFigures {
  run: number;
  survived: number;
}

/** Adds one scenario's figures to the totals (worst per minute is the maximum). */
export function addFigures(totals: MatrixTotals, figures: ScenarioFigures, survived: boolean): MatrixTotals {
  return {
    run: totals.run + 1,
    survived: totals.survived + (survived ? 1 : 0),
    duplicateTasks: totals.duplicateTasks + figures.duplicateTasks,
    duplicateComments: totals.duplicateComments + figures.duplicateComments,
    staleComments: totals.staleComments + figures.staleComments,
    worstPerMinute: Math.max(totals.worstPerMinute, figures.worstPerMinute),
  };
}

/** The line the matrix ends with. */
export function figuresLine(t: MatrixTotals): string {
  return `fault matrix: ${t.run} scenarios run, ${t.survived} survived, ${t.duplicateTasks} duplicate tasks, ${t.duplicateComments} duplicate comments, ${t.staleComments} stale comments, worst ${t.worstPerMinute} requests per minute while waiting`;
}
