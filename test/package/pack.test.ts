/**
 * The npm package as users get it: `npm pack` (prepack builds lib/ and dist/; under `npm test`,
 * which has just built both, TARIFA_PACK_BUILT=1 packs them with --ignore-scripts), the tarball
 * installed into an empty project, imported from a `.mjs` file by plain node (no TypeScript
 * loader), its types checked by tsc, its `tarifa` bin run. Offline: the package's dependencies
 * come from this checkout's node_modules (file: links), the tarball from disk.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });
const canPack = npm.status === 0;
if (!canPack) {
  const banner = '!'.repeat(78);
  console.warn(
    `\n${banner}\n!!! npm NOT FOUND: THE PACKAGE TEST (npm pack + install) DID NOT RUN.\n${banner}`,
  );
}

// scripts/test.mjs sets TARIFA_PACK_BUILT=1 after building lib/ and dist/ itself: then `npm pack`
// skips prepack (which would build both again). Run alone, the test packs as a user does.
const PREBUILT = process.env.TARIFA_PACK_BUILT === '1';

const TMP = mkdtempSync(join(tmpdir(), 'tarifa-pack-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function sh(cmd: string, args: string[], cwd: string) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // no loader of the test runner's
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

describe.skipIf(!canPack)('npm package', () => {
  it('packs, installs into an empty project, imports in plain node, type-checks, runs the bin', () => {
    // 1. Pack (prepack: build:lib + widget build, unless the caller has just run both).
    const pack = sh(
      'npm',
      ['pack', '--json', '--pack-destination', TMP, ...(PREBUILT ? ['--ignore-scripts'] : [])],
      ROOT,
    );
    expect(pack.status, pack.err).toBe(0);
    const [info] = JSON.parse(pack.out.slice(pack.out.indexOf('[')));
    const files: string[] = info.files.map((f: { path: string }) => f.path);
    for (const f of [
      'package.json',
      'LICENSE',
      'README.md',
      'lib/engine/index.js',
      'lib/engine/index.d.ts',
      'lib/engine/data/index.js',
      'lib/engine/data/cards/pmp-2026-10-01-USD.json',
      'lib/cli/bin.js',
      'lib/cli/worker.js',
      'dist/tarifa.js',
    ])
      expect(files).toContain(f);
    // Only what users need: no sources, tests, scripts or configuration.
    expect(
      files.filter(
        (f) =>
          /^(engine|widget|test|scripts|bench|cli)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')),
      ),
    ).toEqual([]);

    // 2. An empty project; install the tarball offline.
    const app = join(TMP, 'app');
    mkdirSync(app);
    const dep = (name: string) => `file:${join(ROOT, 'node_modules', name)}`;
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({
        name: 'app',
        private: true,
        type: 'module',
        dependencies: { 'decimal.js': dep('decimal.js'), i18next: dep('i18next'), preact: dep('preact') },
      }),
    );
    const install = sh(
      'npm',
      ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', join(TMP, info.filename)],
      app,
    );
    expect(install.status, install.err).toBe(0);

    // 3. Plain node imports the engine, the cards entry and resolves the widget.
    writeFileSync(
      join(app, 'use.mjs'),
      `import { priceEvents, bundledRateCards as viaRoot } from 'tarifa';
import { bundledRateCards } from 'tarifa/cards';
import { estimate, currenciesInForce } from 'tarifa/core';
import { bundledCatalog } from 'tarifa/cards/catalog';
import { currentRateCards } from 'tarifa/cards/current';
import { loadBundledCard } from 'tarifa/cards/lazy';
import { parseRateCards } from 'tarifa/validate';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const bill = priceEvents(
  [{ at: '2026-10-05T10:01:00-03:00', direction: 'outbound', user: '+5511987650001', kind: 'template', category: 'marketing' }],
  { timeZone: 'America/Sao_Paulo' },
);
let deep = 'exported';
try { await import('tarifa/lib/engine/money.js'); } catch (e) { deep = e.code; }
console.log(JSON.stringify({
  total: bill.total,
  cards: bundledRateCards.cards.length,
  same: viaRoot === bundledRateCards,
  widget: existsSync(fileURLToPath(import.meta.resolve('tarifa/widget'))),
  deep,
  // Issue 18: the core without data, the card modules and the validator as entries of their own.
  core: estimate({ month: '2026-11', countries: [{ country: 'BR', marketing: 1 }] }, { rateCards: currentRateCards }).total,
  currencies: currenciesInForce(bundledCatalog.cards, '2026-11'),
  lazy: (await loadBundledCard('cbp-2023-06-01-USD')).id,
  validated: parseRateCards(bundledRateCards).cards.length,
}));
`,
    );
    const bundledCount = readdirSync(join(ROOT, 'engine/data/cards')).filter((f) =>
      f.endsWith('.json'),
    ).length;
    const use = sh(process.execPath, ['use.mjs'], app);
    expect(use.err).toBe('');
    expect(JSON.parse(use.out)).toEqual({
      total: '0.0625',
      cards: bundledCount,
      same: true,
      widget: true,
      deep: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      core: '0.0625',
      currencies: ['USD', 'AED', 'BRL'],
      lazy: 'cbp-2023-06-01-USD',
      validated: bundledCount,
    });

    // 4. Types: a consumer compiles under nodenext; a wrong type is an error (the types are real).
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const tsArgs = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--types',
      'node',
      '--typeRoots',
      join(ROOT, 'node_modules/@types'),
    ];
    writeFileSync(
      join(app, 'ok.ts'),
      `import { priceEvents, type Bill } from 'tarifa';\nimport { bundledRateCards } from 'tarifa/cards';\nconst b: Bill = priceEvents([], { rateCards: bundledRateCards });\n// null in a month without a card in the currency (issue 12)\nexport const total: string = b.total ?? 'no card';\n`,
    );
    writeFileSync(
      join(app, 'wrong.ts'),
      `import { priceEvents } from 'tarifa';\nexport const total: number = priceEvents([]).total;\n`,
    );
    const check = sh(process.execPath, [tsc, ...tsArgs, 'ok.ts', 'wrong.ts'], app);
    expect(check.status).not.toBe(0);
    expect(check.out.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^wrong\.ts\(2,14\): error TS2322: Type 'string \| null' is not assignable to type 'number'/,
      ),
      expect.stringMatching(/^\s+Type 'null' is not assignable to type 'number'/),
    ]);

    // 5. The bin, compiled, with worker threads.
    const log = join(ROOT, 'test/fixtures/cli/log.csv');
    const bin = join(app, 'node_modules/.bin/tarifa');
    const one = sh(bin, ['price', '--json', '--tz', 'America/Sao_Paulo', log], app);
    const two = sh(bin, ['price', '--json', '--tz', 'America/Sao_Paulo', '--workers', '2', log], app);
    expect(one.status, one.err).toBe(0);
    expect(JSON.parse(one.out).total).toBe('0.1090');
    expect(two.out).toBe(one.out);
    expect(sh(bin, ['--help'], app).out).toContain('Usage: tarifa <command>');
  }, 180_000);
});
