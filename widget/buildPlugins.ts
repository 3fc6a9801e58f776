/**
 * The embed build's own plugins (widget/vite.config.ts): files it emits besides the bundle
 * (frame.ts compiled as it is), and the core chunk's path in the built entry (issue 17: one
 * placeholder string, replaced in the output). No source module is rewritten.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transformSync } from 'esbuild';
import type { Plugin } from 'vite';
import { CONFIGURE_CSS, configureHtml, EMBED_CSS, embedHtml, type Messages } from './embed/html.ts';

const LANGS = ['en', 'es', 'pt-BR'];

/**
 * The files next to tarifa.js that are not its chunks: the hosted page's and the configurator's
 * scripts (issue 10, entries of their own), their HTML and stylesheets (widget/embed/html.ts), the
 * iframe loader (widget/embed/frame.ts, a classic script) and the classic-script loader.
 */
export function embedFiles(root: string): Plugin {
  const messages = (lang: string) => JSON.parse(readFileSync(resolve(root, `locales/${lang}.json`), 'utf8'));
  return {
    name: 'tarifa-embed-files',
    enforce: 'pre',
    buildStart() {
      // Issue 10: the hosted page's and the configurator's scripts, entries next to tarifa.js.
      this.emitFile({ type: 'chunk', id: resolve(root, 'widget/embed/page.ts'), fileName: 'embed.js' });
      this.emitFile({
        type: 'chunk',
        id: resolve(root, 'widget/embed/configure.tsx'),
        fileName: 'configure.js',
      });
    },
    generateBundle() {
      const all: Messages = Object.fromEntries(LANGS.map((l) => [l, messages(l)]));
      this.emitFile({ type: 'asset', fileName: 'embed.html', source: embedHtml(all) });
      this.emitFile({ type: 'asset', fileName: 'configure.html', source: configureHtml(all) });
      this.emitFile({ type: 'asset', fileName: 'embed.css', source: EMBED_CSS });
      this.emitFile({ type: 'asset', fileName: 'configure.css', source: CONFIGURE_CSS });
      const frame = transformSync(readFileSync(resolve(root, 'widget/embed/frame.ts'), 'utf8'), {
        loader: 'ts',
        minify: true,
        target: 'es2020',
      });
      this.emitFile({
        type: 'asset',
        fileName: 'tarifa-frame.js',
        source: `/* Tarifa iframe loader: <script src=".../tarifa-frame.js" defer></script> */\n${frame.code}`,
      });
      this.emitFile({
        type: 'asset',
        fileName: 'tarifa.classic.js',
        source: `/* Tarifa classic-script loader: <script src=".../tarifa.classic.js" defer></script> */
(function () {
  var s = document.currentScript;
  var base = s && s.src ? s.src : document.baseURI;
  import(new URL('tarifa.js', base).href).catch(function (e) { console.error('[tarifa] could not load the widget', e); });
})();
`,
      });
    },
  };
}

/** V8's explicit compile hint for a whole file (Chrome 136+; a plain comment elsewhere). */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * Issue 17: the entry (widget/entryBoot.ts) starts the core chunk in parallel with main.ts (a
 * small chunk over it) and the visitor's first-view messages. The core chunk has no module the
 * entry could import, so its path relative to the entry is written over the placeholder here.
 * The hosted pages announce the core chunk in their HTML (modulepreload), one round trip earlier.
 * The core chunk starts with the compile hint.
 */
export function firstLoad(): Plugin {
  const PLACEHOLDER = '__TARIFA_CORE_CHUNK__';
  return {
    name: 'tarifa-first-load',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = bundle['tarifa.js'];
      const core = Object.values(bundle).find((c) => c.type === 'chunk' && c.name === 'core');
      if (entry?.type !== 'chunk' || core?.type !== 'chunk' || !entry.code.includes(PLACEHOLDER))
        return this.error('[tarifa] the entry has no core-chunk placeholder, or there is no core chunk');
      entry.code = entry.code.replace(PLACEHOLDER, `./${core.fileName}`);
      // The compile hint: V8 compiles every function of the core chunk eagerly, on the background
      // thread that streams it in, instead of one by one on the main thread when the first render
      // calls them (bench/profile-first.mjs: main-thread lazy compilation 14 → 2 ms at 1× CPU,
      // 131 → 23 ms at 6×, for ~11 ms more on the background thread at 1×, which on a phone runs
      // while the chunk downloads). It must come before any code; the licence notice
      // (widget/licenses.ts, a plugin after this one) goes above it.
      core.code = `${COMPILE_HINT}\n${core.code}`;
      // The hosted pages know main.ts's chunk and the core chunk from their HTML: they start with
      // tarifa.js itself (the language is the page's own, fetched by the entry).
      const main = entry.dynamicImports.filter((f) => f.startsWith('chunks/'));
      const preload = [...new Set([...main, core.fileName])]
        .map((f) => `<link rel="modulepreload" href="./${f}">\n`)
        .join('');
      for (const name of ['embed.html', 'configure.html']) {
        const page = bundle[name];
        const tag = '<script type="module" src="./tarifa.js"></script>';
        if (page?.type === 'asset' && typeof page.source === 'string' && page.source.includes(tag))
          page.source = page.source.replace(tag, `${preload}${tag}`);
      }
    },
  };
}
