/**
 * Real-browser tests of issue 4 in the widget (widget/results, compare, fees, share): the share link (deep link, edit,
 * reload, copy), the comparison against the node engine's compareMonths, partner fees against
 * applyPartnerFees, the CSV download (es and en), axe-core with every panel open, and the print
 * view on one A4 page. Pages are served by playwright routes under /decide/ (the built script
 * comes from the static server's /dist/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseAst } from 'vite';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { applyPartnerFees, compareMonths, estimate, parsePartnerFees } from '../../engine/index.ts';
import { encodeScenario } from '../../widget/share/scenarioUrl.ts';
import { TEST_MONTH } from '../clock.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';
import { assert, equal, launch, requireChromium, seriousAxeViolations, suite } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const { test, run } = suite();
requireChromium();

const { context, server, close } = await launch();
const origin = server.url;
const problems: string[] = [];
const requests: string[] = [];
context.on('request', (r) => requests.push(r.url()));

const FEES = {
  perOutboundMessage: { amount: '0.0040', label: 'Plataforma' },
  markupPercent: { amount: '7.5' },
  monthlyPlatformFee: { amount: '99', label: 'Plan Pro' },
  taxPercent: { amount: '16', label: 'IVA' },
};

/** Test pages: one widget with the given attributes (HTML-escaped). */
await context.route(`${origin}/decide/**`, (route) => {
  const url = new URL(route.request().url());
  const attrs = url.searchParams.get('attrs') ?? '';
  const lang = url.searchParams.get('page-lang') ?? 'en';
  // The script's address as a host writes it (`?script=/dist/tarifa.js?ver=6.4`, WordPress-style).
  const script = esc(url.searchParams.get('script') ?? '/dist/tarifa.js');
  route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>decide</title>
<script type="module" src="${script}"></script></head>
<body><h1>Test page</h1><wa-pricing-calculator ${attrs}></wa-pricing-calculator></body></html>`,
  });
});

/** Test pages with two widgets: `attrs` and `attrs2` (issue 13: one widget owns the address). */
await context.route(`${origin}/decide-two/**`, (route) => {
  const url = new URL(route.request().url());
  route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>two widgets</title>
<script type="module" src="/dist/tarifa.js"></script></head>
<body><h1>Two widgets</h1><wa-pricing-calculator ${url.searchParams.get('attrs') ?? ''}></wa-pricing-calculator>
<wa-pricing-calculator ${url.searchParams.get('attrs2') ?? ''}></wa-pricing-calculator></body></html>`,
  });
});

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
function pageUrl(attrs: Record<string, string>, hash = '', lang = 'en'): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(' ');
  return `${origin}/decide/page.html?page-lang=${lang}&attrs=${encodeURIComponent(a)}${hash}`;
}

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.locator('wa-pricing-calculator').locator('[data-testid="total"]').waitFor({ timeout: 10000 });
  return page;
}
const w = (page: Page) => page.locator('wa-pricing-calculator');
async function waitTotal(page: Page, expected: string) {
  await page.waitForFunction(
    (t) =>
      document
        .querySelector('wa-pricing-calculator')
        ?.shadowRoot?.querySelector('[data-testid="total"]')
        ?.getAttribute('data-total') === t,
    expected,
    { timeout: 5000 },
  );
}
const hashOf = (page: Page) => page.evaluate(() => location.hash);

const row = defaultCountry;
const scenario = defaultScenario;

const DEEP = encodeScenario({
  month: '2026-11',
  currency: 'USD',
  lang: 'en',
  assumptions: { phoneNumbers: 2 },
  countries: [
    {
      country: 'MX',
      marketing: 5000,
      utility: 1234,
      authentication: 0,
      conversations: 4000,
      repliesPerConversation: 2.5,
    },
    {
      country: 'BR',
      marketing: 10,
      utility: 0,
      authentication: 70,
      conversations: 0,
      repliesPerConversation: 0,
    },
  ],
});
const DEEP_SCENARIO = scenario(
  '2026-11',
  [
    row('MX', {
      marketing: 5000,
      utility: 1234,
      authentication: 0,
      conversations: 4000,
      repliesPerConversation: 2.5,
    }),
    row('BR', { marketing: 10, utility: 0, authentication: 70, conversations: 0, repliesPerConversation: 0 }),
  ],
  2,
);

test('the initial script has no decimal.js; the comparison chunk loads it only when opened', async () => {
  // The initial script is one file (issue 17: widget/buildPlugins.ts, singleRequest).
  const entry = readFileSync(resolve(ROOT, 'dist/tarifa.js'), 'utf8');
  const statics = (parseAst(entry) as unknown as { body: { type: string; source?: unknown }[] }).body.filter(
    (n) => n.type === 'ImportDeclaration' || (n.type.startsWith('Export') && n.source),
  );
  equal(statics.length, 0, 'tarifa.js imports nothing statically');
  assert(entry.includes('wa-pricing-calculator'), 'tarifa.js holds the core (the element)');
  // i18next is a lazy chunk (widget/i18nextLib.ts): the first render reads its messages without it.
  assert(!entry.includes('overloadTranslationOptionHandler'), 'i18next in the initial script');
  assert(!entry.includes('DecimalError'), 'DecimalError in the initial script');
  const before = requests.length;
  const page = await open(pageUrl({ lang: 'en', country: 'US' }));
  const loaded = () => requests.slice(before).filter((u) => u.includes('decide-engine'));
  equal(loaded(), [], 'decide-engine chunk before the comparison opens');
  await w(page).getByText('Compare with other months').click();
  await w(page).getByRole('table', { name: "The same volumes under each month's rules and rates" }).waitFor();
  assert(loaded().length === 1, `decide-engine chunk loaded once: ${loaded()}`);
  await page.close();
});

test("a card the first view lacks (August's BRL card) is one round trip away: the card loaders are in tarifa.js", async () => {
  equal(
    readdirSync(resolve(ROOT, 'dist/cards')).filter((f) => f.startsWith('lazy-')),
    [],
    'no chunk of card loaders',
  );
  const before = requests.length;
  // The first view holds the cards in force (October's BRL card); July's is a chunk of its own.
  const page = await open(pageUrl({ lang: 'pt-BR', country: 'BR', month: '2026-08' }, '', 'pt-BR'));
  await page.waitForFunction(() =>
    /R\$/.test(
      document.querySelector('wa-pricing-calculator')?.shadowRoot?.querySelector('[data-testid="total"]')
        ?.textContent ?? '',
    ),
  );
  const cards = requests.slice(before).filter((u) => u.includes('/dist/cards/'));
  assert(
    cards.some((u) => /\/pmp-2026-07-01-BRL-/.test(u)) && !cards.some((u) => /\/pmp-2026-10-01-BRL-/.test(u)),
    `the BRL card loaded: ${cards}`,
  );
  assert(!cards.some((u) => /\/lazy-/.test(u)), `no loader chunk: ${cards}`);
  await page.close();
});

test('the first total needs no i18next: it renders, in the page language, while the i18next chunk is held back', async () => {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  let asked = 0;
  await page.route(/\/dist\/chunks\/i18next-[\w-]+\.js$/, async (route) => {
    asked++;
    await held;
    await route.continue();
  });
  await page.goto(pageUrl({ lang: 'es-MX', country: 'MX' }, '', 'es-MX'));
  const total = w(page).locator('[data-testid="total"]');
  await total.waitFor({ timeout: 10000 });
  await page.waitForFunction(() =>
    /\d/.test(
      document.querySelector('wa-pricing-calculator')?.shadowRoot?.querySelector('[data-testid="total"]')
        ?.textContent ?? '',
    ),
  );
  equal(
    await w(page).locator('h2').first().textContent(),
    'Calculadora de precios de WhatsApp Business',
    'heading in Spanish',
  );
  for (let i = 0; i < 200 && asked === 0; i++) await page.waitForTimeout(25);
  assert(asked >= 1, 'the i18next chunk was asked for (after the first render)');
  // Once it arrives, everything else works: the comparison panel's messages (they nest keys).
  release();
  await w(page).getByText('Comparar con otros meses').click();
  await w(page).getByRole('table').first().waitFor();
  await page.close();
});

test("tarifa.js?ver=… (a cache-busting host), then a second copy: one element, and the lazy panels share the first copy's core", async () => {
  const before = requests.length;
  const page = await open(
    `${pageUrl({ lang: 'en', country: 'US' })}&script=${encodeURIComponent('/dist/tarifa.js?ver=6.4')}`,
  );
  // A second copy under another address: it defines nothing and its lazy chunks use the first's core.
  const mountType = await page.evaluate(async () => {
    const again = '/dist/tarifa.js?second-copy';
    const m = (await import(again)) as { mount: unknown };
    return typeof m.mount;
  });
  equal(mountType, 'function', "the second copy's mount()");
  await w(page).getByText('Compare with other months').click();
  await w(page).getByRole('table', { name: "The same volumes under each month's rules and rates" }).waitFor();
  equal(await page.locator('wa-pricing-calculator').count(), 1, 'one widget');
  const urls = requests.slice(before).filter((u) => u.includes('/dist/chunks/core-'));
  assert(urls.length > 0, "this page's lazy chunks import the core facade");
  equal(problems.length, 0, `no console or page error: ${problems.join(' | ')}`);
  await page.close();
});

test('dist/ keeps the licence notices of the third-party code it ships, and tarifa.js its compile hint', async () => {
  const notices = readFileSync(resolve(ROOT, 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8');
  for (const pkg of ['preact', 'i18next', 'decimal.js']) {
    const own = readdirSync(resolve(ROOT, 'node_modules', pkg)).find((f) => /^licen[cs]e/i.test(f))!;
    const text = readFileSync(resolve(ROOT, 'node_modules', pkg, own), 'utf8').trim();
    assert(notices.includes(text), `${pkg}'s licence text in THIRD-PARTY-LICENSES.txt`);
  }
  const code = readFileSync(resolve(ROOT, 'dist/tarifa.js'), 'utf8');
  assert(/^\/\*! Includes preact [^*]*THIRD-PARTY-LICENSES\.txt \*\//.test(code), 'tarifa.js notice');
  const i18nextChunk = readdirSync(resolve(ROOT, 'dist/chunks')).find((f) => /^i18next-.*\.js$/.test(f))!;
  assert(
    /^\/\*! Includes i18next [^*]*THIRD-PARTY-LICENSES\.txt \*\//.test(
      readFileSync(resolve(ROOT, 'dist/chunks', i18nextChunk), 'utf8'),
    ),
    "the i18next chunk's notice",
  );
  // Issue 17: V8's compile hint, right under the notice and above any code (widget/buildPlugins.ts).
  equal(code.split('\n')[1], '//# allFunctionsCalledOnLoad', 'tarifa.js asks for eager compilation');
  // The first view's cards as JSON text, not an object literal (widget/buildPlugins.ts, jsonAsText).
  assert(code.includes(`JSON.parse('{"formatVersion":1,`), "the first view's cards as JSON text");
  assert(!/cards:\[\{id:"pmp-/.test(code), 'no card as an object literal');
  // The core chunk the lazy chunks import is a facade over tarifa.js's modules: no third-party code.
  const facades = readdirSync(resolve(ROOT, 'dist/chunks')).filter((f) => /^core-.*\.js$/.test(f));
  equal(facades.length, 1, 'one core facade');
  const facade = readFileSync(resolve(ROOT, 'dist/chunks', facades[0]!), 'utf8');
  assert(
    !facade.includes('/*!') && facade.length < 4000,
    `a small facade without notice (${facade.length} B)`,
  );
});

test('a deep link renders its scenario; edits go to the fragment (replaceState); reload keeps them', async () => {
  const page = await open(pageUrl({ lang: 'es' }, `#tarifa=${DEEP}`));
  // The link's language (en) wins over the attribute.
  await w(page).getByRole('heading', { name: 'WhatsApp Business pricing calculator' }).waitFor();
  await waitTotal(page, estimate(DEEP_SCENARIO, { currency: 'USD' }).total!);
  const mx = w(page).getByRole('group', { name: 'Messages per month to Mexico' });
  equal(
    await mx.getByRole('textbox', { name: 'Your replies per conversation' }).inputValue(),
    '2.5',
    'replies',
  );
  const historyLength = await page.evaluate(() => history.length);
  await mx.getByRole('textbox', { name: 'Marketing templates' }).fill('7,500');
  const edited = scenario(
    '2026-11',
    [{ ...DEEP_SCENARIO.countries[0]!, marketing: 7500 }, DEEP_SCENARIO.countries[1]!],
    2,
  );
  const expected = estimate(edited, { currency: 'USD' }).total;
  await waitTotal(page, expected!);
  await page.waitForFunction(() => location.hash.includes('MX*7500*'));
  equal(await page.evaluate(() => history.length), historyLength, 'no new history entry');
  assert((await hashOf(page)).startsWith('#tarifa=v1_'), 'fragment');
  // An invalid edit keeps the last valid link.
  const hash = await hashOf(page);
  await mx.getByRole('textbox', { name: 'Marketing templates' }).fill('abc');
  await page.waitForTimeout(150);
  equal(await hashOf(page), hash, 'link kept while a field is invalid');
  await mx.getByRole('textbox', { name: 'Marketing templates' }).fill('7,500');
  await page.reload();
  await w(page).locator('[data-testid="total"]').waitFor();
  await waitTotal(page, expected!);
  equal(
    await w(page)
      .getByRole('group', { name: 'Messages per month to Mexico' })
      .getByRole('textbox', { name: 'Marketing templates' })
      .inputValue(),
    '7,500',
    'after reload',
  );
  await page.close();
});

test('copy link: the copied link opens the same estimate in a new page', async () => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await open(pageUrl({ lang: 'en', country: 'CO' }));
  const group = w(page).getByRole('group', { name: 'Messages per month to Colombia' });
  await group.getByRole('textbox', { name: 'Utility templates' }).fill('45,678');
  const expected = estimate(scenario(TEST_MONTH, [row('CO', { utility: 45678 })]), { currency: 'USD' }).total;
  await waitTotal(page, expected!);
  await page.waitForFunction(() => location.hash.includes('CO*1000*45678*'));
  await w(page).getByRole('button', { name: 'Copy link to this estimate' }).click();
  await w(page).getByText('Link copied.', { exact: false }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // Link mode (issue 10): the hosted page next to the script, with the address's fragment.
  equal(copied, `${origin}/dist/embed.html${await hashOf(page)}`, 'copied = hosted page + fragment');
  const other = await open(copied);
  await waitTotal(other, expected!);
  await other.close();
  await page.close();
});

test('an invalid link shows a localized alert and the defaults, and injects no markup', async () => {
  const page = await open(
    pageUrl({ lang: 'es', country: 'MX' }, '#tarifa=v1_m2026-11_MX*1*2*3*4*5_%3Cimg%20src=x%3E', 'es'),
  );
  const alert = w(page).getByRole('alert');
  await alert.waitFor();
  assert(((await alert.textContent()) ?? '').includes('El enlace compartido'), 'Spanish message');
  equal(await w(page).locator('img').count(), 0, 'no injected element');
  await waitTotal(page, estimate(scenario(TEST_MONTH, [row('MX')]), { currency: 'USD' }).total!);
  await page.close();
});

test('comparison: a support-heavy scenario shows the October 2026 service change, figures = compareMonths', async () => {
  const s = scenario('2026-11', [
    row('US', {
      marketing: 0,
      utility: 0,
      authentication: 0,
      conversations: 20000,
      repliesPerConversation: 5,
    }),
  ]);
  const link = encodeScenario({
    month: '2026-11',
    currency: 'USD',
    lang: 'en',
    assumptions: { phoneNumbers: 1 },
    countries: [
      {
        country: 'US',
        marketing: 0,
        utility: 0,
        authentication: 0,
        conversations: 20000,
        repliesPerConversation: 5,
      },
    ],
  });
  const page = await open(pageUrl({ lang: 'en' }, `#tarifa=${link}`));
  await waitTotal(page, estimate(s, { currency: 'USD' }).total!);
  await w(page).getByText('Compare with other months').click();
  const table = w(page).getByRole('table', { name: "The same volumes under each month's rules and rates" });
  await table.waitFor();
  const node = compareMonths(s, { currency: 'USD' }, ['2026-09', '2025-06']);
  const cells = await table
    .locator('td[data-month]')
    .evaluateAll((tds) =>
      tds.map((td) => [
        td.getAttribute('data-month'),
        td.getAttribute('data-category'),
        td.getAttribute('data-amount'),
        td.getAttribute('data-diff'),
      ]),
    );
  const expected: (string | null)[][] = [];
  for (const cat of ['service', 'total'] as const) {
    for (const [i, m] of node.months.entries()) {
      const d = i === 0 ? null : node.differences[i - 1]!;
      expected.push([
        m.month,
        cat,
        cat === 'total' ? m.estimate.total : m.totals[cat],
        d === null ? null : cat === 'total' ? d.total : d.byCategory[cat],
      ]);
    }
  }
  equal(cells, expected, 'comparison cells = node compareMonths');
  assert(Number(node.differences[0]!.total) < 0, 'September 2026 costs less (service replies were free)');
  const reasons = await w(page).locator('.reasons[data-month="2026-09"] li').allTextContents();
  const service = reasons.find((r) => r.startsWith('Service replies'));
  assert(
    service?.includes('charged after 1,000 free per business phone number in November 2026') &&
      service.includes('October 1, 2026'),
    `service reason: ${service}`,
  );
  // The comparison chart: an SVG image with a title, and its data table.
  const chart = w(page).locator('.decide-compare svg[role="img"]');
  assert(((await chart.locator('title').textContent()) ?? '').includes('Total by month'), 'chart title');
  await page.close();
});

test('partner fees from attributes appear in the totals, = applyPartnerFees', async () => {
  const page = await open(
    pageUrl({ lang: 'es', country: 'MX,CO', 'partner-fees': JSON.stringify(FEES) }, '', 'es'),
  );
  const s = scenario(TEST_MONTH, [row('MX'), row('CO')]);
  const b = applyPartnerFees(estimate(s, { currency: 'USD' }), s, parsePartnerFees(FEES));
  const grand = w(page).getByTestId('grand-total');
  await grand.waitFor();
  equal(await grand.getAttribute('data-total'), b.grandTotal, 'grand total');
  const table = w(page).getByRole('table', { name: 'Con las tarifas de tu proveedor' });
  const amounts = await table
    .locator('td[data-amount]')
    .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-amount')));
  equal(amounts, [b.meta, ...b.partnerLines.map((l) => l.amount), b.tax], 'lines');
  for (const label of ['Plataforma', 'Plan Pro', 'IVA'])
    await table.getByRole('rowheader', { name: new RegExp(label) }).waitFor();
  await page.close();
});

test('partner-editable: the visitor types fees in the local notation and the totals follow', async () => {
  const page = await open(
    pageUrl(
      { lang: 'es', country: 'MX', 'partner-fees': '{"monthlyPlatformFee":"10"}', 'partner-editable': '' },
      '',
      'es',
    ),
  );
  await w(page).getByText('Tarifas del proveedor', { exact: true }).click();
  await w(page).getByRole('textbox', { name: 'Por mensaje enviado' }).fill('0,0125');
  const s = scenario(TEST_MONTH, [row('MX')]);
  const b = applyPartnerFees(
    estimate(s, { currency: 'USD' }),
    s,
    parsePartnerFees({ monthlyPlatformFee: '10', perOutboundMessage: '0.0125' }),
  );
  await page.waitForFunction(
    (t) =>
      document
        .querySelector('wa-pricing-calculator')
        ?.shadowRoot?.querySelector('[data-testid="grand-total"]')
        ?.getAttribute('data-total') === t,
    b.grandTotal,
  );
  await page.close();
});

for (const [lang, sep, mark, country] of [
  ['es', ';', ',', 'MX'],
  ['en', ',', '.', 'US'],
] as const) {
  test(`CSV download (${lang}): BOM, "${sep}" between cells, "${mark}" as decimal mark, engine amounts`, async () => {
    const page = await open(pageUrl({ lang, country }, '', lang));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      w(page)
        .getByRole('button', { name: lang === 'es' ? 'Descargar CSV' : 'Download CSV' })
        .click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    assert(text.startsWith('\uFEFF'), 'BOM');
    const lines = text.slice(1).split('\r\n');
    assert(lines[0]!.startsWith(lang === 'es' ? `País${sep}` : `Country${sep}`), `header: ${lines[0]}`);
    const e = estimate(scenario(TEST_MONTH, [row(country)]), { currency: 'USD' });
    const total = lines.find((l) => l.startsWith('Total'));
    assert(total?.includes(`${sep}${e.total!.replace('.', mark)}${sep}USD`), `total row: ${total}`);
    assert(download.suggestedFilename().endsWith(`${TEST_MONTH}.csv`), download.suggestedFilename());
    await page.close();
  });
}

test('axe-core: no serious or critical violations with every panel open', async () => {
  const page = await open(
    pageUrl({ lang: 'en', country: 'US,BR', 'partner-fees': JSON.stringify(FEES), 'partner-editable': '' }),
  );
  const root = w(page);
  for (const name of ['What if…', 'Provider fees', 'Compare with other months', 'Charts'])
    await root.getByText(name, { exact: true }).click();
  await root
    .getByRole('checkbox', { name: 'Meta re-categorises some utility templates as marketing' })
    .check();
  await root.getByRole('checkbox', { name: 'Not every message is delivered' }).check();
  await root.getByRole('table', { name: "The same volumes under each month's rules and rates" }).waitFor();
  await root.locator('.charts svg').first().waitFor();
  for (const summary of await root.locator('.chart-data > summary').all()) await summary.click();
  for (const b of await root.getByRole('button', { name: /^Why\? / }).all()) await b.click();
  await root.locator('.explain').first().waitFor();
  const bad = await seriousAxeViolations(page);
  equal(bad, [], 'serious/critical axe violations');
  await page.close();
});

test('print view: a 3-country scenario with fees and the comparison fits ONE A4 page', async () => {
  const page = await open(pageUrl({ lang: 'en', country: 'US,BR,IN', 'partner-fees': JSON.stringify(FEES) }));
  await w(page).getByText('Compare with other months').click();
  await w(page).getByRole('table', { name: "The same volumes under each month's rules and rates" }).waitFor();
  await w(page).getByTestId('grand-total').waitFor();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  equal(pages, 1, 'PDF pages');
  await page.emulateMedia({ media: 'print' });
  equal(await w(page).locator('.inputs').isVisible(), false, 'controls hidden in print');
  assert(
    await w(page).getByRole('table', { name: 'Breakdown by country and category' }).isVisible(),
    'breakdown printed',
  );
  await page.close();
});

test('theme="auto" follows a live switch of the colour scheme; the widget stays LTR on an RTL page', async () => {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(pageUrl({ lang: 'en', theme: 'auto' }));
  await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
  const root = w(page).locator('.root');
  await root.waitFor();
  const isDark = () => root.evaluate((el) => el.classList.contains('theme-dark'));
  equal(await isDark(), false, 'light at first');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() =>
    document.querySelector('wa-pricing-calculator')?.shadowRoot?.querySelector('.root.theme-dark'),
  );
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(
    () => !document.querySelector('wa-pricing-calculator')?.shadowRoot?.querySelector('.root.theme-dark'),
  );
  equal(await root.evaluate((el) => getComputedStyle(el).direction), 'ltr', 'direction inside an RTL page');
  await page.close();
});

/** The total shown by the n-th widget of the page. */
const totalOf = (page: Page, n: number) =>
  page.evaluate(
    (k) =>
      document
        .querySelectorAll('wa-pricing-calculator')
        [k]?.shadowRoot?.querySelector('[data-testid="total"]')
        ?.getAttribute('data-total') ?? null,
    n,
  );
async function waitTotalOf(page: Page, n: number, expected: string) {
  await page.waitForFunction(
    ([k, t]) =>
      document
        .querySelectorAll('wa-pricing-calculator')
        [k as number]?.shadowRoot?.querySelector('[data-testid="total"]')
        ?.getAttribute('data-total') === t,
    [n, expected] as const,
    { timeout: 5000 },
  );
}
const attrText = (attrs: Record<string, string>) =>
  Object.entries(attrs)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(' ');

test('two share="url" widgets: the first owns the address, the second warns and behaves as share="none"', async () => {
  const page = await context.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    else if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const q = new URLSearchParams({
    attrs: attrText({ lang: 'en', share: 'url' }),
    attrs2: attrText({ lang: 'en', share: 'url', country: 'CO' }),
  });
  await page.goto(`${origin}/decide-two/page.html?${q}#tarifa=${DEEP}`);
  await waitTotalOf(page, 0, estimate(DEEP_SCENARIO, { currency: 'USD' }).total!);
  const colombia = estimate(scenario(TEST_MONTH, [row('CO')]), { currency: 'USD' }).total;
  await waitTotalOf(page, 1, colombia!);
  // After a reload, still the same: the link is the first widget's, never the second's.
  await page.reload();
  await waitTotalOf(page, 0, estimate(DEEP_SCENARIO, { currency: 'USD' }).total!);
  await waitTotalOf(page, 1, colombia!);
  assert(
    warnings.some((m) => m.includes('[tarifa]') && m.includes('share="url"')),
    `a warning names the second share="url" widget: ${warnings}`,
  );
  equal(
    warnings.filter((m) => !m.includes('share="url"')),
    [],
    'no other warning',
  );
  // Editing the second widget leaves the address alone.
  const second = page.locator('wa-pricing-calculator').nth(1);
  await second
    .getByRole('group', { name: 'Messages per month to Colombia' })
    .getByRole('textbox', { name: 'Utility templates' })
    .fill('4,444');
  await waitTotalOf(
    page,
    1,
    estimate(scenario(TEST_MONTH, [row('CO', { utility: 4444 })]), { currency: 'USD' }).total!,
  );
  equal(await hashOf(page), `#tarifa=${DEEP}`, 'address unchanged by the second widget');
  await page.close();
});

test('a share="url" widget mounted after an auto one does not adopt its scenario; a pasted link is honoured', async () => {
  const page = await open(pageUrl({ lang: 'en', country: 'CO' }));
  const colombia = (utility?: number) =>
    estimate(scenario(TEST_MONTH, [row('CO', utility === undefined ? {} : { utility })]), { currency: 'USD' })
      .total;
  await w(page)
    .getByRole('group', { name: 'Messages per month to Colombia' })
    .getByRole('textbox', { name: 'Utility templates' })
    .fill('12,345');
  await waitTotal(page, colombia(12345)!);
  await page.waitForFunction(() => location.hash.includes('CO*1000*12345*'));
  await page.evaluate(() =>
    document.body.insertAdjacentHTML(
      'beforeend',
      '<wa-pricing-calculator lang="en" country="PE" share="url"></wa-pricing-calculator>',
    ),
  );
  await waitTotalOf(page, 1, estimate(scenario(TEST_MONTH, [row('PE')]), { currency: 'USD' }).total!);
  equal(
    await page
      .locator('wa-pricing-calculator')
      .nth(1)
      .getByRole('group', { name: 'Messages per month to Peru' })
      .count(),
    1,
    'the later widget shows its own country',
  );
  // A link pasted into the address bar of this tab: the owner (now the share="url" widget) shows it.
  await page.evaluate((v) => {
    location.hash = `tarifa=${v}`;
  }, DEEP);
  await waitTotalOf(page, 1, estimate(DEEP_SCENARIO, { currency: 'USD' }).total!);
  equal(await totalOf(page, 0), colombia(12345), 'the auto widget keeps its own scenario');
  equal(await hashOf(page), `#tarifa=${DEEP}`, 'the pasted link stays in the address');
  await page.close();
});

test('a link pasted into the address bar of a tab showing one widget is honoured, then edits write on it', async () => {
  const page = await open(pageUrl({ lang: 'en', country: 'CO' }));
  await page.evaluate((v) => {
    location.hash = `tarifa=${v}`;
  }, DEEP);
  await waitTotal(page, estimate(DEEP_SCENARIO, { currency: 'USD' }).total!);
  const mx = w(page).getByRole('group', { name: 'Messages per month to Mexico' });
  await mx.getByRole('textbox', { name: 'Marketing templates' }).fill('7,500');
  await page.waitForFunction(() => location.hash.includes('MX*7500*'));
  assert((await hashOf(page)).includes('BR*10*'), 'the rest of the pasted scenario is kept');
  await page.close();
});

test('no console error or page error', async () => {
  equal(problems, [], 'console problems');
});

await run(close);
