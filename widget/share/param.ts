/**
 * Where a shared scenario sits in a page address: the `tarifa=` parameter. Tiny and pure, so the
 * first view can tell whether the address carries a link without loading the codec
 * (widget/share/scenarioUrl.ts, a lazy chunk with widget/share/shareLink.ts).
 */
export const SHARE_PARAM = 'tarifa';

/**
 * The `tarifa=` value of a page address: the fragment first (never sent to servers),
 * then the query. Null when neither has one. `hash` and `search` as in `location`.
 */
export function findScenarioParam(search: string, hash: string): string | null {
  for (const part of [hash, search]) {
    const text = part.replace(/^[#?]/, '');
    if (text === '') continue;
    try {
      const value = new URLSearchParams(text).get(SHARE_PARAM);
      if (value !== null) return value;
    } catch {
      /* not a parameter list */
    }
  }
  return null;
}
