import { defineConfig } from 'vitest/config';

/** The one vitest setup every package extends: tests next to the code and in test/, never in dist/. */
export const sharedVitestConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
