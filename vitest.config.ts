import { defineConfig } from 'vitest/config';
import { DEFAULT_TEST_TZ } from './test/clock.ts';

// The suite's clock (test/clock.ts): the zone is the process's, set before any worker starts.
process.env.TZ = process.env.TARIFA_TEST_TZ ?? DEFAULT_TEST_TZ;
const setupFiles = ['test/setup/clock.ts'];

// Two projects: the engine and other pure code under node, the widget's
// component tests in happy-dom. Browser tests run separately (test/browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          setupFiles,
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
        test: {
          name: 'component',
          environment: 'happy-dom',
          setupFiles,
          include: ['test/component/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
