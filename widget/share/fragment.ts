/**
 * The page address's side of the share link (`#tarifa=v1_…`), in the first view: which widget
 * owns the fragment, whether the address carries a link, and writing it back. The codec that
 * reads and writes the scenario itself (widget/share/shareLink.ts with widget/share/scenarioUrl.ts)
 * is a lazy chunk (issue 17): loaded before the first render when the address has a link
 * (element.tsx waits for it, see needsShareCodec), else after the first total.
 *
 * One widget per page owns the fragment, deterministically: the one with `share="url"` (at most
 * one per page: a second one warns and behaves as `share="none"`), else the first to render with
 * `share="auto"` (the default); `share="none"` never reads nor writes it. A `share="url"` widget
 * mounted later takes the fragment over from an `auto` one, which then stops writing. A widget
 * never adopts another one's scenario: the value a widget still on the page wrote is not read by
 * a widget that claims the fragment later (a link the page was opened with, one pasted into the
 * address bar, or one written by a widget since removed is). A pasted link (`hashchange`) is read
 * by the owner like a new start.
 *
 * The host's address is the host's: nothing is written on load, only once the visitor edits
 * something or presses "copy link", and only into a fragment that is empty or already ours
 * (`tarifa=` among its `key=value` pairs, the others kept). A host anchor (`#preguntas`) is never
 * replaced: then the copied link alone carries the scenario.
 */
import type { ShareMode } from '../options.ts';
import { findScenarioParam, SHARE_PARAM } from './param.ts';

let owner: symbol | null = null;
/** The `share="url"` widget, if one is mounted (at most one per page). */
let urlOwner: symbol | null = null;
/** The last value a widget of this page wrote into the address, and which widget wrote it. */
let written: string | null = null;
let writer: symbol | null = null;
/** Widgets that have claimed the fragment and are still mounted. */
const mounted = new Set<symbol>();

/** Claims the fragment for one widget instance; false when another one owns it (or `share="none"`). */
export function claimFragment(
  id: symbol,
  mode: ShareMode,
  warn: (key: string, message: string) => void = (_k, m) => console.warn(`[tarifa] ${m}`),
): boolean {
  if (mode === 'none' || typeof location === 'undefined' || typeof history === 'undefined') return false;
  if (mode === 'url') {
    if (urlOwner !== null && urlOwner !== id) {
      warn(
        'share=url-twice',
        'another widget on this page already has share="url": this one does not read nor write the address (as share="none").',
      );
      return false;
    }
    urlOwner = id;
    owner = id;
    mounted.add(id);
    return true;
  }
  if (owner !== null && owner !== id) return false;
  try {
    // A widget that asked for the fragment explicitly takes precedence over the first one.
    if (document.querySelector('wa-pricing-calculator[share="url" i]')) return false;
  } catch {
    /* no document */
  }
  owner = id;
  mounted.add(id);
  return true;
}

export function releaseFragment(id: symbol): void {
  mounted.delete(id);
  if (owner === id) owner = null;
  if (urlOwner === id) urlOwner = null;
}

/** True while `id` owns the fragment (a later `share="url"` widget may have taken it over). */
export function ownsFragment(id: symbol): boolean {
  return owner === id;
}

/** The `tarifa=` value in the page address, or null. Never throws. */
export function linkValue(): string | null {
  try {
    return findScenarioParam(location.search, location.hash);
  } catch {
    return null;
  }
}

/** True when `value` is what a widget of this page wrote last (not a link pasted since). */
export function wroteHere(value: string): boolean {
  return value === written;
}

/** True when `value` is the scenario of another widget still on the page: never adopted. */
export function othersScenario(value: string, id: symbol | undefined): boolean {
  return value === written && writer !== null && writer !== id && mounted.has(writer);
}

/** The page address with `tarifa=<value>` in its fragment (other `key=value` pairs kept). */
export function linkFor(value: string, href: string = location.href): string {
  const url = new URL(href);
  const hash = url.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash.includes('=') ? hash : '');
  params.set(SHARE_PARAM, value);
  url.hash = params.toString();
  return url.href;
}

/** True when the page's fragment may carry the scenario: empty, or already holding ours. */
export function fragmentIsOurs(hash: string = location.hash): boolean {
  const h = hash.replace(/^#/, '');
  if (h === '') return true;
  return h.includes('=') && new URLSearchParams(h).has(SHARE_PARAM);
}

/**
 * Rewrites the address without a new history entry; false when the page does not allow it or
 * the fragment is the host's (see fragmentIsOurs), or (given `id`) another widget owns it now.
 */
export function writeLink(value: string, id?: symbol): boolean {
  try {
    if (id !== undefined && owner !== id) return false;
    if (!fragmentIsOurs()) return false;
    const next = linkFor(value);
    if (next !== location.href) history.replaceState(history.state, '', next);
    written = value;
    writer = id ?? null;
    return true;
  } catch {
    return false;
  }
}

/** The codec's functions the first view calls (widget/share/shareLink.ts, a lazy chunk). */
export type ShareCodec = typeof import('./shareLink.ts')['codec'];

let codec: ShareCodec | null = null;
let loading: Promise<ShareCodec> | null = null;

/** Called by shareLink.ts when it evaluates (whoever imported it). */
export function setShareCodec(c: ShareCodec): void {
  codec = c;
}

/** The codec if it has loaded, else null. */
export function shareCodec(): ShareCodec | null {
  return codec;
}

/** Loads the codec once per page (again after a failed attempt). */
export function loadShareCodec(): Promise<ShareCodec> {
  if (codec !== null) return Promise.resolve(codec);
  loading ??= import('./shareLink.ts').then(
    (m) => m.codec,
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/**
 * True when a widget with this `share` mode must wait for the codec before its first render: the
 * address carries a link it may read, and the codec has not loaded. The first total is then the
 * link's, never the defaults'.
 */
export function needsShareCodec(mode: ShareMode): boolean {
  return mode !== 'none' && codec === null && linkValue() !== null;
}
