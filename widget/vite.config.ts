/**
 * Embed build: `npm run build` → dist/
 *   tarifa.js            ES module: defines <wa-pricing-calculator>, exports mount(). The whole first
 *                        view in one file: the entry and the `core` group below, bundled together
 *                        by buildPlugins.ts (`singleRequest`), with chunks/core-*.js left as the
 *                        facade the lazy chunks import.
 *   panels/*.js          issue 4's lazy panels (comparison, charts, explanations, CSV…); the
 *                        engine parts they need are in chunks/decide-*.js.
 *   chunks/i18next-*.js  i18next, fetched after the first render with the rest of the messages
 *                        (widget/i18nextLib.ts; the first render reads its messages with firstT.ts).
 *   tarifa.classic.js    tiny classic-script loader (plain <script src>) that imports tarifa.js
 *                        from its own directory.
 *   cards/*.js           each bundled card (full file), the full market mapping, the source list and
 *                        the validator (for a host's or an imported set), loaded on demand
 *                        (engine/data/lazy.ts, widget/lazyCards.ts).
 *   locales/*.js         the messages each language's first view does not need (`.later`, widget/
 *                        localeParts.ts); the first view's are in tarifa.js, for every language.
 *   embed.html, embed.js the hosted page (issue 10, widget/embed/page.ts): one calculator configured
 *                        by query parameters; embed.js carries the whole of tarifa.js (one script
 *                        for the page, `singleRequest`), as configure.js does.
 *   configure.html/.js   the embed configurator (widget/embed/configure.tsx), for help-centre authors.
 *   embed.css, configure.css  the pages' stylesheets (no inline style: they run under default-src 'self').
 *   tarifa-frame.js      the optional iframe loader (widget/embed/frame.ts), a classic script.
 *
 * The cards are split by the engine's data modules, not here: the widget imports the engine's
 * public entries only (engine/core.ts: no card data; engine/data/current.ts: the first view's
 * cards; engine/data/lazy.ts: one dynamic import per card), so each chunk is a module of the
 * repository.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { embedFiles, jsonAsText, singleRequest } from './buildPlugins.ts';
import { licenseNotices } from './licenses.ts';
import { localeParts } from './localePlugin.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The engine's comparison, explanations, what-if transforms, fee breakdown: lazy chunks of their own. */
const LAZY_ENGINE =
  /engine\/decisions\/(compare|explain|whatIf|applyFees)\.ts$|engine\/decimal\.ts$|node_modules\/decimal\.js\//;

export default defineConfig({
  root,
  publicDir: false,
  // Relative URLs of emitted files (the import worker): resolved against the chunk that loads them.
  base: './',
  logLevel: 'warn',
  plugins: [
    localeParts(),
    // The first view's cards as JSON text in tarifa.js (see jsonAsText).
    jsonAsText(/\/engine\/data\/current\.json$/),
    embedFiles(root),
    licenseNotices(root),
    singleRequest(),
  ],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // The import worker (widget/import/logWorker.ts): a module worker file in dist/assets/, with the
  // whole engine and every bundled card (full copies), loaded only when a visitor imports a file.
  worker: { format: 'es', plugins: () => [licenseNotices(root, { emitFile: false })] },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    modulePreload: false,
    reportCompressedSize: false,
    copyPublicDir: false,
    // Library mode: an ES module entry with its exports kept, and no modulepreload helper.
    lib: { entry: resolve(root, 'widget/index.ts'), formats: ['es'], fileName: () => 'tarifa.js' },
    rolldownOptions: {
      // Needed by the `decide-engine` group below (the entry keeps its own exports).
      preserveEntrySignatures: 'allow-extension',
      // Keep the `core` chunk out of the entry file (see the groups below).
      experimental: { chunkOptimization: { mergeCommonChunks: false } },
      // The lazy engine files and decimal.js only define functions and data: the initial script
      // need not evaluate them (decimal.js serves the month comparison; the first view prices
      // with exact fixed-point arithmetic).
      treeshake: { moduleSideEffects: (id: string) => !LAZY_ENGINE.test(id) },
      output: {
        // Lib mode leaves ES output unminified: minify fully (whitespace included), without the pure
        // annotations (`/* @__PURE__ */`, ~0.2 KB gzip of the first view): nothing bundles dist/ again
        // to tree-shake it (package.json `sideEffects` keeps it whole).
        minify: true,
        comments: { annotation: false },
        // The engine's comparison and explanations (and decimal.js, which only the comparison
        // uses) are reached by the initial script through engine/index.ts but used only by the
        // lazy panels (widget/compare, fees, results, share): one lazy chunk of their own, never a static import.
        codeSplitting: {
          groups: [
            {
              name: 'decide-engine',
              includeDependenciesRecursively: false,
              test: /engine\/decisions\/(compare|explain)\.ts$|engine\/decimal\.ts$|node_modules\/decimal\.js\//,
            },
            // The what-if transforms come with the panel under the results.
            {
              name: 'decide-whatif',
              includeDependenciesRecursively: false,
              test: /engine\/decisions\/whatIf\.ts$/,
            },
            // The partner-fee breakdown comes with the partner totals (the first view only parses fees).
            {
              name: 'fees-engine',
              includeDependenciesRecursively: false,
              test: /engine\/decisions\/applyFees\.ts$/,
            },
            // Everything else the initial script needs, in ONE chunk that lazy chunks import too
            // (never the entry file itself: a host may load it as `tarifa.js?v=2`, a different
            // module instance, and lazy chunks must share the first one's Preact and state). The
            // build then bundles it into tarifa.js and leaves a facade in its place
            // (buildPlugins.ts `singleRequest`).
            {
              name: 'core',
              tags: ['$initial'],
              priority: -1,
              includeDependenciesRecursively: false,
              test: (id: string) =>
                !/\/widget\/index\.ts$|\/widget\/embed\/(page|frame|configure)/.test(id) &&
                !LAZY_ENGINE.test(id),
            },
          ],
        },
        chunkFileNames: (info) => {
          const facade = info.facadeModuleId ?? '';
          if (facade.startsWith(`${root}/engine/data/`)) return 'cards/[name]-[hash].js';
          if (facade === `${root}/engine/cards/parse.ts`) return 'cards/validator-[hash].js';
          if (/\/widget\/(compare|fees|results|share)\//.test(facade)) return 'panels/[name]-[hash].js';
          const locale = /\/locales\/([A-Za-z-]+)\.json\?(first|later)$/.exec(facade);
          if (locale) return `locales/${locale[1]}${locale[2] === 'later' ? '.later' : ''}-[hash].js`;
          return 'chunks/[name]-[hash].js';
        },
      },
    },
  },
});
