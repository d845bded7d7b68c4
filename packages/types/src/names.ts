// The zod-free helpers, as `@coder-tasks/types/names`: a program that only checks names and ids (the
// action, before its first request) need not build every wire schema on import.
export * from './task-name';
export { isUuid, parseUuid } from './uuid-parse';
