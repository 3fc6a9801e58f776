/**
 * Real-browser tests of issue 5 (widget/import/): Meta's rate-card files through the file picker,
 * the host's `rate-cards` set, message logs read in the module worker (progress, cancel), the
 * exact bill against the node engine, reconciliation with webhook pricing, axe-core with the
 * panels open, and the strict-CSP page. Runs on the BUILT embed (dist/), like browser.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  bundledRateCards,
  estimate,
  importMetaRateCards,
  parseMessageLog,
  priceEvents,
  type Scenario,
} from '../../engine/index.ts';
import { assert, equal, launch, requireChromium, seriousAxeViolations, suite } from './harness.ts';
import { card, csvLog, ratesFile, tiersFile, users, webhookLog, withRate } from './importFixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = resolve(ROOT, 'test/fixtures/meta');

type Detail = { total: string; currency: string; month: string; scenario: Scenario };
const { test, run } = suite();
requireChromium();

const { context, server, close } = await launch();
const origin = server.url;
const problems: string[] = [];
const requests: string[] = [];
context.on('request', (r) => requests.push(r.url()));
await context.addInitScript(() => {
  const w = window as unknown as { tarifaEvents: unknown[]; cspSeen: unknown[] };
  w.tarifaEvents = [];
  w.cspSeen = [];
  document.addEventListener('tarifa:estimate', (e) => w.tarifaEvents.push((e as CustomEvent).detail));
  document.addEventListener('securitypolicyviolation', (e) =>
    w.cspSeen.push({ directive: e.violatedDirective, uri: e.blockedURI }),
  );
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    // The host-cards test asks for a missing file on purpose (404).
    if (m.type() === 'error' && !m.text().includes('status of 404'))
      problems.push(`${path} console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path} pageerror: ${e.message}`));
  await page.goto(`${origin}/demo/${path}`);
  await widget(page).locator('[data-testid="total"]').waitFor({ timeout: 10000 });
  return page;
}
const widget = (page: Page) => page.locator('wa-pricing-calculator');
const totalOf = (page: Page) => widget(page).locator('[data-testid="total"]').getAttribute('data-total');
const lastEvent = (page: Page): Promise<Detail> =>
  page.evaluate(() => (window as unknown as { tarifaEvents: Detail[] }).tarifaEvents.at(-1)!);
async function waitTotalChange(page: Page, before: string | null) {
  await page.waitForFunction(
    (b) =>
      document
        .querySelector('wa-pricing-calculator')
        ?.shadowRoot?.querySelector('[data-testid="total"]')
        ?.getAttribute('data-total') !== b,
    before,
    { timeout: 10000 },
  );
}
/** Opens "Your own data" and waits for the lazily loaded panels. */
async function openImport(page: Page, summary: string | RegExp, fileLabel: string): Promise<Locator> {
  const w = widget(page);
  await w.locator('summary', { hasText: summary }).click();
  await w.getByLabel(fileLabel, { exact: true }).waitFor({ state: 'attached', timeout: 10000 });
  return w;
}
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

const NUMBERS = users(400);

test('card import: Meta files with a changed Brazil marketing rate change the total exactly as the node engine', async () => {
  const page = await open('import.html');
  // April 2026: a card whose every figure Meta printed (later ones have figures Meta never published).
  await widget(page).getByRole('combobox', { name: 'Billing month' }).selectOption('2026-04');
  await page.waitForFunction(
    () => (window as unknown as { tarifaEvents: Detail[] }).tarifaEvents.at(-1)?.month === '2026-04',
  );
  const before = await totalOf(page);
  const w = await openImport(page, 'Your own data', 'Rate-card files (CSV)');
  const april = withRate(card('pmp-2026-04-01-USD'), 'Brazil', 'marketing', '0.0700');
  const files = [csv('rates.csv', ratesFile(april)), csv('tiers.csv', tiersFile(april))];
  await w.getByLabel('Rate-card files (CSV)', { exact: true }).setInputFiles(files);
  await w.getByTestId('cards-in-use').waitFor({ timeout: 10000 });
  await waitTotalChange(page, before);
  const imported = importMetaRateCards(
    files.map((f) => ({ name: f.name, text: f.buffer.toString('utf8') })),
    { base: bundledRateCards },
  );
  assert(imported.set, `node import: ${JSON.stringify(imported.problems)}`);
  const ev = await lastEvent(page);
  const expected = estimate(ev.scenario, { currency: 'USD', rateCards: imported.set });
  equal(await totalOf(page), expected.total, 'DOM total = node engine with the same imported set');
  equal(ev.total, expected.total, 'event total');
  assert(expected.total !== estimate(ev.scenario, { currency: 'USD' }).total, 'the changed rate matters');
  const note = await w.getByTestId('cards-in-use').textContent();
  assert(note?.includes('pmp-2026-04-01-USD'), `note names the card: ${note}`);
  // Reset: the bundled cards again.
  await w.getByRole('button', { name: 'Go back to the bundled rate cards' }).click();
  await page.waitForFunction(
    (b) =>
      document
        .querySelector('wa-pricing-calculator')
        ?.shadowRoot?.querySelector('[data-testid="total"]')
        ?.getAttribute('data-total') === b,
    before,
  );
  equal(await w.getByTestId('cards-in-use').count(), 0, 'note gone');
  await page.close();
});

test('card import: a broken file lists every problem by line and changes nothing; workbooks are refused', async () => {
  const page = await open('import.html');
  const before = await totalOf(page);
  const w = await openImport(page, 'Your own data', 'Rate-card files (CSV)');
  const input = w.getByLabel('Rate-card files (CSV)', { exact: true });
  await input.setInputFiles([
    csv('broken.csv', readFileSync(resolve(FIXTURES, 'broken-rates-numbers.csv'), 'utf8')),
  ]);
  const list = w.getByTestId('cards-problems');
  await list.waitFor();
  const text = (await list.textContent()) ?? '';
  for (const part of [
    'Nothing was imported: 3 problems were found.',
    'broken.csv, line 8, Argentina: the row has more cells than the header',
    'broken.csv, line 9, Brazil · Marketing: not a valid rate',
    'broken.csv, line 10, Chile · Utility: the rate is empty',
  ])
    assert(text.includes(part), `problem list has "${part}": ${text}`);
  equal(await w.getByTestId('cards-in-use').count(), 0, 'no cards in use');
  equal(await totalOf(page), before, 'total unchanged');
  // An .xlsx workbook (ZIP signature): refused with how to export the CSV.
  await input.setInputFiles([
    {
      name: 'rates.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('PK\u0003\u0004xl/workbook'),
    },
  ]);
  await w
    .getByText('this is an Excel workbook, which the calculator cannot read', { exact: false })
    .waitFor();
  equal(await totalOf(page), before, 'total unchanged after the workbook');
  await page.close();
});

test('host rate-cards: a same-origin set is used; another origin is refused without fetching; a broken file keeps the bundled cards', async () => {
  const page = await open('import.html');
  const before = await totalOf(page);
  const oct = withRate(card('pmp-2026-10-01-USD'), 'Brazil', 'marketing', '0.0800');
  const hostSet = {
    ...bundledRateCards,
    cards: bundledRateCards.cards.map((c) => (c.id === oct.id ? oct : c)),
  };
  await page.route(`${origin}/demo/host-cards.json`, (r) =>
    r.fulfill({ contentType: 'application/json', body: JSON.stringify(hostSet) }),
  );
  await page.route(`${origin}/demo/broken-cards.json`, (r) =>
    r.fulfill({ contentType: 'application/json', body: '{"formatVersion":1,"cards":"no"}' }),
  );
  const w = widget(page);
  await page.evaluate(() =>
    document.querySelector('wa-pricing-calculator')!.setAttribute('rate-cards', 'host-cards.json'),
  );
  await w.getByText('Rate cards supplied by this site are in use').waitFor();
  await waitTotalChange(page, before);
  const ev = await lastEvent(page);
  equal(
    await totalOf(page),
    estimate(ev.scenario, { currency: 'USD', rateCards: hostSet }).total,
    'host set total',
  );
  const foreign = 'https://cards.example.com/set.json';
  await page.evaluate(
    (u) => document.querySelector('wa-pricing-calculator')!.setAttribute('rate-cards', u),
    foreign,
  );
  await w.getByText('their address is on another origin').waitFor();
  await page.waitForFunction(
    (b) =>
      document
        .querySelector('wa-pricing-calculator')
        ?.shadowRoot?.querySelector('[data-testid="total"]')
        ?.getAttribute('data-total') === b,
    before,
  );
  assert(!requests.some((u) => u.startsWith('https://cards.example.com')), 'no request to the other origin');
  await page.evaluate(() =>
    document.querySelector('wa-pricing-calculator')!.setAttribute('rate-cards', 'broken-cards.json'),
  );
  await w.getByText("This site's rate-card file is not valid").waitFor();
  equal(await totalOf(page), before, 'bundled cards kept');
  await page.evaluate(() =>
    document.querySelector('wa-pricing-calculator')!.setAttribute('rate-cards', 'missing.json'),
  );
  await w.getByText("This site's rate cards could not be loaded (HTTP 404)").waitFor();
  equal(await totalOf(page), before, 'bundled cards kept after a 404');
  await page.close();
});

test('message log: the worker prices it exactly like the node engine; rejected rows are listed by line', async () => {
  const page = await open('import.html');
  const w = await openImport(page, 'Your own data', 'Message log file');
  await w.getByLabel('Time zone of your WhatsApp Business Account').fill('America/Sao_Paulo');
  const text = csvLog(3000, NUMBERS, 6);
  await w.getByLabel('Message log file', { exact: true }).setInputFiles(csv('traffic.csv', text));
  const total = w.getByTestId('log-total');
  await total.waitFor({ timeout: 15000 });
  const log = parseMessageLog(text);
  const bill = priceEvents(log.events, { timeZone: 'America/Sao_Paulo', currency: 'USD' });
  equal(await total.getAttribute('data-total'), bill.total, 'log total = node priceEvents total');
  equal(log.rejected, 6, 'fixture has 6 bad rows');
  const billText = (await w.getByTestId('log-bill').textContent()) ?? '';
  assert(billText.includes('6 rejected rows'), `rejected count shown: ${billText.slice(0, 300)}`);
  for (const p of log.problems.slice(0, 6))
    assert(
      billText.includes(`Line ${p.line.toLocaleString('en')}, ${p.field}:`),
      `problem at line ${p.line} listed`,
    );
  assert(billText.includes('not a date and time with its offset'), 'reason localized');
  // One table per month, as the estimate's table.
  await w.getByRole('table', { name: 'November 2026: by country and category' }).waitFor();
  equal(
    await w.getByTestId('log-announce').textContent(),
    'Import finished: 2,994 messages priced. Rows rejected: 6.',
    'announced',
  );
  // Issue 15: another account for the same log (currency, business country, authentication-
  // international start) prices it again in the worker that kept its events.
  await w.getByLabel('Billing currency').selectOption('BRL');
  await w.getByLabel('Business country for this log').selectOption('BR');
  await w.getByLabel('Authentication-international rates from (YYYY-MM-DD)').fill('2026-01-01');
  const again = priceEvents(log.events, {
    timeZone: 'America/Sao_Paulo',
    currency: 'BRL',
    businessCountry: 'BR',
    authInternationalFrom: '2026-01-01',
  });
  await page.waitForFunction(
    (t) =>
      document
        .querySelector('wa-pricing-calculator')
        ?.shadowRoot?.querySelector('[data-testid="log-total"]')
        ?.getAttribute('data-total') === t,
    again.total,
    { timeout: 15000 },
  );
  equal(await total.getAttribute('data-currency'), 'BRL', 'log priced again in BRL');
  await page.close();
});

test('message log: a 300,000-row log shows a progress bar and Cancel stops the worker, keeping the previous result', async () => {
  const page = await open('import.html');
  const w = await openImport(page, 'Your own data', 'Message log file');
  const input = w.getByLabel('Message log file', { exact: true });
  // A previous result first.
  await input.setInputFiles(csv('small.csv', csvLog(500, NUMBERS)));
  await w.getByTestId('log-total').waitFor({ timeout: 15000 });
  const previous = await w.getByTestId('log-total').getAttribute('data-total');
  const big = Buffer.from(csvLog(300_000, NUMBERS));
  const closed = new Promise<void>((resolveClosed) => {
    page.on('worker', (worker) => worker.on('close', () => resolveClosed()));
  });
  await input.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: big });
  const bar = w.getByRole('progressbar');
  await bar.waitFor({ timeout: 10000 });
  assert(await bar.isVisible(), 'progress bar visible');
  const label = await w.locator('progress').getAttribute('aria-labelledby');
  assert(label, 'progress bar labelled');
  equal(page.workers().length, 1, 'one worker running');
  await w.getByRole('button', { name: 'Cancel import' }).click();
  await closed;
  equal(page.workers().length, 0, 'worker stopped');
  await bar.waitFor({ state: 'detached' });
  equal(await w.getByTestId('log-total').getAttribute('data-total'), previous, 'previous result unchanged');
  equal(
    await w.getByTestId('log-announce').textContent(),
    'Import cancelled. The previous result is unchanged.',
    'cancel announced',
  );
  const bill = (await w.getByTestId('log-bill').textContent()) ?? '';
  assert(bill.includes('Bill for small.csv'), 'still the small log');
  await page.close();
});

test('reconciliation: a planted disagreement with Meta webhook pricing is shown; axe-core is clean with the panels open', async () => {
  const page = await open('import.html');
  const w = await openImport(page, 'Your own data', 'Message log file');
  await w.getByLabel('Time zone of your WhatsApp Business Account').fill('UTC');
  await w.getByLabel('Message log file', { exact: true }).setInputFiles({
    name: 'webhooks.jsonl',
    mimeType: 'application/json',
    buffer: Buffer.from(webhookLog()),
  });
  const rec = w.getByTestId('reconcile');
  await rec.waitFor({ timeout: 15000 });
  equal(
    await w.getByTestId('reconcile-summary').textContent(),
    "4 messages compared with the pricing in Meta's webhooks. Agree: 3. Disagree: 1.",
    'summary',
  );
  const rows = w.getByRole('table', { name: 'Disagreements' }).locator('tbody tr');
  equal(await rows.count(), 1, 'one disagreement listed');
  const row = (await rows.first().textContent()) ?? '';
  assert(row.includes('wamid.c1') && row.includes('different category'), `row: ${row}`);
  assert(row.includes('Authentication (international)'), `Meta side shown: ${row}`);
  const perCategory = w.getByRole('table', { name: 'Charged messages per category' });
  await perCategory.waitFor();
  // A broken card file too, so the problem list is checked.
  await w
    .getByLabel('Rate-card files (CSV)', { exact: true })
    .setInputFiles([csv('broken.csv', readFileSync(resolve(FIXTURES, 'broken-tiers-ladder.csv'), 'utf8'))]);
  await w.getByTestId('cards-problems').waitFor();
  const bad = await seriousAxeViolations(page);
  equal(bad, [], 'serious/critical axe violations');
  await page.close();
});

test("strict-CSP page (default-src 'self'): the worker loads and a log is priced with no violation", async () => {
  const page = await context.newPage();
  const csp: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && csp.push(m.text()));
  await page.goto(`${origin}/demo/strict-csp.html`);
  await widget(page).locator('[data-testid="total"]').waitFor();
  const w = await openImport(page, 'Tus propios datos', 'Archivo del historial de mensajes');
  const text = csvLog(2000, NUMBERS);
  const zone = await w.getByLabel('Zona horaria de tu cuenta de WhatsApp Business').inputValue();
  await w
    .getByLabel('Archivo del historial de mensajes', { exact: true })
    .setInputFiles(csv('registro.csv', text));
  const total = w.getByTestId('log-total');
  await total.waitFor({ timeout: 15000 });
  const bill = priceEvents(parseMessageLog(text).events, { timeZone: zone, currency: 'USD' });
  equal(await total.getAttribute('data-total'), bill.total, 'total');
  const workerUrls = requests.filter((u) => u.includes('/dist/assets/logWorker-'));
  assert(
    workerUrls.length > 0 && workerUrls.every((u) => u.startsWith(`${origin}/dist/assets/`)),
    `worker from the script origin: ${workerUrls}`,
  );
  equal(
    await page.evaluate(() => (window as unknown as { cspSeen: unknown[] }).cspSeen),
    [],
    'CSP violations',
  );
  equal(csp, [], 'CSP console messages');
  await page.close();
});

test('no console error or page error', async () => {
  equal(problems, [], 'console problems');
});

await run(close);
