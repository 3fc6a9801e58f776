/**
 * No English on an es / pt-BR screen (issue 16): the calculator is rendered with every panel open
 * (assumptions, what-if, comparison with its reasons, charts, partner fees, every "why?", the
 * import section with a priced log and its reconciliation), and its visible text must contain no
 * English word of en.json or of Meta's market names. Words spelt the same in the other language
 * («Marketing», «Meta», «WhatsApp», «CSV»…) are not on the list; quoted file values («inbound»),
 * <code> identifiers and the sources' own locators (data, not interface text) are not read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundledRateCards, estimate, parsePartnerFees, type Scenario } from '../../engine/index.ts';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import ptBR from '../../locales/pt-BR.json';
import { App } from '../../widget/App.tsx';
import { bundledStore } from '../../widget/cards.ts';
import { countryName } from '../../widget/form/countries.ts';
import { csvRows } from '../../widget/share/csvExport.ts';
import { createI18n } from '../../widget/i18n.ts';
import { useCards } from '../../widget/import/cardSet.ts';
import { ImportSection } from '../../widget/import/ImportSection.tsx';
import { runJob } from '../../widget/import/jobs.ts';
import type { ToWorker } from '../../widget/import/protocol.ts';
import type { WorkerLike } from '../../widget/import/spawn.ts';
import type { Lang } from '../../widget/lang.ts';
import { parseOptions } from '../../widget/options.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';
import { COUNTRIES, loadAllLocales, NOW } from './helpers.tsx';

type Tree = { [k: string]: string | Tree };
const values = (tree: Tree): string[] =>
  Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : values(v)));
/** Quoted file values, {{placeholders}}, time zones and identifiers are not words a reader reads. */
const prose = (s: string) =>
  s
    .replace(/«[^»]*»|“[^”]*”|"[^"]*"/g, ' ')
    .replace(/\{\{\w+\}\}/g, ' ')
    .replace(/\b[\w+-]+\/[\w/+-]+\b/g, ' ')
    .replace(/\b[\w-]+\.(csv|jsonl?|txt)\b/g, ' ')
    .replace(/\b\w*_\w*\b/g, ' ');
const words = (s: string) => prose(s).match(/\p{L}[\p{L}'’-]*\p{L}/gu) ?? [];

const MARKETS = [
  ...new Set(bundledRateCards.markets.countries.flatMap((c) => c.markets.map((m) => m.market))),
];

/** Words of the language spelt like an English word of en.json (es «tarifa base», pt «data», «Use o formato»). */
const HOMOGRAPHS: Record<'es' | 'pt-BR', readonly string[]> = {
  es: ['base'],
  'pt-BR': ['base', 'data', 'link', 'status', 'use', 'volume'],
};
const flat = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.entries(tree).reduce<Record<string, string>>((acc, [k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') acc[key] = v;
    else Object.assign(acc, flat(v, key));
    return acc;
  }, {});
const lower = (s: string) => words(s).map((w) => w.toLowerCase());

/**
 * English words of en.json and of Meta's market names, less the words a language shares with
 * English: those every language writes in the same message («Marketing», «Meta», «WhatsApp»,
 * «CSV»…) and the words of the language's own country names. Built per message, so an English
 * word slipped into one catalogue message stays on the list.
 */
function englishWords(lang: 'es' | 'pt-BR'): Set<string> {
  const [e, x, y] = [flat(en), flat(es), flat(ptBR)];
  const shared = new Set<string>();
  for (const [key, text] of Object.entries(e)) {
    const a = new Set(lower(x[key] ?? ''));
    const b = new Set(lower(y[key] ?? ''));
    for (const w of lower(text)) if (a.has(w) && b.has(w)) shared.add(w);
  }
  for (const c of bundledRateCards.markets.countries)
    for (const w of lower(countryName(c.iso2, lang))) shared.add(w);
  for (const w of HOMOGRAPHS[lang]) shared.add(w);
  const english = [...values(en).flatMap(words), ...MARKETS.flatMap(words)]
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 3 && !shared.has(w));
  return new Set(english);
}

/**
 * The text a visitor reads in `root`, one text node after another: no <code>, no source locators
 * (research notes cited as they are), no language picker (each language in its own name).
 */
function visibleText(root: Element): string {
  const copy = root.cloneNode(true) as Element;
  for (const el of copy.querySelectorAll('code, .why-sources, details.sources li, script, style, template'))
    el.remove();
  for (const el of copy.querySelectorAll('select option[value="en"]')) el.remove();
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) out.push(n.textContent ?? '');
    for (const c of n.childNodes) walk(c);
  };
  walk(copy);
  return out.join(' ');
}

function englishOn(text: string, list: Set<string>): string[] {
  return [...new Set(words(text).filter((w) => list.has(w.toLowerCase())))];
}

const FEES = {
  perOutboundMessage: { amount: '0.0050' },
  markupPercent: '10',
  monthlyPlatformFee: { amount: '49.90' },
  taxPercent: '16',
};

async function openEverything(root: Element): Promise<void> {
  for (let round = 0; round < 4; round++) {
    for (const d of root.querySelectorAll('details')) {
      if (d.open) continue;
      d.open = true;
      fireEvent(d, new Event('toggle'));
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function fakeWorker(): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate() {
      w.onmessage = null;
    },
    postMessage(m: unknown) {
      void runJob(m as ToWorker, (r) => w.onmessage?.({ data: r }));
    },
  };
  return w;
}

function ImportHarness(props: { lang: Lang }) {
  const cards = useCards(bundledStore(bundledRateCards), null);
  const t = createI18n(props.lang).getFixedT(props.lang);
  return (
    <ImportSection
      idPrefix="t"
      lang={props.lang}
      t={t}
      cards={cards}
      currency="USD"
      allowCardImport
      open
      createWorker={fakeWorker}
    />
  );
}

// A log with a rejected row, a never-delivered message, Meta's own pricing (one disagreement).
const webhook = (
  id: string,
  to: string,
  ts: number,
  status: string,
  category: string,
  billable: boolean,
) => ({
  entry: [
    {
      changes: [
        {
          field: 'messages',
          value: {
            metadata: { phone_number_id: 'PN1' },
            statuses: [
              {
                id,
                recipient_id: to,
                status,
                timestamp: String(ts),
                pricing: { billable, pricing_model: 'PMP', category, type: 'regular' },
              },
            ],
          },
        },
      ],
    },
  ],
});
const LOG = [
  webhook('wamid.1', '5511987650001', 1793620800, 'delivered', 'marketing', true),
  webhook('wamid.2', '5511987650002', 1793624400, 'delivered', 'utility', false),
  { entry: 'not a list' },
]
  .map((x) => JSON.stringify(x))
  .join('\n');

const BROKEN = readFileSync(
  resolve(import.meta.dirname, '../fixtures/meta/broken-rates-numbers.csv'),
  'utf8',
);

const CASES = ['es', 'pt-BR'] as const;

beforeAll(loadAllLocales);
afterEach(() => {
  cleanup();
  history.replaceState(null, '', location.pathname);
});

describe.each(CASES)('no English on the %s screen', (lang) => {
  const list = englishWords(lang);

  it('the list holds English words and leaves out shared ones', () => {
    for (const w of ['rate', 'card', 'zone', 'messages', 'rest', 'america', 'mexico'])
      expect(list.has(w), w).toBe(true);
    for (const w of ['marketing', 'meta', 'whatsapp', 'csv', 'total']) expect(list.has(w), w).toBe(false);
    expect(englishOn('Tarifa de Marketing para Mexico: rate card carried', list)).toEqual([
      'Mexico',
      'rate',
      'card',
      'carried',
    ]);
  });

  it('the calculator with every panel open, every "why?" answered', async () => {
    history.replaceState(null, '', location.pathname);
    const options = parseOptions(
      {
        lang,
        country: 'MX,BR,BO,US,IN',
        'partner-fees': JSON.stringify(FEES),
        'partner-editable': 'true',
      },
      {},
      () => {},
    );
    const { container } = render(
      <App
        options={options}
        store={bundledStore(bundledRateCards)}
        countries={COUNTRIES}
        now={NOW}
        warn={() => {}}
      />,
    );
    await screen.findAllByTestId('total');
    await openEverything(container);
    // The comparison and its reasons (lazy, with the full card sets).
    await waitFor(() => expect(container.querySelectorAll('.reasons li').length).toBeGreaterThan(0), {
      timeout: 8000,
    });
    // Every "why?" button names its row («¿Por qué? México · Marketing»).
    const why = lang === 'es' ? /^¿Por qué\?/ : /^Por quê\?/;
    for (const b of screen.getAllByRole('button', { name: why })) fireEvent.click(b);
    await waitFor(() => expect(container.querySelectorAll('.explain').length).toBeGreaterThan(0), {
      timeout: 8000,
    });
    await waitFor(() => expect(visibleText(container)).not.toMatch(/Cargando|Carregando/), { timeout: 8000 });
    const text = visibleText(container);
    if (process.env.H16_DEBUG)
      for (const w of englishOn(text, list))
        console.log(w, '::', text.slice(Math.max(0, text.indexOf(w) - 80), text.indexOf(w) + 60));
    expect(text.length).toBeGreaterThan(2000);
    // Every panel was open: assumptions, what-if, comparison, charts, fees, a "why?" (said in
    // words: no rule id, issue 9).
    const seen =
      lang === 'es'
        ? [
            'Supuestos',
            '¿Y si…?',
            'Las mismas cantidades',
            'Costo estimado de',
            'Con las tarifas de tu proveedor',
            'Se cobra con la tarifa del nivel de volumen',
            'Zona de tarifas: Resto de América Latina',
          ]
        : [
            'Premissas',
            'E se…',
            'As mesmas quantidades',
            'Custo estimado de',
            'Com as tarifas do seu provedor',
            'faixa de volume',
            'Zona tarifária: Resto da América Latina',
          ];
    for (const s of seen) expect(text, s).toContain(s);
    expect(englishOn(text, list).join(' ')).toBe('');
  }, 30000);

  it('the CSV file', () => {
    const s: Scenario = defaultScenario(
      '2026-11',
      ['MX', 'BR', 'BO', 'US', 'IN'].map((c) => defaultCountry(c)),
    );
    const e = estimate(s, { currency: 'USD' });
    const t = createI18n(lang).getFixedT(lang);
    const { header, rows } = csvRows(e, s, parsePartnerFees(FEES), lang, t);
    const cells = [...header, ...rows.flat().filter((c): c is string => typeof c === 'string')];
    expect(cells).toContain(lang === 'es' ? 'México' : 'México');
    expect(englishOn(cells.join(' · '), list)).toEqual([]);
  });

  it('the import section with a priced log, its reconciliation and a broken rate-card file', async () => {
    const { container } = render(<ImportHarness lang={lang} />);
    const logRegion = await screen.findByRole('region', {
      name:
        lang === 'es'
          ? 'Calcular el costo de un historial de mensajes'
          : 'Calcular o custo de um histórico de mensagens',
    });
    const file = within(logRegion).getByLabelText(
      lang === 'es' ? 'Archivo del historial de mensajes' : 'Arquivo do histórico de mensagens',
    );
    Object.defineProperty(file, 'files', {
      value: [new File([LOG], 'log.jsonl', { type: 'application/json' })],
      configurable: true,
    });
    fireEvent.change(file);
    await within(logRegion).findByTestId('log-total', {}, { timeout: 8000 });
    await within(logRegion).findByTestId('reconcile', {}, { timeout: 8000 });
    // A broken rate-card file: its problems name Meta's markets and columns.
    const cards = screen.getByLabelText(
      lang === 'es' ? 'Archivos de tarifas (CSV)' : 'Arquivos de tarifas (CSV)',
    );
    Object.defineProperty(cards, 'files', {
      value: [new File([BROKEN], 'broken.csv', { type: 'text/csv' })],
      configurable: true,
    });
    fireEvent.change(cards);
    const problems = await screen.findByTestId('cards-problems', {}, { timeout: 8000 });
    expect(problems.textContent).toMatch(lang === 'es' ? /Brasil · Marketing/ : /Brasil · Marketing/);
    await openEverything(container);
    const text = visibleText(container);
    expect(text).toMatch(lang === 'es' ? /Coinciden: 1/ : /Coincidem: 1/);
    expect(englishOn(text, list).join(' ')).toBe('');
  }, 30000);
});
