import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/names.ts'],
  format: ['esm'],
  target: 'node20',
  dts: true,
  clean: true,
  sourcemap: true,
});
