/** Builds both bundles into `outDir` (emptied first). */
export function buildBundle(outDir: string): void;
/** The differences between two bundle folders; empty when identical. */
export function compareBundles(expectedDir: string, actualDir: string): string[];
/** Builds into `outDir`, replacing each file atomically. */
export function buildInPlace(outDir: string): void;
