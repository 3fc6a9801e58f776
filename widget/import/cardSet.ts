/**
 * The rate cards in use: the bundled ones (the widget's card store), or a set the visitor imported
 * from Meta's files, or the host's set (`rate-cards` attribute: a same-origin URL of a JSON
 * RateCardSet, validated with parseRateCards). Small and in the initial script; the importer
 * itself loads lazily (widget/import/ImportPanel.tsx and the worker).
 *
 * A set in use is complete (the imported cards over full copies of the bundled ones, or the
 * host's own set), so it prices every month: the store below passes it as `account.rateCards`.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type RateCardSet, TarifaInputError } from '../../engine/core.ts';
import { type CardStore, metaOf } from '../cards.ts';
import type { CardSource } from './protocol.ts';

export type CardsInUse = {
  readonly origin: 'files' | 'host';
  readonly set: RateCardSet;
  /** What the worker rebuilds the same set from. */
  readonly source: CardSource;
  /** Ids of the imported (files) or the host's cards. */
  readonly cards: readonly string[];
  /** File names, or the host's URL. */
  readonly names: readonly string[];
};

/** Why the host's cards are not used: `cross_origin` (not fetched), `fetch_failed`, `invalid`. */
export type HostError = {
  readonly code: 'cross_origin' | 'fetch_failed' | 'invalid';
  readonly detail: string;
};

/** The store the widget prices with while `inUse` is active (every month from that set). */
export function withCards(base: CardStore, inUse: CardsInUse | null): CardStore {
  if (inUse === null) return base;
  const ready = { rateCards: inUse.set };
  return {
    catalog: inUse.set.cards.map(metaOf),
    reviewedThrough: inUse.set.reviewedThrough,
    setFor: () => ready,
    load: (month, currency) => base.load(month, currency),
    sources: () => inUse.set.sources,
    loadSources: () => Promise.resolve(),
    loadFullSet: () => Promise.resolve(inUse.set),
  };
}

/** The engine's rate-card validator (`tarifa/validate`): a lazy chunk, loaded when a host gives cards. */
export function loadValidator(): Promise<(json: unknown) => RateCardSet> {
  return import('../../engine/cards/parse.ts').then((m) => m.parseRateCards);
}

/** Fetches and validates the host's set; refuses other origins without fetching. */
export async function loadHostCards(
  url: string,
  base: CardStore,
  origin: string = globalThis.location?.origin ?? '',
  fetchFn: typeof fetch = (...a) => fetch(...a),
): Promise<CardsInUse> {
  const fail = (code: HostError['code'], detail: string): never => {
    throw Object.assign(new Error(`[tarifa] rate-cards: ${code} ${detail}`), { host: { code, detail } });
  };
  let target: URL;
  try {
    target = new URL(url, globalThis.document?.baseURI || origin || undefined);
  } catch {
    return fail('invalid', url);
  }
  if (target.origin !== origin) fail('cross_origin', target.origin);
  let text = '';
  try {
    const res = await fetchFn(target.href, { credentials: 'same-origin' });
    if (!res.ok) fail('fetch_failed', `HTTP ${res.status}`);
    text = await res.text();
  } catch (err) {
    if ((err as { host?: unknown }).host) throw err;
    fail('fetch_failed', String(err));
  }
  const parseRateCards = await loadValidator();
  let set: RateCardSet;
  try {
    set = parseRateCards(JSON.parse(text));
  } catch (err) {
    const code = err instanceof TarifaInputError ? (err.problems[0]?.code ?? 'invalid') : 'not_json';
    return fail('invalid', code);
  }
  return {
    origin: 'host',
    set,
    source: { kind: 'json', text },
    cards: set.cards.map((c) => c.id),
    names: [target.pathname],
  };
}

export type Cards = {
  /** The store to price with. */
  readonly store: CardStore;
  readonly base: CardStore;
  readonly inUse: CardsInUse | null;
  readonly hostError: HostError | null;
  /** Uses a set (null: back to the host's set if any, else the bundled cards). */
  readonly use: (inUse: CardsInUse | null) => void;
};

/** State of the cards in use, for App. `hostUrl`: the `rate-cards` option. */
export function useCards(
  base: CardStore,
  hostUrl: string | null,
  warn?: (k: string, m: string) => void,
): Cards {
  const [imported, setImported] = useState<CardsInUse | null>(null);
  const [host, setHost] = useState<CardsInUse | null>(null);
  const [hostError, setHostError] = useState<HostError | null>(null);
  useEffect(() => {
    setHost(null);
    setHostError(null);
    if (!hostUrl) return;
    let alive = true;
    loadHostCards(hostUrl, base).then(
      (r) => alive && setHost(r),
      (err: unknown) => {
        const e = (err as { host?: HostError }).host ?? {
          code: 'fetch_failed' as const,
          detail: String(err),
        };
        warn?.(
          `rate-cards=${hostUrl}`,
          `rate-cards="${hostUrl}" not used (${e.code}: ${e.detail}); using the bundled cards.`,
        );
        if (alive) setHostError(e);
      },
    );
    return () => {
      alive = false;
    };
  }, [hostUrl, base]);
  const inUse = imported ?? host;
  const store = useMemo(() => withCards(base, inUse), [base, inUse]);
  return { store, base, inUse, hostError, use: setImported };
}
