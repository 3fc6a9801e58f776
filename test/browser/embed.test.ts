/**
 * Real-browser tests of issue 10 (widget/embed/): the hosted page dist/embed.html in a
 * cross-origin iframe, the iframe loader dist/tarifa-frame.js, link mode, the call to action and
 * the configurator dist/configure.html. Run after `npm run build`.
 *
 * Two origins, both answered by playwright routes from dist/ and the host pages below (no
 * request reaches a network; Chromium's local-network checks would block a public-looking page
 * from framing a loopback server): http://help.test (the help centre) and http://tarifa.test
 * (where dist/ is hosted). Neither is a secure context, so "Copy link" there shows its read-only
 * field instead of using the clipboard; the clipboard path is tested on the static server.
 */
import { readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { assert, equal, launch, requireChromium, seriousAxeViolations, suite } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');

const { test, run } = suite();
requireChromium();

const { context, server, close } = await launch();
const HOST = 'http://help.test';
const FRAME = 'http://tarifa.test';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const problems: string[] = [];
const requests: string[] = [];
context.on('request', (r) => requests.push(r.url()));

/** Host pages: `/host/<name>` with the given body and CSP. */
const hostPages = new Map<string, { body: string; csp: string }>();
await context.route(/^http:\/\/(help|tarifa)\.test\//, (route) => {
  const url = new URL(route.request().url());
  if (url.pathname.startsWith('/dist/')) {
    const file = normalize(join(DIST, url.pathname.slice('/dist/'.length)));
    try {
      if (!file.startsWith(DIST)) throw new Error('outside dist');
      route.fulfill({
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
        body: readFileSync(file),
      });
    } catch {
      route.fulfill({ status: 404, body: 'not found' });
    }
    return;
  }
  const name = url.pathname.slice('/host/'.length);
  if (name === 'redirect') {
    // A page of the host's origin that navigates itself to the hosted page (another origin).
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><title>moved</title><meta http-equiv="refresh" content="0; url=${FRAME}/dist/embed.html?lang=en">`,
    });
    return;
  }
  const page = hostPages.get(name);
  if (!page) {
    route.fulfill({ status: 404, body: 'no such host page' });
    return;
  }
  route.fulfill({
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': page.csp },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host ${name}</title></head>
<body><main><h1>Help article</h1><p>Before the calculator.</p>${page.body}<p>After the calculator.</p></main></body></html>`,
  });
});
function host(name: string, body: string, csp = "script-src 'none'"): string {
  hostPages.set(name, { body, csp });
  return `${HOST}/host/${name}`;
}

async function newPage(width = 1280, height = 900): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return page;
}
const ES = JSON.parse(readFileSync(join(ROOT, 'locales/es.json'), 'utf8'));
const SHARE_FIELD_ES = ES.decide.share.field;
const widgetIn = (scope: Page | FrameLocator | Frame) => scope.locator('wa-pricing-calculator');
const totalIn = (scope: Page | FrameLocator | Frame) => widgetIn(scope).locator('[data-testid="total"]');
async function frameOf(page: Page, selector = 'iframe'): Promise<Frame> {
  const handle = await page.locator(selector).elementHandle();
  const frame = await handle!.contentFrame();
  assert(frame, 'iframe has a frame');
  await totalIn(frame).waitFor({ timeout: 15000 });
  return frame;
}
/** What a visitor sees of a widget: language, theme, accent, countries, total, partner fees, CTA. */
async function fingerprint(w: Locator) {
  await w.locator('[data-testid="total"]').waitFor({ timeout: 15000 });
  return w.evaluate((el) => {
    const root = el.shadowRoot!.querySelector('.root') as HTMLElement;
    return {
      lang: root.getAttribute('lang'),
      dark: root.classList.contains('theme-dark'),
      accent: getComputedStyle(root).getPropertyValue('--a').trim(),
      legends: [...root.querySelectorAll('fieldset.volumes legend')].map((l) => l.textContent),
      month: (root.querySelector('select[id$="-month"]') as HTMLSelectElement | null)?.value,
      currency: (root.querySelector('select[id$="-currency"]') as HTMLSelectElement | null)?.value,
      total: root.querySelector('[data-testid="total"]')?.getAttribute('data-total'),
      fees: root.querySelector('[data-testid="partner-fees"]')?.textContent ?? null,
      cta: root.querySelector('.cta-btn')?.textContent ?? null,
    };
  });
}

test('the hosted page in a cross-origin iframe, on a host page whose CSP forbids scripts, renders in Spanish at 390 px', async () => {
  const page = await newPage(390, 800);
  const before = requests.length;
  const fromFrame: string[] = [];
  page.on('request', (r) => {
    if (r.frame() !== page.mainFrame()) fromFrame.push(r.url());
  });
  await page.goto(
    host(
      'noscript',
      `<iframe src="${FRAME}/dist/embed.html?lang=es-MX&amp;country=MX,CO" title="Calculadora" width="360" height="700"></iframe>`,
    ),
  );
  const frame = await frameOf(page);
  const fp = await fingerprint(widgetIn(frame));
  equal(fp.lang, 'es', 'widget language');
  equal(fp.legends, ['México: mensajes al mes', 'Colombia: mensajes al mes'], 'countries from the query');
  await frame.waitForFunction(() => document.documentElement.lang === 'es');
  equal(
    await frame.title(),
    'Calculadora de precios de WhatsApp Business Platform',
    'title in the visitor language',
  );
  assert(
    (await frame.locator('meta[name="description"]').getAttribute('content'))!.startsWith(
      'Calcula lo que Meta',
    ),
    'description in Spanish',
  );
  // Responsive: nothing wider than the frame.
  const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert(overflow <= 0, `horizontal overflow in the frame: ${overflow}px`);
  // No request leaves the two origins (the host's and the frame's).
  const foreign = requests.slice(before).filter((u) => !u.startsWith(HOST) && !u.startsWith(FRAME));
  equal(foreign, [], 'requests to other origins');
  assert(fromFrame.length > 3, `the frame's requests seen: ${fromFrame.length}`);
  equal(
    fromFrame.filter((u) => !u.startsWith(`${FRAME}/dist/`)),
    [],
    "the hosted page requests nothing outside its own origin's dist/",
  );
  await page.close();
});

test('the hosted page alone: responsive at 320 px, noscript text, unknown parameters warned like attributes', async () => {
  const page = await newPage(320, 640);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.goto(`${FRAME}/dist/embed.html?lang=pt&theme=purple&colour=red`);
  const fp = await fingerprint(widgetIn(page));
  equal(fp.lang, 'pt-BR', 'pt → pt-BR');
  equal(fp.dark, false, 'invalid theme → light');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert(overflow <= 0, `horizontal overflow at 320 px: ${overflow}px`);
  assert(
    warnings.some((w) => w.startsWith('[tarifa] theme="purple" is invalid')),
    `theme warned as the attribute is: ${warnings}`,
  );
  assert(
    warnings.some((w) => w.startsWith('[tarifa] unknown parameter "colour"')),
    `unknown parameter warned: ${warnings}`,
  );
  problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('[tarifa]')));
  const html = readFileSync(join(DIST, 'embed.html'), 'utf8');
  assert(
    /<noscript>[\s\S]*lang="es"[\s\S]*lang="pt-BR"[\s\S]*lang="en"[\s\S]*<\/noscript>/.test(html),
    'noscript',
  );
  assert(!/<script>|<style|style="/.test(html), 'no inline script or style');
  assert(html.includes(`content="default-src 'self'"`), 'CSP meta');
  await page.close();
});

test("the hosted page loads one script of its own, which carries tarifa.js; its lazy panels use that copy's core", async () => {
  // Issue 17: embed.html asks for its stylesheet, its Intl warm-up and embed.js, nothing else
  // before the first total (widget/buildPlugins.ts, singleRequest); the configurator likewise.
  for (const name of ['embed', 'configure']) {
    const html = readFileSync(join(DIST, `${name}.html`), 'utf8');
    const srcs = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    equal(
      srcs,
      name === 'embed'
        ? ['./embed.css', './embed-warm.js', './embed.js']
        : ['./configure.css', './configure.js'],
      `${name}.html's scripts and stylesheet`,
    );
    const code = readFileSync(join(DIST, `${name}.js`), 'utf8');
    assert(!/^import\b|[;}]import\s*[{*"']/m.test(code), `${name}.js imports nothing statically`);
    assert(code.includes('wa-pricing-calculator'), `${name}.js holds the core (the element)`);
    equal(code.split('\n')[1], '//# allFunctionsCalledOnLoad', `${name}.js asks for eager compilation`);
  }
  const page = await newPage(1280, 900);
  const seen: string[] = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await page.goto(`${FRAME}/dist/embed.html?lang=en&country=US`);
  await fingerprint(widgetIn(page));
  const scripts = seen.filter((u) => u.endsWith('.js'));
  equal(scripts.slice(0, 2).sort(), ['/dist/embed-warm.js', '/dist/embed.js'], 'the first scripts');
  assert(!seen.includes('/dist/tarifa.js'), `tarifa.js not loaded: ${seen}`);
  // A lazy panel: its chunks import the core facade, which hands them embed.js's modules.
  await widgetIn(page).getByText('Compare with other months').click();
  await widgetIn(page)
    .getByRole('table', { name: "The same volumes under each month's rules and rates" })
    .waitFor();
  assert(
    seen.some((u) => /^\/dist\/chunks\/core-.*\.js$/.test(u)),
    `the lazy chunks loaded the core facade: ${seen}`,
  );
  equal(await page.locator('wa-pricing-calculator').count(), 1, 'one widget');
  await page.close();
});

test("without a lang parameter, the hosted page takes the visitor's language, not a page default", async () => {
  const page = await newPage(800, 800);
  // A string, not a function: tsx would wrap a function with a helper the page does not have.
  await page.addInitScript(`Object.defineProperty(navigator, 'languages', { get: () => ['pt-PT', 'en'] });`);
  await page.goto(`${FRAME}/dist/embed.html?country=BR`);
  equal((await fingerprint(widgetIn(page))).lang, 'pt-BR', 'widget language');
  await page.waitForFunction(() => document.title === 'Calculadora de preços do WhatsApp Business Platform');
  equal(await page.evaluate(() => document.documentElement.lang), 'pt-BR', '<html lang>');
  await page.close();
});

test('without the loader, a fixed-height iframe scrolls inside and the total stays reachable', async () => {
  const page = await newPage(390, 800);
  await page.goto(
    host(
      'fixed',
      `<iframe src="${FRAME}/dist/embed.html?lang=es" title="Calculadora" width="360" height="420"></iframe>`,
    ),
  );
  const frame = await frameOf(page);
  equal(await page.locator('iframe').evaluate((f) => f.clientHeight), 420, 'iframe keeps its height');
  const scroll = await frame.evaluate(() => document.documentElement.scrollHeight);
  assert(scroll > 420, `content taller than the frame (${scroll})`);
  await totalIn(frame).scrollIntoViewIfNeeded();
  const box = await totalIn(frame).evaluate((t) => {
    const r = t.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, h: innerHeight };
  });
  assert(box.top >= 0 && box.bottom <= box.h, `total visible in the frame: ${JSON.stringify(box)}`);
  await page.close();
});

test('with the loader, the iframe follows its content (a panel opened and closed) and forwards events', async () => {
  const page = await newPage(390, 800);
  await page.goto(
    host(
      'loader',
      `<iframe data-tarifa src="${FRAME}/dist/embed.html?lang=es&amp;cta-label=Hablar%20con%20ventas" title="Calculadora" width="360" height="300"></iframe>
<script src="/dist/tarifa-frame.js" defer></script>`,
      `default-src 'self'; frame-src ${FRAME}`,
    ),
  );
  // Record what reaches the host: raw messages and the loader's re-dispatched events.
  await page.evaluate(() => {
    const w = window as unknown as { seen: unknown[]; events: unknown[] };
    w.seen = [];
    w.events = [];
    addEventListener('message', (e) =>
      w.seen.push({ origin: e.origin, type: (e.data as { type: string }).type }),
    );
    for (const type of ['tarifa:estimate', 'tarifa:cta'])
      document
        .querySelector('iframe')!
        .addEventListener(type, (e) => w.events.push({ type, detail: (e as CustomEvent).detail }));
  });
  const frame = await frameOf(page);
  const content = () => frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  // The iframe's height equals its content's, measured again on each try: the content may still
  // grow while lazy chunks (later messages, panels) arrive.
  const fits = async () => {
    const end = performance.now() + 10_000;
    for (;;) {
      const want = await content();
      const have = await page.evaluate(() => document.querySelector('iframe')!.clientHeight);
      if (Math.abs(have - want) <= 1) return want;
      if (performance.now() > end) throw new Error(`iframe ${have} px, content ${want} px`);
      await page.waitForTimeout(50);
    }
  };
  const closed = await fits();
  assert(closed > 300, `iframe grew from 300 to its content (${closed})`);
  await widgetIn(frame).getByText('Supuestos', { exact: false }).first().click();
  const open = await fits();
  assert(open > closed, `taller with the panel open: ${open} > ${closed}`);
  await widgetIn(frame).getByText('Supuestos', { exact: false }).first().click();
  const again = await fits();
  assert(again < open, `shorter once closed: ${again} < ${open}`);
  // Forwarded events: an edit gives a tarifa:estimate with the frame's total; the CTA a tarifa:cta.
  const group = widgetIn(frame).getByRole('group', { name: 'México: mensajes al mes' });
  await group.getByRole('textbox', { name: 'Plantillas de marketing' }).fill('12.345');
  await frame.waitForFunction(() => location.hash.includes('12345'));
  const total = await totalIn(frame).getAttribute('data-total');
  await page.waitForFunction(
    (t) =>
      (window as unknown as { events: { type: string; detail: { total: string } }[] }).events.some(
        (e) => e.type === 'tarifa:estimate' && e.detail.total === t,
      ),
    total,
  );
  await widgetIn(frame).getByRole('button', { name: 'Hablar con ventas' }).click();
  await page.waitForFunction(() =>
    (window as unknown as { events: { type: string }[] }).events.some((e) => e.type === 'tarifa:cta'),
  );
  const cta = await page.evaluate(
    () =>
      (
        window as unknown as {
          events: {
            type: string;
            detail: { total: string; scenario: { countries: { marketing: number }[] } };
          }[];
        }
      ).events.find((e) => e.type === 'tarifa:cta')!.detail,
  );
  equal(cta.total, total, 'CTA carries the total');
  equal(cta.scenario.countries[0]!.marketing, 12345, 'CTA carries the scenario');
  const seen = await page.evaluate(
    () => (window as unknown as { seen: { origin: string; type: string }[] }).seen,
  );
  assert(
    seen.some((s) => s.type === 'tarifa:resize'),
    'resize messages',
  );
  assert(
    seen.filter((s) => s.type?.startsWith('tarifa:')).every((s) => s.origin === FRAME),
    `every tarifa message from the frame origin: ${JSON.stringify(seen.slice(0, 5))}`,
  );
  await page.close();
});

test('the loader checks each message: from the iframe window and from its src origin only', async () => {
  const page = await newPage(800, 800);
  await page.goto(
    host(
      'spoof',
      `<iframe data-tarifa id="good" src="${FRAME}/dist/embed.html?lang=en" title="Calculator" width="700" height="200"></iframe>
<iframe data-tarifa id="moved" src="/host/redirect" title="Calculator 2" width="700" height="200"></iframe>
<script src="/dist/tarifa-frame.js" defer></script>`,
      `default-src 'self'; frame-src ${FRAME} 'self'`,
    ),
  );
  await frameOf(page, '#good');
  await frameOf(page, '#moved');
  const height = (id: string) => page.locator(`#${id}`).evaluate((f) => f.clientHeight);
  await page.waitForFunction(() => document.querySelector('#good')!.clientHeight > 300);
  // #moved was redirected to another origin than its src: its messages are ignored.
  equal(await height('moved'), 200, 'messages from another origin than the src ignored');
  // A message from the host window itself (not the iframe) is ignored.
  const good = await height('good');
  await page.evaluate(() => postMessage({ type: 'tarifa:resize', height: 42 }, '*'));
  // And one from the right window but a forged source origin cannot be sent; a page at the frame's
  // origin that is not in a data-tarifa iframe is ignored too.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    f.title = 'other';
    document.body.append(f);
  }, `${FRAME}/dist/embed.html?lang=en`);
  await page.waitForTimeout(500);
  equal(await height('good'), good, 'spoofed messages ignored');
  await page.close();
});

test('a link copied inside the iframe opens the full page with the same scenario', async () => {
  const page = await newPage(1000, 900);
  await page.goto(
    host(
      'copy',
      `<iframe src="${FRAME}/dist/embed.html?lang=es&amp;country=CO&amp;theme=dark" title="Calculadora" width="900" height="700" allow="clipboard-read; clipboard-write"></iframe>`,
    ),
  );
  const frame = await frameOf(page);
  const group = widgetIn(frame).getByRole('group', { name: 'Colombia: mensajes al mes' });
  await group.getByRole('textbox', { name: 'Plantillas de utilidad' }).fill('45.678');
  await frame.waitForFunction(() => location.hash.includes('45678'));
  const inFrame = await fingerprint(widgetIn(frame));
  await widgetIn(frame).getByRole('button', { name: ES.decide.share.copy }).click();
  // No clipboard here (not a secure context): the link is shown, selected, in a read-only field.
  const copied = await widgetIn(frame).getByRole('textbox', { name: SHARE_FIELD_ES }).inputValue();
  assert(
    copied.startsWith(`${FRAME}/dist/embed.html?lang=es&country=CO&theme=dark#tarifa=`),
    `link: ${copied}`,
  );
  const full = await newPage(1280, 900);
  await full.goto(copied);
  const fp = await fingerprint(widgetIn(full));
  equal(fp, inFrame, 'the full page shows the same scenario');
  await full.close();
  await page.close();
});

test('the widget on a page: "Copy link" points to the hosted page, or to share-base', async () => {
  const HOST = server.url; // a secure context (localhost): the clipboard is used
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: HOST });
  await context.route(`${HOST}/plain/**`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain</title>
<script type="module" src="/dist/tarifa.js"></script></head><body><main>
<wa-pricing-calculator lang="en" country="BR" cta-label="Get a quote" cta-href="https://example.com/quote"></wa-pricing-calculator></main></body></html>`,
    }),
  );
  const page = await newPage();
  await page.goto(`${HOST}/plain/article.html`);
  await totalIn(page).waitFor();
  const link = widgetIn(page).getByRole('link', { name: 'Get a quote' });
  equal(await link.getAttribute('href'), 'https://example.com/quote', 'CTA link');
  await widgetIn(page).getByRole('button', { name: 'Copy link to this estimate' }).click();
  await widgetIn(page).getByText('Link copied.', { exact: false }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const hash = await page.evaluate(() => location.hash);
  equal(
    copied,
    `${HOST}/dist/embed.html?cta-label=Get+a+quote&cta-href=https%3A%2F%2Fexample.com%2Fquote${hash}`,
    'link to the hosted page with the presentation parameters',
  );
  const full = await newPage();
  await full.goto(copied);
  equal(
    await fingerprint(widgetIn(full)),
    await fingerprint(widgetIn(page)),
    'same widget on the hosted page',
  );
  await full.close();
  // share-base: the host's own page.
  await page.evaluate(() =>
    document.querySelector('wa-pricing-calculator')!.setAttribute('share-base', '/plain/calculator.html?x=1'),
  );
  await widgetIn(page).getByRole('button', { name: 'Copy link to this estimate' }).click();
  await page.waitForFunction(() =>
    navigator.clipboard.readText().then((t) => t.includes('/plain/calculator')),
  );
  const based = await page.evaluate(() => navigator.clipboard.readText());
  assert(based.startsWith(`${HOST}/plain/calculator.html?x=1&cta-label=`), `share-base link: ${based}`);
  await page.close();
});

test("the configurator's three snippets each render the previewed widget", async () => {
  const page = await newPage(1400, 1000);
  await page.goto(`${FRAME}/dist/configure.html?lang=es`);
  await page.getByRole('heading', { name: 'Inserta la calculadora' }).waitFor();
  const settings = page.getByRole('group', { name: 'Configuración' });
  await settings.getByLabel('Idioma', { exact: true }).selectOption('pt-BR');
  await settings.getByLabel('Países', { exact: false }).fill('BR, AR');
  await settings.getByLabel('Tema').selectOption('dark');
  await settings.getByLabel('Usar mi propio color de acento').check();
  await settings.getByLabel('Color de acento', { exact: true }).fill('#5b2a86');
  await settings
    .getByLabel('Comisiones del partner (JSON)')
    .fill(
      '{"perOutboundMessage":{"amount":"0.004","label":"Plataforma"},"taxPercent":{"amount":"10","label":"Impostos"}}',
    );
  await settings.getByLabel('Texto de la llamada a la acción (opcional)').fill('Fale conosco');
  const preview = page.getByTestId('preview').locator('wa-pricing-calculator');
  await preview.locator('[data-testid="partner-fees"]').waitFor({ timeout: 15000 });
  const expected = await fingerprint(preview);
  equal(expected.lang, 'pt-BR', 'preview language');
  equal(expected.dark, true, 'preview theme');
  equal(expected.accent, '#5b2a86', 'preview accent');
  assert(expected.fees?.includes('Plataforma'), 'preview partner fees');
  equal(expected.cta, 'Fale conosco', 'preview CTA');
  const snippet = (key: string) => page.locator(`textarea[data-snippet="${key}"]`).inputValue();

  const script = await snippet('script');
  const s = await newPage(1400, 1000);
  await s.goto(host('cfg-script', script, `default-src 'self' ${FRAME}`));
  // The partner totals are a lazy chunk: wait for them as the other two snippets do.
  await widgetIn(s).locator('[data-testid="partner-fees"]').waitFor({ timeout: 15000 });
  equal(await fingerprint(widgetIn(s)), expected, 'script tag renders the preview');
  await s.close();

  for (const key of ['frameLoader', 'frame']) {
    const code = await snippet(key);
    const f = await newPage(1400, 1000);
    await f.goto(
      host(`cfg-${key}`, code, key === 'frame' ? "script-src 'none'" : `default-src 'self' ${FRAME}`),
    );
    const frame = await frameOf(f);
    await widgetIn(frame).locator('[data-testid="partner-fees"]').waitFor({ timeout: 15000 });
    equal(await fingerprint(widgetIn(frame)), expected, `${key} renders the preview`);
    await f.close();
  }

  const link = await snippet('link');
  const l = await newPage(1400, 1000);
  await l.goto(link);
  await widgetIn(l).locator('[data-testid="partner-fees"]').waitFor({ timeout: 15000 });
  equal(await fingerprint(widgetIn(l)), expected, 'the link renders the preview');
  await l.close();
  // The configurator in another language keeps the author's choices.
  await page.locator('#cfg-ui-lang').selectOption('en');
  await page.getByRole('heading', { name: 'Embed the calculator' }).waitFor();
  equal(await page.locator('#cfg-country').inputValue(), 'BR, AR', 'choices kept across a language switch');
  equal(await snippet('script'), script, 'same snippet');
  await page.close();
});

test('axe: no serious or critical violations on the hosted page and the configurator', async () => {
  for (const url of [`${HOST}/dist/embed.html?lang=es`, `${HOST}/dist/configure.html?lang=pt-BR`]) {
    const page = await newPage();
    await page.goto(url);
    await totalIn(page).first().waitFor({ timeout: 15000 });
    // The pages' CSP forbids an injected <script>: evaluate axe-core directly.
    await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await seriousAxeViolations(page);
    equal(violations, [], `axe on ${url}`);
    await page.close();
  }
});

test('no console errors or page errors', async () => {
  equal(problems, [], 'problems');
});

await run(close);
