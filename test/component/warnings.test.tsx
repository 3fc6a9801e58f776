/**
 * Issue 9, item 4: calm by default. Every warning code the engine can emit (read from its
 * exported type in engine/types.ts, so a new code fails here until it is translated and ranked)
 * has a sentence in all three catalogues; decision-changing warnings are notices, provenance a
 * footnote behind a disclosure; no internal code, rule id, card id or English token reaches a
 * Spanish or Portuguese visitor, with every panel open.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import en from '../../locales/en.json' with { type: 'json' };
import es from '../../locales/es.json' with { type: 'json' };
import pt from '../../locales/pt-BR.json' with { type: 'json' };
import { DECISION_WARNINGS, PROVENANCE_WARNINGS } from '../../widget/results/Results.tsx';
import { loadAllLocales, renderApp } from './helpers.tsx';

/** The codes of `export type WarningDetails = { readonly a: …; }` (WarningCode = its keys) in the engine's public types. */
function engineWarningCodes(): string[] {
  const src = readFileSync(resolve(import.meta.dirname, '../../engine/types.ts'), 'utf8');
  const m = /export type WarningDetails\s*=\s*\{([\s\S]*?)\n\};/.exec(src);
  if (!m) throw new Error('WarningDetails not found in engine/types.ts');
  return [...m[1]!.matchAll(/^ {2}readonly ([a-z_]+):/gm)].map((x) => x[1]!);
}

/** Every code passed to a `warn(` call or a `{ code: '…' … }` warning literal in engine/ (any folder). */
function emittedCodes(): string[] {
  const dir = resolve(import.meta.dirname, '../../engine');
  const out = new Set<string>();
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.startsWith('data'),
  );
  expect(files).toContain(join('pricing', 'priceEvents.ts'));
  for (const f of files) {
    const src = readFileSync(resolve(dir, f), 'utf8');
    for (const x of src.matchAll(/\.warn\(\s*'([a-z_]+)'/g)) out.add(x[1]!);
    for (const x of src.matchAll(/warning:\s*\{\s*code:\s*'([a-z_]+)'/g)) out.add(x[1]!);
  }
  return [...out];
}

beforeAll(loadAllLocales);
afterEach(cleanup);

describe('every engine warning code', () => {
  const codes = engineWarningCodes();
  it('is read from the engine (the list is not empty and covers what the engine emits)', () => {
    expect(codes.length).toBeGreaterThan(5);
    for (const c of emittedCodes()) expect(codes).toContain(c);
  });
  it.each([
    ['en', en],
    ['es', es],
    ['pt-BR', pt],
  ] as const)('has a sentence in %s', (_lang, catalogue) => {
    const warnings = catalogue.warnings as unknown as Record<string, unknown>;
    for (const c of codes) expect(typeof warnings[c], c).toBe('string');
  });
  it('is ranked: a notice that changes the decision, or a provenance footnote', () => {
    for (const c of codes) expect(DECISION_WARNINGS.has(c) !== PROVENANCE_WARNINGS.has(c), c).toBe(true);
  });
});

/** Tokens no visitor should read in Spanish or Portuguese. */
const CODE_SHAPED: readonly RegExp[] = [
  /\b[a-z]+_[a-z_]+\b/, // snake_case codes
  /\b[A-Z]+_[A-Z_]+\b/, // regime ids
  /\b(cbp|pmp)-\d{4}-\d{2}-\d{2}/, // card ids
  /\b\d+:(\d+|MAX)\b/, // Meta's tier notation
  /\bRegla [A-Z]\d+\b|\bRegra [A-Z]\d+\b|\b[A-Z]\d\b/, // rule ids
  /\b[ST]\d\d\b/, // source ids
  /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b/, // commit hashes
  /\b[a-z]+\.[a-z]+[A-Z]\w*/, // rule paths
  /\b(carried|not-applicable|not-found|direct-single|Rule|Mexico|Brazil|Rest of|Other)\b/, // English tokens
];

async function openEverything() {
  for (const d of document.querySelectorAll('details')) {
    d.open = true;
    fireEvent(d, new Event('toggle'));
  }
  await waitFor(() => expect(document.querySelectorAll('.decide details').length).toBeGreaterThan(0), {
    timeout: 5000,
  });
  for (const d of document.querySelectorAll('details')) {
    d.open = true;
    fireEvent(d, new Event('toggle'));
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[aria-expanded="false"]'))
    fireEvent.click(b);
  await waitFor(() => expect(document.body.textContent).not.toMatch(/Cargando|Carregando|Loading/), {
    timeout: 5000,
  });
}

describe.each([
  ['es-MX', 'MX,BR,CO'],
  ['pt-BR', 'BR,MX,AR'],
])('the first view in %s', (lang, country) => {
  it('shows no internal code, rule id, card id or English token, with every panel open', async () => {
    renderApp({
      lang,
      country,
      'partner-fees': '{"perOutboundMessage":{"amount":"0.005"},"taxPercent":{"amount":"16"}}',
    });
    await screen.findAllByRole('button', { name: /Por qué|Por quê/ });
    await openEverything();
    // The calculator and its results (the log-import panel shows input formats such as IANA zones).
    const text = document.querySelector('.layout')?.textContent ?? '';
    expect(text.length).toBeGreaterThan(1000);
    for (const re of CODE_SHAPED) expect(text.match(re)?.[0] ?? null, String(re)).toBeNull();
  });
  it('keeps provenance in the footnote and the decision notices plain', async () => {
    renderApp({ lang, country });
    await screen.findAllByRole('button', { name: /Por qué|Por quê/ });
    const notices = [...document.querySelectorAll('[data-testid="notices"] li')].map((li) =>
      li.getAttribute('data-code'),
    );
    for (const c of notices) expect(PROVENANCE_WARNINGS.has(c!)).toBe(false);
    const footnotes = document.querySelector('[data-testid="footnotes"]');
    if (footnotes) expect(footnotes.closest('details')).not.toBeNull();
    expect(
      document.querySelector('a[href="https://developers.facebook.com/docs/whatsapp/pricing"]'),
    ).not.toBeNull();
  });
});

describe.each([
  ['en', en],
  ['es', es],
  ['pt-BR', pt],
] as const)('a missing figure in %s', (lang, catalogue) => {
  it('says why: a Pakistan utility line at 200,000 messages has an unpublished tier rate', async () => {
    // In USD: the BRL card a Brazilian visitor starts with prints that band's rate.
    renderApp({ lang, country: 'PK', month: '2026-11', currency: 'USD' });
    const input = await screen.findByRole('textbox', { name: catalogue.volumes.utility });
    fireEvent.input(input, { target: { value: '200000' } });
    await waitFor(() => expect(document.querySelector('.badge-missing')).not.toBeNull());
    const reasons = [...document.querySelectorAll('.rate .sub')].map((s) => s.textContent);
    expect(reasons).toEqual([catalogue.missing['tier-not-found']]);
    expect(reasons).not.toContain(catalogue.missing.other);
    // The notice names the tier in words (no `150001:1000000`) and the zone.
    const notice = document.querySelector('[data-testid="notices"] li[data-code="tier_rate_missing"]');
    expect(notice?.textContent).toContain(catalogue.warnings.tier_rate_missing.split(' (')[0]);
    expect(notice?.textContent).not.toMatch(/\d+:(\d+|MAX)/);
  });
});
