/**
 * Files for the import tests and benchmark: Meta's rate-card layouts filled with our bundled
 * figures (the layout of test/fixtures/meta/generate.ts), message logs in the CSV layout and
 * status webhooks (docs/import.md).
 */
import { bundledRateCards, type RateCard } from '../../engine/index.ts';
import { numberIn } from '../unit/realise.ts';

export function card(id: string): RateCard {
  const c = bundledRateCards.cards.find((x) => x.id === id);
  if (!c) throw new Error(`no bundled card ${id}`);
  return c;
}

/** A card with one rate changed (e.g. Brazil marketing), still a valid card (tiers untouched). */
export function withRate(c: RateCard, market: string, column: 'marketing', rate: string): RateCard {
  return { ...c, rates: { ...c.rates, [market]: { ...c.rates[market], [column]: rate } } };
}

// Meta's list-rate and volume-tier CSVs, as the fixture generator writes them.
export { ratesFile, tiersFile } from '../fixtures/meta/layout.ts';

const COUNTRIES = ['BR', 'MX', 'CO', 'AR', 'CL', 'PE', 'IN', 'ID', 'US', 'DE', 'ES', 'IT', 'NG', 'ZA', 'EG'];

/** Valid user numbers spread over markets. */
export function users(n: number): string[] {
  return Array.from({ length: n }, (_, i) => numberIn(COUNTRIES[i % COUNTRIES.length]!, i));
}

export const LOG_HEADER = 'at,direction,user,kind,category,entryPoint,businessNumber,status';

/**
 * A message log in the CSV layout: `rows` rows over November 2026 (deterministic), plus `bad`
 * malformed rows at known places. The same generator runs in the page for the benchmark.
 */
export function csvLog(rows: number, numbers: readonly string[], bad = 0): string {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const start = Date.parse('2026-11-01T06:00:00Z');
  const span = 20 * 86_400_000;
  const out: string[] = [LOG_HEADER];
  const every = bad > 0 ? Math.floor(rows / bad) : 0;
  for (let i = 0; i < rows; i++) {
    const user = numbers[Math.floor(rnd() * numbers.length)]!;
    const at = `${new Date(start + Math.floor((i / rows) * span)).toISOString().slice(0, 19)}Z`;
    if (every > 0 && i % every === every - 1) {
      out.push(
        i % 2 === 0 ? `${at},sideways,${user},free_form,,,n1,` : `yesterday,outbound,${user},template,,,n1,`,
      );
      continue;
    }
    const r = rnd();
    const number = r < 0.5 ? 'n1' : 'n2';
    if (r < 0.2) out.push(`${at},inbound,${user},free_form,,${r < 0.02 ? 'ctwa_ad' : ''},${number},`);
    else if (r < 0.45) out.push(`${at},outbound,${user},free_form,,,${number},delivered`);
    else if (r < 0.65) out.push(`${at},outbound,${user},template,marketing,,${number},read`);
    else if (r < 0.9) out.push(`${at},outbound,${user},template,utility,,${number},delivered`);
    else out.push(`${at},outbound,${user},template,authentication,,${number},${r > 0.99 ? 'failed' : ''}`);
  }
  return `${out.join('\r\n')}\r\n`;
}

/** Meta status webhooks (one body per line); `c1` is planted: Meta says authentication-international. */
export function webhookLog(): string {
  const T0 = Date.UTC(2026, 3, 2, 10) / 1000;
  const body = (value: object) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        { changes: [{ field: 'messages', value: { metadata: { phone_number_id: 'PN1' }, ...value } }] },
      ],
    });
  const delivered = (id: string, to: string, s: number, category: string, type: string) =>
    body({
      statuses: [
        {
          id,
          status: 'delivered',
          timestamp: String(T0 + s),
          recipient_id: to,
          pricing: { billable: type === 'regular', pricing_model: 'PMP', category, type },
        },
      ],
    });
  return [
    delivered('wamid.a1', '5511987650001', 0, 'utility', 'regular'),
    delivered('wamid.a2', '5511987650001', 60, 'marketing', 'regular'),
    body({
      messages: [{ from: '5511987650002', id: 'wamid.in', timestamp: String(T0 + 100), type: 'text' }],
    }),
    delivered('wamid.b1', '5511987650002', 160, 'service', 'free_customer_service'),
    delivered('wamid.c1', '919876500001', 300, 'authentication-international', 'regular'),
    '{"object":"whatsapp_business_account","entry":[',
  ].join('\n');
}
