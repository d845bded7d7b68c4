import { renderStatus, type StatusView, SUMMARY_LIMIT_BYTES } from './render-comment';
import * as core from './runner-commands';

/**
 * Writes the full report to the job summary (1 MiB at most), without the comment marker. `noun` names
 * the work whose page holds what still does not fit (default `task`).
 */
export async function writeJobSummary(
  view: StatusView,
  redact: (text: string) => string,
  noun = 'task',
): Promise<void> {
  const { body } = renderStatus(view, {
    redact,
    limit: SUMMARY_LIMIT_BYTES,
    measure: (text) => Buffer.byteLength(text, 'utf8'),
    marker: false,
    fullLogsAt: `the ${noun} page in Coder`,
  });
  try {
    await core.appendSummary(body);
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${redact(error instanceof Error ? error.message : String(error))}`,
    );
  }
}
