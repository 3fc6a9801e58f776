import { defineConfig } from 'vitest/config';
import { DEFAULT_TEST_TZ } from './test/clock.ts';
import { localeParts } from './widget/localePlugin.ts';

// The suite's clock (test/clock.ts): the zone is the process's, set before any worker starts.
process.env.TZ = process.env.TARIFA_TEST_TZ ?? DEFAULT_TEST_TZ;
const setupFiles = ['test/setup/clock.ts'];

// Four projects: the engine, CLI and other pure code under node; the fuzz suite (node, test/fuzz);
// the npm package (packed and installed); the widget's component tests in happy-dom. Browser tests
// run separately (test/browser).
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
        // The fuzz suite (issue 13): seeded properties over every parser, bounded here; a longer
        // run with `npm run fuzz` (scripts/fuzz.mjs).
        test: {
          name: 'fuzz',
          environment: 'node',
          setupFiles,
          include: ['test/fuzz/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // The npm package: packs, installs the tarball in a temporary project, runs it (slow: builds).
        test: {
          name: 'package',
          environment: 'node',
          setupFiles,
          include: ['test/package/**/*.test.ts'],
          testTimeout: 180_000,
        },
      },
      {
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
        // The locale parts the widget imports (widget/localeLoaders.ts), each language whole.
        plugins: [localeParts({ whole: true })],
        test: {
          name: 'component',
          environment: 'happy-dom',
          setupFiles: [...setupFiles, 'test/setup/i18next.ts'],
          include: ['test/component/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
