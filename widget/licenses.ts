/**
 * Build plugin: the licence notices of the third-party code shipped in dist/. Emits
 * dist/THIRD-PARTY-LICENSES.txt with each package's own licence text, and puts a one-line legal
 * comment (`/*! … *\/`, kept by minifiers) at the top of every chunk that contains one of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

export const SHIPPED = ['preact', 'i18next', 'decimal.js'] as const;
export const NOTICE_FILE = 'THIRD-PARTY-LICENSES.txt';

function licenceText(root: string, pkg: string): { version: string; license: string; text: string } {
  const dir = resolve(root, 'node_modules', pkg);
  const meta = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  const file = readdirSync(dir).find((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f));
  if (!file) throw new Error(`[tarifa] no licence file in node_modules/${pkg}`);
  return {
    version: meta.version,
    license: meta.license,
    text: readFileSync(resolve(dir, file), 'utf8').trim(),
  };
}

/** `emitFile: false` for a second build into the same dist/ (the import worker): comments only. */
export function licenseNotices(root: string, options: { readonly emitFile?: boolean } = {}): Plugin {
  return {
    name: 'tarifa-licenses',
    apply: 'build',
    generateBundle(_options, bundle) {
      const texts = SHIPPED.map((pkg) => ({ pkg, ...licenceText(root, pkg) }));
      if (options.emitFile !== false)
        this.emitFile({
          type: 'asset',
          fileName: NOTICE_FILE,
          source: `Tarifa ships the following third-party code in dist/.\n\n${texts
            .map(
              (t) =>
                `${'='.repeat(72)}\n${t.pkg} ${t.version} (${t.license})\n${'='.repeat(72)}\n${t.text}\n`,
            )
            .join('\n')}`,
        });
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const ids = Object.keys(chunk.modules);
        const inside = texts.filter((t) => ids.some((id) => id.includes(`/node_modules/${t.pkg}/`)));
        if (inside.length === 0) continue;
        const list = inside.map((t) => `${t.pkg} ${t.version} (${t.license})`).join(', ');
        chunk.code = `/*! Includes ${list}. Licences: ${NOTICE_FILE} */\n${chunk.code}`;
      }
    },
  };
}
