/**
 * The embed build's own plugins (widget/vite.config.ts): files it emits besides the bundle
 * (frame.ts compiled as it is), and dist/tarifa.js as one request (issue 17: the entry and the
 * core chunk bundled together after the build). No source module is rewritten.
 */
import { readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { build, transformSync } from 'esbuild';
import { type Plugin, parseAst, type Rolldown } from 'vite';
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
      // The hosted page's Intl warm-up (widget/embed/warm.ts), a module of its own.
      const warm = transformSync(readFileSync(resolve(root, 'widget/embed/warm.ts'), 'utf8'), {
        loader: 'ts',
        minify: true,
        target: 'es2020',
      });
      this.emitFile({ type: 'asset', fileName: 'embed-warm.js', source: warm.code });
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

/**
 * The core chunk's exports that the facade's one-time read could get wrong: a `let`, or a top-level
 * binding assigned again at the top level. (Rolldown writes a top-level `const` as `var`; the
 * sources export no `let` or `var`.) Exported functions, classes and constants are safe.
 */
export function reassignableExports(code: string): string[] {
  const ast = parseAst(code) as unknown as { body: AstNode[] };
  const kinds = new Map<string, string>();
  const assigned = new Set<string>();
  for (const n of ast.body) {
    if ((n.type === 'FunctionDeclaration' || n.type === 'ClassDeclaration') && n.id)
      kinds.set(n.id.name, 'fixed');
    if (n.type === 'VariableDeclaration')
      for (const d of n.declarations ?? [])
        if (d.id.type === 'Identifier') kinds.set(d.id.name, n.kind ?? '');
    const e = n.type === 'ExpressionStatement' ? n.expression : undefined;
    if (e?.type === 'AssignmentExpression' && e.left?.type === 'Identifier') assigned.add(e.left.name);
  }
  const specifiers = ast.body
    .filter((n) => n.type === 'ExportNamedDeclaration')
    .flatMap((n) => n.specifiers ?? []);
  return specifiers
    .filter((s) => {
      const kind = kinds.get(s.local.name);
      return kind === undefined || kind === 'let' || assigned.has(s.local.name);
    })
    .map((s) => `${s.local.name} as ${s.exported.name}`);
}
type AstNode = {
  type: string;
  kind?: string;
  id?: { type: string; name: string };
  declarations?: { id: { type: string; name: string } }[];
  expression?: { type: string; left?: { type: string; name: string } };
  specifiers?: { local: { name: string }; exported: { name: string } }[];
};

/** A chunk's licence notice line (widget/licenses.ts). */
const NOTICE = /^\/\*![^\n]*\*\/\n/;

/** Code with its source map inline, for esbuild to follow (none without a map). */
function withMap(code: string, map: { toString(): string } | null | undefined): string {
  if (!map) return code;
  return `${code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(map.toString()).toString('base64')}\n`;
}

/** V8's explicit compile hint for a whole file (Chrome 136+; a plain comment elsewhere). */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The global key under which dist/tarifa.js hands its core modules to the lazy chunks. */
const coreKey = (coreFile: string): string => `tarifa:${coreFile}`;

/**
 * Issue 17: the first view in ONE request. Rolldown makes the entry (widget/index.ts) a small file
 * over the `core` chunk (widget/vite.config.ts), which the lazy chunks import too. This plugin then
 * bundles the two into dist/tarifa.js (esbuild, in memory: each chunk's own names kept apart), and
 * writes over the core chunk's file a facade that the lazy chunks load instead: it exports, under
 * the same names, the core modules of the copy of tarifa.js that ran first, which registers them
 * (a global keyed by the core chunk's hashed name). So a host may load the script under any URL
 * (`tarifa.js?v=2`, a renamed copy) and the lazy chunks still share its Preact and state;
 * a second copy on the same page defines nothing (defineElement skips a registered element) and
 * its lazy chunks use the first copy's core.
 * The hosted pages' scripts (embed.js, configure.js) are merged the same way, each with the whole
 * of tarifa.js: their page loads one script.
 * Each merged file starts with the compile hint: V8 compiles every function on the background
 * thread that streams the file in, instead of one by one on the main thread during the first
 * render (bench/profile-first.mjs).
 */
export function singleRequest(): Plugin {
  return {
    name: 'tarifa-single-request',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const entry = bundle['tarifa.js'];
      const core = Object.values(bundle).find((c) => c.type === 'chunk' && c.name === 'core');
      if (entry?.type !== 'chunk' || core?.type !== 'chunk' || !entry.imports.includes(core.fileName))
        return this.error('[tarifa] tarifa.js does not import a core chunk: nothing to merge');
      const extra = entry.imports.filter((f) => f !== core.fileName);
      if (extra.length > 0)
        return this.error(`[tarifa] tarifa.js imports more than the core chunk: ${extra.join(', ')}`);
      const names = core.exports;
      const bad = names.filter((n) => !/^[A-Za-z_$][\w$]*$/.test(n) || n === 'default');
      if (bad.length > 0)
        return this.error(`[tarifa] core exports that a facade cannot re-export: ${bad.join(', ')}`);
      const moving = reassignableExports(core.code);
      if (moving.length > 0)
        return this.error(
          `[tarifa] the facade would freeze core exports that may change: ${moving.join(', ')}`,
        );
      const key = JSON.stringify(coreKey(core.fileName));
      // In memory: /m/tarifa.js (the entry), /m/<core chunk>, the pages' scripts, and the code
      // that registers the core modules for the facade.
      const files = new Map<string, string>([
        ['/m/tarifa.js', withMap(entry.code, entry.map)],
        // Without its licence notice (widget/licenses.ts put it above the code its map describes).
        [`/m/${core.fileName}`, withMap(core.code.replace(NOTICE, ''), core.map)],
        [
          '/m/register.js',
          `import * as core from ${JSON.stringify(`/m/${core.fileName}`)};\nglobalThis[Symbol.for(${key})] ??= core;\n`,
        ],
      ]);
      // The core chunk's licence notice (widget/licenses.ts, a plugin before this one) goes to the
      // merged files; the facade has no third-party code.
      const head = `${NOTICE.exec(core.code)?.[0] ?? ''}${COMPILE_HINT}\n`;
      const merge = async (chunk: Rolldown.OutputChunk, main: string): Promise<void> => {
        const out = await bundleInMemory(files, main, `/m/${chunk.fileName}`, chunk.map !== null);
        if (out === undefined) return this.error(`[tarifa] merging ${chunk.fileName} gave no output`);
        chunk.code = `${head}${out.code}`;
        if (chunk.map && out.map) {
          // Sources relative to dist/ (esbuild resolves them from the in-memory paths, one level
          // off). Like every chunk's, the map leaves out the notice and hint lines above the code
          // (bench/profile-first.mjs skips them).
          const json = JSON.parse(out.map) as { sources: string[]; sourcesContent?: unknown };
          json.sources = json.sources.map((s) => `../${s.replace(/^(\.\.\/)+/, '')}`);
          delete json.sourcesContent;
          // Rolldown has already emitted the maps as assets (tarifa.js.map, the facade's).
          const asset = bundle[`${chunk.fileName}.map`];
          if (asset?.type === 'asset') asset.source = JSON.stringify(json);
          chunk.code += `\n//# sourceMappingURL=${posix.basename(chunk.fileName)}.map\n`;
        }
      };
      // The hosted pages' scripts (embed.js, configure.js: entries over the core chunk) each carry
      // the whole of tarifa.js too: their page loads one script, not tarifa.js, the facade and
      // then its own (issue 17: on the hosted page, five requests in parallel made tarifa.js
      // arrive ~15 ms later than on a host's page). Read before tarifa.js's own code is replaced.
      for (const name of ['embed.js', 'configure.js']) {
        const page = bundle[name];
        if (page?.type !== 'chunk') return this.error(`[tarifa] no ${name} in the bundle`);
        const others = page.imports.filter((f) => f !== core.fileName);
        if (others.length > 0)
          return this.error(`[tarifa] ${name} imports more than the core chunk: ${others.join(', ')}`);
        files.set(`/m/${name}`, withMap(page.code, page.map));
        // The element is defined (tarifa.js) before the page's script runs.
        await merge(page, `import '/m/register.js';\nimport '/m/tarifa.js';\nexport * from '/m/${name}';\n`);
      }
      await merge(entry, "import '/m/register.js';\nexport * from '/m/tarifa.js';\n");
      delete bundle[`${core.fileName}.map`];
      // The facade's own binding: a name none of the exports has.
      let own = 'core';
      while (names.includes(own)) own = `_${own}`;
      core.code = `const ${own} = globalThis[Symbol.for(${key})];
if (!${own}) throw new Error('[tarifa] load tarifa.js before its chunks');
export const { ${names.join(', ')} } = ${own};
`;
    },
  };
}

/**
 * One ES module from in-memory files (esbuild: each module's own names kept apart, nothing
 * tree-shaken). Paths outside `files` are other chunks of dist/, kept as imports relative to
 * `outfile`'s directory.
 */
async function bundleInMemory(
  files: Map<string, string>,
  main: string,
  outfile: string,
  sourcemap: boolean,
): Promise<{ code: string; map?: string } | undefined> {
  const all = new Map(files).set('/m/main.js', main);
  const out = await build({
    entryPoints: ['/m/main.js'],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    // With `vite build --sourcemap` (bench/profile-first.mjs), a map through every chunk's.
    sourcemap: sourcemap ? 'external' : false,
    outfile,
    treeShaking: false,
    plugins: [
      {
        name: 'memory',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            const path = args.path.startsWith('/m/')
              ? args.path
              : posix.resolve(posix.dirname(args.importer), args.path);
            if (all.has(path)) return { path, namespace: 'm' };
            // Another chunk: its path from the merged file.
            return { path: `./${posix.relative(posix.dirname(outfile), path)}`, external: true };
          });
          b.onLoad({ filter: /.*/, namespace: 'm' }, (args) => ({
            contents: all.get(args.path),
            loader: 'js',
          }));
        },
      },
    ],
  });
  const code = out.outputFiles.find((f) => f.path.endsWith('.js'))?.text;
  if (code === undefined) return undefined;
  return { code, map: out.outputFiles.find((f) => f.path.endsWith('.map'))?.text };
}

/**
 * A JSON module as JSON text (`JSON.parse('…')`) rather than an object literal: V8 scans a string
 * faster than it compiles a 50 KB literal, and JSON.parse builds the same objects. Used for the
 * first view's cards (issue 17: the compile of tarifa.js is on the first total's path).
 */
export function jsonAsText(pattern: RegExp): Plugin {
  return {
    name: 'tarifa-json-as-text',
    enforce: 'pre',
    load(id) {
      if (!pattern.test(id)) return null;
      const text = JSON.stringify(JSON.parse(readFileSync(id, 'utf8')));
      return { code: `export default JSON.parse(${JSON.stringify(text)});`, moduleType: 'js' };
    },
  };
}
