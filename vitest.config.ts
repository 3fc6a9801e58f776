import { defineConfig } from 'vitest/config';

// Two projects: the engine and other pure code under node, the widget's
// component tests in happy-dom. Browser tests run separately (test/browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
        test: {
          name: 'component',
          environment: 'happy-dom',
          include: ['test/component/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
