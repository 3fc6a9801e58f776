/**
 * Issue 17: the share link's codec (widget/share/shareLink.ts with widget/share/scenarioUrl.ts)
 * is a lazy chunk. A link in the address at load is still honoured before the first total; without
 * one, the first total needs no codec, which loads after it for the link the visitor copies.
 *
 * Each test starts from a fresh module graph (vi.resetModules), where the codec has not loaded:
 * this file imports shareLink.ts nowhere (evaluating it registers the codec).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimate } from '../../engine/index.ts';
import { encodeScenario } from '../../widget/share/scenarioUrl.ts';
import { TEST_MONTH } from '../clock.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';

const until = async (check: () => boolean, ms = 5000) => {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const totalIn = (root: ParentNode | null | undefined) =>
  root?.querySelector('[data-testid="total"]')?.getAttribute('data-total') ?? null;

const volumes = {
  marketing: 4321,
  utility: 0,
  authentication: 7,
  conversations: 1200,
  repliesPerConversation: 2.5,
};
const LINK = encodeScenario({
  month: TEST_MONTH,
  currency: 'USD',
  lang: 'en',
  countries: [{ country: 'MX', ...volumes }],
});
const linked = estimate(defaultScenario(TEST_MONTH, [defaultCountry('MX', volumes)]), {
  currency: 'USD',
}).total;
const defaults = estimate(defaultScenario(TEST_MONTH, [defaultCountry('MX')]), { currency: 'USD' }).total;

/** The widget's modules, fresh: no codec loaded, English messages loaded. */
async function fresh() {
  vi.resetModules();
  const element = await import('../../widget/element.tsx');
  const fragment = await import('../../widget/share/fragment.ts');
  const { bundledEnv } = await import('../../widget/env.ts');
  await (await import('../../widget/i18n.ts')).loadLocale('en');
  return { ...element, ...fragment, env: bundledEnv() };
}

function host(totals: string[]) {
  const el = document.createElement('div');
  document.body.append(el);
  el.addEventListener('tarifa:estimate', (e) =>
    totals.push((e as CustomEvent<{ total: string }>).detail.total),
  );
  return el;
}

afterEach(() => {
  document.body.innerHTML = '';
  history.replaceState(null, '', location.pathname);
});

describe('the share link codec, loaded lazily', () => {
  it('without a link, the first total needs no codec; it loads after, and an edit writes the link', async () => {
    const w = await fresh();
    history.replaceState(null, '', location.pathname);
    const totals: string[] = [];
    const el = host(totals);
    w.createMount(w.env)(el, { lang: 'en', country: 'MX', currency: 'USD' });
    // Rendered at once (the messages are loaded), with no codec.
    expect(totalIn(el.shadowRoot)).toBe(defaults);
    expect(w.shareCodec()).toBeNull();
    await until(() => w.shareCodec() !== null);
    expect(location.hash).toBe('');
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('input[id$="-MX.marketing"]')!;
    field.value = '4321';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => location.hash.startsWith('#tarifa=v1_'));
    expect(location.hash).toMatch(/_MX\*4321\*/);
  });

  it('with a link in the address, waits for the codec: the first total is the link’s', async () => {
    const w = await fresh();
    history.replaceState(null, '', `${location.pathname}#tarifa=${LINK}`);
    expect(w.shareCodec()).toBeNull();
    expect(w.needsShareCodec('auto')).toBe(true);
    expect(w.needsShareCodec('none')).toBe(false);
    const totals: string[] = [];
    const el = host(totals);
    w.createMount(w.env)(el, { lang: 'es', country: 'MX', currency: 'USD' });
    // Nothing rendered before the codec has arrived (the defaults' total is never shown).
    expect(totalIn(el.shadowRoot)).toBeNull();
    await until(() => totalIn(el.shadowRoot) !== null);
    expect(totalIn(el.shadowRoot)).toBe(linked);
    await until(() => totals.length > 0);
    expect(totals[0]).toBe(linked);
    expect(totals).not.toContain(defaults);
    // The link's language wins over the host's.
    await until(() => el.shadowRoot!.querySelector('.root')?.getAttribute('lang') === 'en');
    expect(location.hash).toBe(`#tarifa=${LINK}`);
  });

  it('share="none" ignores the link and renders at once without the codec', async () => {
    const w = await fresh();
    history.replaceState(null, '', `${location.pathname}#tarifa=${LINK}`);
    const el = host([]);
    w.createMount(w.env)(el, { lang: 'en', country: 'MX', currency: 'USD', share: 'none' });
    expect(totalIn(el.shadowRoot)).toBe(defaults);
    expect(w.shareCodec()).toBeNull();
  });

  it('App rendered without the wait (no codec at its first render) still reads the link once the codec arrives', async () => {
    const w = await fresh();
    const { render, h } = await import('preact');
    const { App } = await import('../../widget/App.tsx');
    const { parseOptions } = await import('../../widget/options.ts');
    history.replaceState(null, '', `${location.pathname}#tarifa=${LINK}`);
    const el = host([]);
    const options = parseOptions({ lang: 'en', country: 'MX', currency: 'USD' }, {}, () => undefined);
    render(h(App, { options, store: w.env.store(), countries: w.env.countries }), el);
    await until(() => w.shareCodec() !== null && totalIn(el) === linked);
    const field = el.querySelector<HTMLInputElement>('input[id$="-MX.marketing"]')!;
    expect(field.value).toBe('4,321');
    render(null, el);
  });
});
