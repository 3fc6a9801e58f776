/**
 * Real-browser tests: Debian's Chromium driven by playwright-core loads the BUILT embed (dist/) in
 * the demo pages, served by scripts/static-server.mjs on a random free port. Run with
 * `npx tsx test/browser/browser.test.ts` after `npm run build` (scripts/test.mjs does both).
 * Prints one line per test and ends with `BROWSER_TESTS passed=N failed=N`.
 */
import type { Page } from 'playwright-core';
import { bundledRateCards, estimate, type Scenario } from '../../engine/index.ts';
import { bundledStore, currenciesFor } from '../../widget/cards.ts';
import { TEST_MONTH } from '../clock.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';
import {
  assert,
  axeViolations,
  equal,
  launch,
  openEverything,
  requireChromium,
  seriousAxeViolations,
  suite,
} from './harness.ts';

type Detail = { total: string; currency: string; month: string; incomplete: boolean; scenario: Scenario };
const { test, run } = suite();
requireChromium();

const { context, server, close } = await launch();
const origin = server.url;
const requests: string[] = [];
const problems: string[] = [];

// Every page: record requests, console errors, page errors, CSP violations and host events.
await context.addInitScript(() => {
  const w = window as unknown as { tarifaEvents: unknown[]; tarifaErrors: unknown[]; cspSeen: unknown[] };
  w.tarifaEvents = [];
  w.tarifaErrors = [];
  w.cspSeen = [];
  document.addEventListener('tarifa:estimate', (e) => w.tarifaEvents.push((e as CustomEvent).detail));
  document.addEventListener('tarifa:error', (e) => w.tarifaErrors.push((e as CustomEvent).detail));
  document.addEventListener('securitypolicyviolation', (e) =>
    w.cspSeen.push({ directive: e.violatedDirective, uri: e.blockedURI }),
  );
});
context.on('request', (r) => requests.push(r.url()));

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`${path} console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path} pageerror: ${e.message}`));
  await page.goto(`${origin}/demo/${path}`);
  await page
    .locator('wa-pricing-calculator, #calculator')
    .first()
    .locator('[data-testid="total"]')
    .waitFor({ timeout: 10000 });
  return page;
}

const totalOf = (page: Page, host = 'wa-pricing-calculator') =>
  page.locator(host).first().locator('[data-testid="total"]').getAttribute('data-total');
const lastEvent = async (page: Page): Promise<Detail> =>
  page.evaluate(() => (window as unknown as { tarifaEvents: Detail[] }).tarifaEvents.at(-1)!);
async function waitTotalChange(page: Page, before: string | null, host = 'wa-pricing-calculator') {
  await page.waitForFunction(
    ([h, b]) =>
      document
        .querySelector(h!)
        ?.shadowRoot?.querySelector('[data-testid="total"]')
        ?.getAttribute('data-total') !== b,
    [host, before] as const,
    { timeout: 5000 },
  );
}
const scenario = defaultScenario;
const row = defaultCountry;

test('es help-center page: the classic <script src> upgrades the element in Spanish (from <html lang="es-MX">)', async () => {
  const page = await open('es-help-center.html');
  equal(await page.evaluate(() => !!customElements.get('wa-pricing-calculator')), true, 'element defined');
  await page.getByRole('heading', { name: 'Calculadora de precios de WhatsApp Business' }).waitFor();
  const ev = await lastEvent(page);
  const month = ev.month;
  equal(month, TEST_MONTH, "the widget opens on the visitor's current month (the injected clock)");
  const expected = estimate(scenario(month, [row('MX'), row('CO')]), { currency: 'USD' });
  equal(await totalOf(page), expected.total, 'DOM total = engine total');
  equal(ev.total, expected.total, 'event total = engine total');
  await page.close();
});

test("es page: a visitor types volumes in Spanish notation and sees the engine's total", async () => {
  const page = await open('es-help-center.html');
  const mx = page.getByRole('group', { name: 'México: mensajes al mes' });
  const before = await totalOf(page);
  const input = mx.getByRole('textbox', { name: 'Plantillas de marketing' });
  await input.fill('');
  await input.pressSequentially('25.000');
  await mx.getByRole('textbox', { name: 'Plantillas de utilidad' }).fill('1.234.567');
  await waitTotalChange(page, before);
  const ev = await lastEvent(page);
  const expected = estimate(
    scenario(ev.month, [row('MX', { marketing: 25000, utility: 1234567 }), row('CO')]),
    { currency: 'USD' },
  );
  equal(
    ev.scenario,
    scenario(ev.month, [row('MX', { marketing: 25000, utility: 1234567 }), row('CO')]),
    'scenario sent to the engine',
  );
  equal(await totalOf(page), expected.total, 'DOM total = node engine total');
  const text = await page.locator('wa-pricing-calculator').locator('[data-testid="total"]').textContent();
  const formatted = await page.evaluate(
    (t) =>
      // Issue 9: the page is es-MX, so money is written as in Mexico, with cents.
      new Intl.NumberFormat('es-MX', {
        style: 'currency',
        currency: 'USD',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(t as never),
    expected.total,
  );
  assert(text?.includes(formatted), `total text ${text} shows ${formatted}`);
  // Issue 9: a polite live region says the settled total once (not the box, which would speak
  // on every keystroke).
  const live = page.locator('wa-pricing-calculator').locator('[data-testid="announce"]');
  equal(await live.getAttribute('aria-live'), 'polite', 'a polite live region');
  await page.waitForFunction(
    (f) =>
      document
        .querySelector('wa-pricing-calculator')
        ?.shadowRoot?.querySelector('[data-testid="announce"]')
        ?.textContent?.includes(f),
    formatted,
    { timeout: 5000 },
  );
  await page.close();
});

test('es page: bad input shows the Spanish message next to the field and keeps the last result', async () => {
  const page = await open('es-help-center.html');
  const before = await totalOf(page);
  const input = page
    .getByRole('group', { name: 'Colombia: mensajes al mes' })
    .getByRole('textbox', { name: 'Plantillas de autenticación' });
  for (const [text, message] of [
    // es-MX notation in the examples (issue 9).
    ['abc', 'Escribe solo números, por ejemplo 1,000.'],
    ['-5', 'El número no puede ser negativo.'],
    ['1e999', 'Escribe solo números, por ejemplo 1,000.'],
    ['2000000000000', 'Escribe un número que no supere 1,000,000,000,000.'],
    ['', 'Escribe un número (0 si no hay ninguno).'],
  ]) {
    await input.fill(text!);
    equal(await input.getAttribute('aria-invalid'), 'true', `aria-invalid for ${text}`);
    const described = (await input.getAttribute('aria-describedby')) ?? '';
    const errorId = described.split(' ').find((id) => id.endsWith('-error'));
    assert(errorId, 'error message referenced by aria-describedby');
    const shown = await page.locator('wa-pricing-calculator').locator(`[id="${errorId}"]`).textContent();
    assert(shown?.includes(message!), `message for ${JSON.stringify(text)}: ${shown}`);
    equal(await totalOf(page), before, 'last valid total kept');
  }
  const errors = await page.evaluate(
    () => (window as unknown as { tarifaErrors: { field: string }[] }).tarifaErrors,
  );
  assert(
    errors.some((e) => e.field === 'CO.authentication'),
    'tarifa:error event for the field',
  );
  await input.fill('800');
  await waitTotalChange(page, before);
  await page.close();
});

test('es page: the language switches (lang attribute, then the language select) without losing typed numbers', async () => {
  const page = await open('es-help-center.html');
  const mx = page.getByRole('group', { name: 'México: mensajes al mes' });
  await mx.getByRole('textbox', { name: 'Plantillas de marketing' }).fill('12.345');
  await page.evaluate(() => document.querySelector('wa-pricing-calculator')!.setAttribute('lang', 'pt-BR'));
  await page.getByRole('heading', { name: 'Calculadora de preços do WhatsApp Business' }).waitFor();
  const pt = page.getByRole('group', { name: 'México: mensagens por mês' });
  equal(
    await pt.getByRole('textbox', { name: 'Modelos de mensagem de marketing' }).inputValue(),
    '12.345',
    'pt-BR notation',
  );
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
  await page.getByRole('heading', { name: 'WhatsApp Business pricing calculator' }).waitFor();
  const en = page.getByRole('group', { name: 'Messages per month to Mexico' });
  equal(
    await en.getByRole('textbox', { name: 'Marketing templates' }).inputValue(),
    '12,345',
    'English notation',
  );
  await en.getByRole('textbox', { name: 'Marketing templates' }).fill('1.5');
  await page.locator('wa-pricing-calculator').getByText('Enter a whole number.').waitFor({ timeout: 3000 });
  await page.close();
});

test('pt help-center page (<script type="module">): Portuguese UI, keyboard-only country picking', async () => {
  const page = await open('pt-help-center.html');
  await page.getByRole('heading', { name: 'Calculadora de preços do WhatsApp Business' }).waitFor();
  const box = page.getByRole('combobox', { name: 'Adicionar um país de destino' });
  await box.focus();
  await page.keyboard.type('argent');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: 'Argentina: mensagens por mês' }).waitFor();
  // The estimate event follows the render (an effect): wait for it rather than race it.
  await page.waitForFunction(
    () =>
      (window as unknown as { tarifaEvents: Detail[] }).tarifaEvents.at(-1)?.scenario.countries.length === 2,
  );
  const ev = await lastEvent(page);
  equal(
    ev.scenario.countries.map((c) => c.country),
    ['BR', 'AR'],
    'countries in the scenario',
  );
  // Issue 14: a Brazilian visitor starts in BRL (the derived card) where the month has one.
  const currency = currenciesFor(bundledStore(bundledRateCards).catalog, ev.month).includes('BRL')
    ? 'BRL'
    : 'USD';
  equal(ev.currency, currency, 'currency');
  equal(
    await totalOf(page),
    estimate(scenario(ev.month, [row('BR'), row('AR')]), { currency }).total,
    'total',
  );
  // Visible focus on the focused control (no colour-only cue: a 3px outline).
  const outline = await box.evaluate(
    (el) => `${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).outlineWidth}`,
  );
  equal(outline, 'solid 3px', 'focus outline');
  // Tab reaches the chip remove buttons and Enter activates them.
  await page.getByRole('button', { name: 'Remover Argentina' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: 'Argentina: mensagens por mês' }).waitFor({ state: 'detached' });
  await page.close();
});

test('pt page: an older month loads its rate card lazily from the script origin and matches the engine', async () => {
  const page = await open('pt-help-center.html');
  const before = await totalOf(page);
  const lazy: string[] = [];
  page.on('request', (r) => r.url().includes('/dist/cards/') && lazy.push(r.url()));
  await page.getByRole('combobox', { name: 'Mês de cobrança' }).selectOption('2024-03');
  await waitTotalChange(page, before);
  const expected = estimate({ ...scenario('2024-03', [row('BR')]) }, { currency: 'USD' });
  equal(await totalOf(page), expected.total, '2024-03 total (conversation-based card)');
  assert(
    lazy.length > 0 && lazy.every((u) => u.startsWith(`${origin}/dist/cards/`)),
    `lazy chunks from the script origin: ${lazy}`,
  );
  await page.getByRole('combobox', { name: 'Mês de cobrança' }).selectOption('2025-08');
  await page.waitForFunction(
    () => (window as unknown as { tarifaEvents: Detail[] }).tarifaEvents.at(-1)?.month === '2025-08',
  );
  equal(
    await totalOf(page),
    estimate(scenario('2025-08', [row('BR')]), { currency: 'USD' }).total,
    '2025-08 total',
  );
  await page.close();
});

test('en pricing page: mount() and host events; the dark custom element also renders', async () => {
  const page = await open('en-pricing.html');
  await page.locator('#dark-calculator').locator('[data-testid="total"]').waitFor();
  const hostText = await page.locator('#host-total').textContent();
  const mounted = await totalOf(page, '#calculator');
  const formatted = await page.evaluate(
    (t) =>
      new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 20 }).format(
        t as never,
      ),
    mounted,
  );
  assert(hostText?.includes(formatted), `host page shows the event total (${hostText} / ${formatted})`);
  const ev = await lastEvent(page);
  equal(
    mounted,
    estimate(scenario(ev.month, [row('US'), row('BR')]), { currency: 'USD' }).total,
    'mounted total',
  );
  await page.evaluate(() =>
    (window as unknown as { tarifaDemo: { unmount: () => void } }).tarifaDemo.unmount(),
  );
  equal(await page.locator('#calculator').locator('[data-testid="total"]').count(), 0, 'unmounted');
  await page.close();
});

test('loading the script twice registers the element once and throws nothing', async () => {
  const page = await open('pt-help-center.html');
  await page.evaluate(async () => {
    const again = '/dist/tarifa.js?second-copy';
    await import(again);
    const s = document.createElement('script');
    s.src = '/dist/tarifa.classic.js';
    document.head.append(s);
    await new Promise((r) => setTimeout(r, 300));
  });
  equal(
    await page.locator('wa-pricing-calculator').locator('[data-testid="total"]').count(),
    1,
    'still one widget',
  );
  await page.close();
});

test("strict-CSP page (default-src 'self'): works with no violation", async () => {
  const page = await context.newPage();
  const csp: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && csp.push(m.text()));
  const response = await page.goto(`${origin}/demo/strict-csp.html`);
  equal(response?.headers()['content-security-policy'], "default-src 'self'", 'CSP header');
  await page.locator('wa-pricing-calculator').locator('[data-testid="total"]').waitFor();
  const input = page
    .getByRole('group', { name: 'Argentina: mensajes al mes' })
    .getByRole('textbox', { name: 'Plantillas de marketing' });
  const before = await totalOf(page);
  await input.fill('4.321');
  await waitTotalChange(page, before);
  const ev = await lastEvent(page);
  equal(
    await totalOf(page),
    estimate(scenario(ev.month, [row('AR', { marketing: 4321 }), row('CL')]), { currency: 'USD' }).total,
    'total',
  );
  await page.getByRole('combobox', { name: 'Mes de facturación' }).selectOption('2025-11');
  await page.waitForFunction(
    () => (window as unknown as { tarifaEvents: Detail[] }).tarifaEvents.at(-1)?.month === '2025-11',
  );
  await page.waitForTimeout(200);
  const seen = await page.evaluate(() => (window as unknown as { cspSeen: unknown[] }).cspSeen);
  equal(seen, [], 'securitypolicyviolation events');
  equal(csp, [], 'CSP console messages');
  equal(await page.locator('#csp-status').textContent(), 'CSP violations: 0', "the page's own counter");
  await page.close();
});

test('hostile host CSS neither breaks the widget nor is changed by it', async () => {
  const page = await open('hostile-css.html');
  const w = page.locator('wa-pricing-calculator');
  const total = w.locator('[data-testid="total"]');
  assert(await total.isVisible(), 'total visible');
  const box = await total.boundingBox();
  assert(box && box.height > 10 && box.height < 80, `total has a sane size: ${JSON.stringify(box)}`);
  assert(await w.getByRole('button', { name: 'Remove Germany' }).isVisible(), 'widget buttons visible');
  assert(await w.getByRole('textbox', { name: 'Marketing templates' }).isVisible(), 'widget inputs visible');
  const font = await w.locator('.root').evaluate((el) => getComputedStyle(el).fontSize);
  equal(font, '15px', 'widget font size');
  equal(await page.locator('#host-button').isVisible(), false, "host's own rule still hides host buttons");
  const bodyTransform = await page.evaluate(() => getComputedStyle(document.body).textTransform);
  equal(bodyTransform, 'uppercase', 'host styles untouched');
  const before = await totalOf(page);
  await w.getByRole('textbox', { name: 'Marketing templates' }).fill('7,777');
  await waitTotalChange(page, before);
  await page.close();
});

for (const [path, lang] of [
  ['es-help-center.html', 'es'],
  ['pt-help-center.html', 'pt-BR'],
  ['en-pricing.html', 'en'],
  ['hostile-css.html', 'en'],
] as const) {
  test(`axe-core: no serious or critical violations on ${path} (${lang})`, async () => {
    const page = await open(path);
    // With an invalid field too, so the error state is checked.
    await page.locator('wa-pricing-calculator, #calculator').first().getByRole('textbox').first().fill('abc');
    // And with the country list open.
    const combo = page
      .locator('wa-pricing-calculator, #calculator')
      .first()
      .getByRole('combobox')
      .filter({ hasNot: page.locator('option') });
    await combo.first().click();
    await page.keyboard.type('a');
    const bad = await seriousAxeViolations(page);
    // The hostile page's own markup is the host's problem; only count nodes inside the widget.
    const ours =
      path === 'hostile-css.html'
        ? bad.filter((v) => JSON.stringify(v.targets).includes('wa-pricing-calculator'))
        : bad;
    equal(ours, [], 'serious/critical axe violations');
    await page.close();
  });
}

// Issue 9: the visitor's answer.
/** Tokens no Spanish or Portuguese visitor should read (as in test/component/warnings.test.tsx). */
const CODE_SHAPED: readonly RegExp[] = [
  /\b[a-z]+_[a-z_]+\b/,
  /\b[A-Z]+_[A-Z_]+\b/,
  /\b(cbp|pmp)-\d{4}-\d{2}-\d{2}/,
  /\b\d+:(\d+|MAX)\b/,
  /\b[A-Z]\d\b/,
  /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b/,
  /\b[a-z]+\.[a-z]+[A-Z]\w*/,
  /\b(carried|not-applicable|not-found|direct-single|Rule|Mexico|Brazil|Rest of|Other)\b/,
];
test('es-MX page: 25,000 and 25.000 are both 25 000 messages, and the field says how it read them', async () => {
  const page = await open('es-help-center.html');
  const mx = page.getByRole('group', { name: 'México: mensajes al mes' });
  const input = mx.getByRole('textbox', { name: 'Plantillas de marketing' });
  const expected = scenario(TEST_MONTH, [row('MX', { marketing: 25000 }), row('CO')]);
  for (const text of ['25,000', '25.000']) {
    const before = await totalOf(page);
    await input.fill(text);
    if (text === '25,000') await waitTotalChange(page, before);
    equal((await lastEvent(page)).scenario, expected, `scenario for ${text}`);
  }
  const read = await page
    .locator('wa-pricing-calculator')
    .locator('[data-testid="read-as"]')
    .first()
    .textContent();
  assert(read?.includes('25,000'), `the field echoes 25,000 in MX notation: ${read}`);
  await input.fill('25,');
  equal(
    await input.getAttribute('aria-invalid'),
    'false',
    'a trailing separator while typing is not an error',
  );
  await page.close();
});

test("the host's address: unchanged on load, its own anchor never replaced, written once the visitor edits", async () => {
  const page = await open('es-help-center.html#preguntas');
  await page.waitForTimeout(500);
  equal(await page.evaluate(() => location.hash), '#preguntas', 'the host anchor after load');
  const input = page
    .getByRole('group', { name: 'México: mensajes al mes' })
    .getByRole('textbox', { name: 'Plantillas de marketing' });
  const before = await totalOf(page);
  await input.fill('4321');
  await waitTotalChange(page, before);
  await page.waitForTimeout(300);
  equal(await page.evaluate(() => location.hash), '#preguntas', 'the host anchor after an edit');
  await page.close();
  const plain = await open('es-help-center.html');
  const href = await plain.evaluate(() => location.href);
  await plain.waitForTimeout(500);
  equal(await plain.evaluate(() => location.href), href, 'the URL after load');
  const before2 = await totalOf(plain);
  await plain
    .getByRole('group', { name: 'México: mensajes al mes' })
    .getByRole('textbox', { name: 'Plantillas de marketing' })
    .fill('4321');
  await waitTotalChange(plain, before2);
  await plain.waitForFunction(() => location.hash.startsWith('#tarifa=v1_'), null, { timeout: 5000 });
  await plain.close();
});

test('390 px: the total stays in view while the visitor edits a field', async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 700 });
  await page.goto(`${origin}/demo/es-help-center.html`);
  const host = page.locator('wa-pricing-calculator').first();
  await host.locator('[data-testid="total"]').waitFor({ timeout: 10000 });
  const input = page
    .getByRole('group', { name: 'Colombia: mensajes al mes' })
    .getByRole('textbox', { name: 'Plantillas de marketing' });
  const before = await totalOf(page);
  await input.fill('3000');
  await waitTotalChange(page, before);
  await input.scrollIntoViewIfNeeded();
  const seen = await page.evaluate(() => {
    const root = document.querySelector('wa-pricing-calculator')!.shadowRoot!;
    const bar = root.querySelector('.sticky-total')!;
    const r = bar.getBoundingClientRect();
    const total = root.querySelector('[data-testid="total"]')!.getBoundingClientRect();
    const label = bar.firstElementChild!;
    return {
      inView: r.height > 0 && r.top >= 0 && r.bottom <= innerHeight + 0.5,
      text: bar.textContent,
      labelCut: label.scrollWidth > label.clientWidth,
      totalInView: total.top >= 0 && total.bottom <= innerHeight,
    };
  });
  assert(!seen.totalInView, 'the results total is off screen while editing (the case the bar is for)');
  assert(seen.inView, 'the sticky total is in the viewport');
  const shown = await host.locator('[data-testid="total"]').textContent();
  assert(seen.text?.includes(shown ?? '?'), `the bar shows the total ${shown}: ${seen.text}`);
  assert(!seen.labelCut, `the bar's label is whole: ${seen.text}`);
  await page.close();
});

test('390 px: the sticky total leaves no gap above the estimate and is not seen where it rests', async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 700 });
  await page.goto(`${origin}/demo/es-help-center.html`);
  const host = page.locator('wa-pricing-calculator').first();
  await host.locator('[data-testid="total"]').waitFor({ timeout: 10000 });
  /** Whether the bar is seen: in the viewport and on top at its centre. */
  const barSeen = () =>
    page.evaluate(() => {
      const root = document.querySelector('wa-pricing-calculator')!.shadowRoot!;
      const bar = root.querySelector('.sticky-total')!;
      const r = bar.getBoundingClientRect();
      if (r.height === 0 || r.bottom <= 0 || r.top >= innerHeight) return false;
      const top = root.elementFromPoint(
        r.left + r.width / 2,
        (Math.max(r.top, 0) + Math.min(r.bottom, innerHeight)) / 2,
      );
      return !!top && bar.contains(top);
    });
  const gap = await page.evaluate(() => {
    const root = document.querySelector('wa-pricing-calculator')!.shadowRoot!;
    const last = root.querySelector('details.assumptions')!.getBoundingClientRect();
    const results = root.querySelector('.results')!.getBoundingClientRect();
    return {
      between: results.top - last.bottom,
      layout: Number.parseFloat(getComputedStyle(root.querySelector('.layout')!).rowGap),
    };
  });
  assert(
    gap.between <= gap.layout + 0.5,
    `the form's last field and the estimate are ${gap.between}px apart (layout gap ${gap.layout}px)`,
  );
  // The form's end in mid-screen, the estimate below it: no second total over or above the estimate.
  await page.evaluate(() => {
    const root = document.querySelector('wa-pricing-calculator')!.shadowRoot!;
    const end = root.querySelector('details.assumptions')!.getBoundingClientRect().bottom;
    scrollBy(0, end - innerHeight / 2);
  });
  assert(!(await barSeen()), 'the bar is seen where it rests, beside the estimate it copies');
  // Back to editing: the bar is seen, pinned to the bottom of the viewport.
  await page
    .getByRole('group', { name: 'Colombia: mensajes al mes' })
    .getByRole('textbox', { name: 'Plantillas de marketing' })
    .scrollIntoViewIfNeeded();
  assert(await barSeen(), 'the bar is seen while editing');
  const bottom = await page.evaluate(
    () =>
      document
        .querySelector('wa-pricing-calculator')!
        .shadowRoot!.querySelector('.sticky-total')!
        .getBoundingClientRect().bottom - innerHeight,
  );
  assert(Math.abs(bottom) < 1, `the bar is pinned to the viewport's bottom (${bottom}px off)`);
  await page.close();
});

for (const width of [390, 1280]) {
  for (const path of ['es-help-center.html', 'pt-help-center.html', 'en-pricing.html']) {
    test(`${width} px, ${path}: the free-service label stays in its column, no drawn edge past its words`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${origin}/demo/${path}`);
      await page
        .locator('wa-pricing-calculator')
        .first()
        .locator('[data-testid="total"]')
        .waitFor({ timeout: 10000 });
      const badges = await page.evaluate(() => {
        const root = document.querySelector('wa-pricing-calculator')!.shadowRoot!;
        return [...root.querySelectorAll('.lines .badge-free')].map((badge) => {
          const cell = badge.closest('td')!;
          const c = cell.getBoundingClientRect();
          const cs = getComputedStyle(cell);
          const r = badge.getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(badge);
          const words = Math.max(...[...range.getClientRects()].map((w) => w.right));
          const style = getComputedStyle(badge);
          return {
            text: badge.textContent,
            left: r.left,
            right: r.right,
            cellLeft: c.left + Number.parseFloat(cs.paddingLeft),
            cellRight: c.right - Number.parseFloat(cs.paddingRight),
            // A right edge drawn away from the words reads as a box spilling into the next column.
            rightEdge: Number.parseFloat(style.borderRightWidth) > 0,
            slack:
              r.right -
              words -
              Number.parseFloat(style.paddingRight) -
              Number.parseFloat(style.borderRightWidth),
          };
        });
      });
      assert(badges.length > 0, 'the demo page shows a free-service line');
      for (const b of badges) {
        assert(
          b.left >= b.cellLeft - 0.5 && b.right <= b.cellRight + 0.5,
          `"${b.text}" [${b.left}, ${b.right}] outside its column [${b.cellLeft}, ${b.cellRight}]`,
        );
        assert(!b.rightEdge || b.slack <= 1, `"${b.text}": a box edge drawn ${b.slack}px past its words`);
      }
      await page.close();
    });
  }
}

for (const width of [320, 390, 768, 1280]) {
  for (const path of ['es-help-center.html', 'pt-help-center.html', 'en-pricing.html']) {
    test(`${width} px, ${path}: every panel open, nothing wider than the page, every amount in view, each check box on its label's first line, no select cut from 390 px`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${origin}/demo/${path}`);
      const host = page.locator('wa-pricing-calculator').first();
      await host.locator('[data-testid="total"]').waitFor({ timeout: 10000 });
      await openEverything(page);
      const m = await page.evaluate(() => {
        const root = document.querySelector('wa-pricing-calculator')!.shadowRoot!;
        const outside = [
          ...root.querySelectorAll('[data-amount], [data-testid="total"], td.rate, td.count, tbody th'),
        ]
          .map((el) => ({
            r: el.getBoundingClientRect(),
            // Inside its scrolling box too (a figure scrolled out of the box is not visible).
            box: (el.closest('.table-wrap') ?? root.querySelector('.root')!).getBoundingClientRect(),
            text: el.textContent,
          }))
          .filter(
            ({ r, box }) =>
              r.width > 0 &&
              (r.left < Math.max(-0.5, box.left - 0.5) || r.right > Math.min(innerWidth, box.right) + 0.5),
          )
          .map(({ text }) => text);
        // A check box or radio beside a label of several lines sits on its first line, as in forms.
        const checks = [...root.querySelectorAll('.check')].map((row) => {
          const box = row.querySelector('input')!.getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(row.querySelector('label')!);
          const lines = [...range.getClientRects()];
          const first = lines.reduce((a, r) => (r.top < a.top ? r : a), lines[0]!);
          const middle = (box.top + box.bottom) / 2;
          return {
            text: row.textContent,
            lines: new Set(lines.map((r) => Math.round(r.top))).size,
            off: middle < first.top || middle > first.bottom,
          };
        });
        // Each select shows its chosen option whole (measured in its font; 20px for the arrow).
        const ctx = document.createElement('canvas').getContext('2d')!;
        const cut = [...root.querySelectorAll('select')]
          .map((sel) => {
            const cs = getComputedStyle(sel);
            ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
            const text = sel.selectedOptions[0]?.textContent ?? '';
            const room =
              sel.clientWidth - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight) - 20;
            return { text, need: Math.ceil(ctx.measureText(text).width), room: Math.floor(room) };
          })
          .filter((x) => x.need > x.room)
          .map((x) => `${x.text} (${x.need} > ${x.room}px)`);
        return { scroll: document.documentElement.scrollWidth, inner: innerWidth, outside, checks, cut };
      });
      assert(m.scroll <= m.inner, `the page is ${m.scroll}px wide in a ${m.inner}px viewport`);
      equal(m.outside.slice(0, 5), [], 'figures outside the viewport');
      assert(m.checks.length > 0, 'the open panels show check boxes');
      equal(
        m.checks.filter((c) => c.off).map((c) => `${c.text} (${c.lines} lines)`),
        [],
        "check boxes beside their label's first line",
      );
      // From 390 px (a common phone) up; on a 320 px screen a long month name may be cut.
      if (width >= 390) equal(m.cut, [], 'select options cut');
      await page.close();
    });
  }
}

for (const [path, langs] of [
  ['es-help-center.html', ['es', 'pt-BR', 'en']],
  ['pt-help-center.html', ['pt-BR']],
  ['en-pricing.html', ['en']],
  ['import.html', ['en']],
] as const) {
  for (const lang of langs) {
    test(`axe-core at every impact level: ${path} in ${lang}, every panel open`, async () => {
      const page = await open(path);
      if (
        lang !==
        (path.startsWith('es') || path.startsWith('strict') ? 'es' : path.startsWith('pt') ? 'pt-BR' : 'en')
      ) {
        await page
          .locator('wa-pricing-calculator')
          .first()
          .evaluate((el, l) => el.setAttribute('lang', l), lang);
        await page.waitForTimeout(800);
      }
      await openEverything(page);
      // en-pricing.html embeds two calculators: the second one's regions carry its ordinal «(2)».
      const bad = await axeViolations(page);
      equal(bad, [], 'axe violations');
      if (lang !== 'en') {
        // No internal code, rule id, card id, hash or English token in what a visitor reads.
        const text = await page
          .locator('wa-pricing-calculator')
          .first()
          .evaluate((el) => el.shadowRoot?.querySelector('.layout')?.textContent ?? '');
        assert(text.length > 1000, 'the calculator text with every panel open');
        for (const re of CODE_SHAPED) equal(text.match(re)?.[0] ?? null, null, `code-shaped text ${re}`);
      }
      await page.close();
    });
  }
}

test('no request leaves the page, no cookie is set', async () => {
  const page = await open('es-help-center.html');
  equal(await page.evaluate(() => document.cookie), '', 'document.cookie');
  equal((await context.cookies()).length, 0, 'cookies');
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`));
  equal(foreign, [], 'requests to other origins');
  assert(requests.length > 10, `requests were recorded (${requests.length})`);
  await page.close();
});

test('no console error or page error on any page', async () => {
  equal(
    problems.filter((p) => !p.includes('hostile-css.html console.warning')),
    [],
    'console problems',
  );
});

await run(close);
