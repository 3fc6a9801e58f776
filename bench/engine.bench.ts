/**
 * Engine benchmark: prints figures, asserts nothing (speed goals are read, not tested).
 *   npm run bench
 * - priceEvents on 1,000,000 mixed events (50,000 users, 20 markets, November 2026
 *   in America/Sao_Paulo), against a baseline pass measured in the same run: parse
 *   each timestamp and group the events by user in a Map.
 * - the same events through the incremental pricer (createPricer: add one by one, finish).
 * - the same events in a 3-WABA business portfolio (São Paulo, UTC and Kolkata zones; tiers
 *   pooled across the WABAs), against the same baseline.
 * - estimate latency for a 20-country scenario (median and p95).
 */
import { createPricer, estimate, type MessageEvent, priceEvents, type Scenario } from '../engine/index.ts';
import { numberIn } from '../test/unit/realise.ts';

const COUNTRIES = [
  'BR',
  'MX',
  'CO',
  'AR',
  'CL',
  'PE',
  'IN',
  'ID',
  'US',
  'DE',
  'ES',
  'IT',
  'FR',
  'GB',
  'NG',
  'ZA',
  'EG',
  'SA',
  'AE',
  'TR',
];
const USERS = 50_000;
const EVENTS = 1_000_000;
const ZONE = 'America/Sao_Paulo';

function makeEvents(): MessageEvent[] {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const users = Array.from({ length: USERS }, (_, i) => numberIn(COUNTRIES[i % COUNTRIES.length]!, i));
  const start = Date.parse('2026-11-01T03:00:00Z'); // 00:00 in São Paulo
  const span = 29 * 86_400_000;
  const events: MessageEvent[] = new Array(EVENTS);
  for (let i = 0; i < EVENTS; i++) {
    const user = users[Math.floor(rnd() * USERS)]!;
    const at = new Date(start + Math.floor((i / EVENTS) * span)).toISOString();
    const r = rnd();
    const businessNumber = r < 0.5 ? 'n1' : 'n2';
    if (r < 0.2)
      events[i] = {
        at,
        direction: 'inbound',
        user,
        kind: 'free_form',
        businessNumber,
        ...(r < 0.02 ? { entryPoint: 'ctwa_ad' as const } : {}),
      };
    else if (r < 0.45) events[i] = { at, direction: 'outbound', user, kind: 'free_form', businessNumber };
    else if (r < 0.65)
      events[i] = {
        at,
        direction: 'outbound',
        user,
        kind: 'template',
        category: 'marketing',
        businessNumber,
      };
    else if (r < 0.9)
      events[i] = { at, direction: 'outbound', user, kind: 'template', category: 'utility', businessNumber };
    else
      events[i] = {
        at,
        direction: 'outbound',
        user,
        kind: 'template',
        category: 'authentication',
        businessNumber,
        ...(r > 0.99 ? { status: 'failed' as const } : {}),
      };
  }
  return events;
}

function baseline(events: readonly MessageEvent[]): number {
  const byUser = new Map<string, number[]>();
  for (const e of events) {
    const t = Date.parse(e.at);
    let list = byUser.get(e.user);
    if (list === undefined) {
      list = [];
      byUser.set(e.user, list);
    }
    list.push(t);
  }
  return byUser.size;
}

function time(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
}

const scenario: Scenario = {
  month: '2026-11',
  countries: COUNTRIES.map((country, i) => ({
    country,
    marketing: 10_000 * (i + 1),
    utility: 250_000 * (i + 1),
    authentication: 120_000 * (i + 1),
    conversations: 2_000 * (i + 1),
    repliesPerConversation: 3,
  })),
  assumptions: {
    entryPointShare: 0.1,
    utilityInWindowShare: 0.3,
    authInternationalShare: 1,
    phoneNumbers: 3,
  },
};
const account = { businessCountry: 'BR', timeZone: ZONE };
for (let i = 0; i < 2_000; i++) estimate(scenario, account);
// Five rounds of 4,000 calls: this VM's timing noise moves single rounds by ±40 %.
const estimateRounds: { median: number; p95: number }[] = [];
for (let r = 0; r < 5; r++) {
  const samples: number[] = [];
  for (let i = 0; i < 4_000; i++) {
    const t0 = process.hrtime.bigint();
    estimate(scenario, account);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  estimateRounds.push({ median: median(samples), p95: percentile(samples, 0.95) });
}
const medians = estimateRounds.map((x) => x.median);
console.log(
  `estimate: 20-country scenario (${estimate(scenario, account).lines.length} lines), 5 rounds × 4,000 runs`,
);
console.log(
  `  median ${median(medians).toFixed(1)} µs (rounds ${medians.map((m) => m.toFixed(1)).join(' / ')}), p95 ${median(estimateRounds.map((x) => x.p95)).toFixed(1)} µs`,
);

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const events = makeEvents();
const shuffled = [...events].sort(() => 0);
for (let i = shuffled.length - 1; i > 0; i -= 7)
  [shuffled[i], shuffled[i >> 1]] = [shuffled[i >> 1]!, shuffled[i]!];

// Warm-up, then three measured rounds each; the median is reported.
baseline(events.slice(0, 100_000));
priceEvents(events.slice(0, 100_000), { timeZone: ZONE });
const rounds = {
  baseline: [] as number[],
  sorted: [] as number[],
  shuffled: [] as number[],
  streamed: [] as number[],
  portfolio: [] as number[],
  portfolioBaseline: [] as number[],
};
let total: string | null = '';
let streamedTotal: string | null = '';
for (let r = 0; r < 3; r++) {
  gc();
  rounds.baseline.push(time(() => baseline(events)));
  gc();
  rounds.sorted.push(time(() => (total = priceEvents(events, { timeZone: ZONE }).total)));
  gc();
  rounds.shuffled.push(time(() => priceEvents(shuffled, { timeZone: ZONE })));
  gc();
  rounds.streamed.push(
    time(() => {
      const pricer = createPricer({ timeZone: ZONE });
      for (const e of events) pricer.add(e);
      streamedTotal = pricer.finish().total;
    }),
  );
}
// The portfolio run comes after the single-account rounds, so that its extra million events
// do not weigh on their garbage collection; it has its own same-run baseline rounds.
shuffled.length = 0;
const WABAS = ['w1', 'w2', 'w3'] as const;
// Each business number belongs to one WABA; ids are shared strings, as a log reader interns them.
const numberOf = new Map<string, string>();
const portfolio = events.map((e, i) => {
  const waba = WABAS[i % 3]!;
  const key = `${e.businessNumber}-${waba}`;
  let businessNumber = numberOf.get(key);
  if (businessNumber === undefined) {
    businessNumber = key;
    numberOf.set(key, key);
  }
  return { ...e, waba, businessNumber };
});
const portfolioAccount = {
  timeZone: ZONE,
  wabas: { w1: { timeZone: ZONE }, w2: { timeZone: 'UTC' }, w3: { timeZone: 'Asia/Kolkata' } },
};
priceEvents(portfolio.slice(0, 100_000), portfolioAccount);
for (let r = 0; r < 3; r++) {
  gc();
  rounds.portfolioBaseline.push(time(() => baseline(portfolio)));
  gc();
  rounds.portfolio.push(time(() => priceEvents(portfolio, portfolioAccount)));
}
const b = median(rounds.baseline);
const s = median(rounds.sorted);
const u = median(rounds.shuffled);
const st = median(rounds.streamed);
const p = median(rounds.portfolio);
const pb = median(rounds.portfolioBaseline);
console.log(
  `priceEvents: ${EVENTS.toLocaleString('en')} events, ${USERS.toLocaleString('en')} users, ${COUNTRIES.length} markets, Nov 2026, ${ZONE}`,
);
console.log(
  `  baseline (parse + group by user): ${b.toFixed(0)} ms  (${(EVENTS / b / 1000).toFixed(2)} M events/s)`,
);
console.log(
  `  priceEvents, delivery order:      ${s.toFixed(0)} ms  (${(EVENTS / s / 1000).toFixed(2)} M events/s)  ratio ${(s / b).toFixed(2)}x baseline`,
);
console.log(
  `  priceEvents, unsorted input:      ${u.toFixed(0)} ms  (${(EVENTS / u / 1000).toFixed(2)} M events/s)  ratio ${(u / b).toFixed(2)}x baseline`,
);
console.log(
  `  createPricer, one event at a time: ${st.toFixed(0)} ms  (${(EVENTS / st / 1000).toFixed(2)} M events/s)  ratio ${(st / b).toFixed(2)}x baseline (same total: ${streamedTotal === total})`,
);
console.log(
  `  priceEvents, 3-WABA portfolio:    ${p.toFixed(0)} ms  (${(EVENTS / p / 1000).toFixed(2)} M events/s)  ratio ${(p / pb).toFixed(2)}x its baseline (${pb.toFixed(0)} ms)`,
);
console.log(`  total billed: USD ${total}`);
