/**
 * Hidden in every comment this action writes. A comment carrying it never triggers a run, so the
 * action cannot answer itself, whatever account posts for it.
 */
export const COMMENT_MARKER = '<!-- coder-tasks-action -->';
