/**
 * Serves one part of a locale file: `locales/<lang>.json?first` (the first view's messages) or
 * `?later` (the rest), split by the lists of widget/localeParts.ts: a module whose default export
 * is that part of the JSON (data in, data out; no source code is read). widget/vite.config.ts
 * uses it. The component tests (vitest.config.ts) use it with `whole: true`: each language
 * whole as `first` and nothing `later`, so a test sees every message at once (the split itself
 * is checked by test/unit/localeParts.test.ts and, in the build, by the browser tests).
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { messagesPart } from './localeParts.ts';

const PART = /\/locales\/[A-Za-z-]+\.json\?(first|later)$/;

export function localeParts(options: { readonly whole?: boolean } = {}): Plugin {
  return {
    name: 'tarifa-locale-parts',
    enforce: 'pre',
    load(id) {
      const part = PART.exec(id)?.[1] as 'first' | 'later' | undefined;
      if (part === undefined) return null;
      const file = id.slice(0, id.indexOf('?'));
      this.addWatchFile(file);
      const messages = JSON.parse(readFileSync(file, 'utf8'));
      const json = JSON.stringify(
        options.whole ? (part === 'first' ? messages : {}) : messagesPart(messages, part),
      );
      // `first`: the JSON text (every language's is in the initial script; only the one in use is
      // parsed, widget/localeLoaders.ts); `later`: the messages (a chunk of their own).
      return part === 'first'
        ? `export default ${JSON.stringify(json)};`
        : `export default JSON.parse(${JSON.stringify(json)});`;
    },
  };
}
