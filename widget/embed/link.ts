/**
 * Link mode (issue 10): "Copy link" points to the hosted page (dist/embed.html, next to the
 * script) — or to the host's `share-base` — with the widget's presentation (theme, partner fees,
 * call to action) as query parameters and the scenario in the fragment, so a link copied inside
 * an article's iframe opens a full page, not the article.
 */
import { linkFor } from '../share/fragment.ts';
import { presentationAttributes, type WidgetOptions } from '../options.ts';

let hostedPage: string | null = null;

/** Set once by the embed entry (widget/index.ts): `embed.html` next to `tarifa.js`. */
export function setHostedPage(url: string | null): void {
  hostedPage = url;
}

/**
 * The link a visitor copies: `share-base` (resolved against the page), else the hosted page, else
 * (no hosted page known: `mount()` from a bundle) the page's own address; then the presentation
 * parameters the base does not set, and `#tarifa=<value>`.
 */
export function shareLinkFor(value: string, options: WidgetOptions, href: string = location.href): string {
  const base = options.shareBase ?? hostedPage;
  if (base === null) return linkFor(value, href);
  let url: URL;
  try {
    url = new URL(base, href);
  } catch {
    return linkFor(value, href);
  }
  for (const [k, v] of Object.entries(presentationAttributes(options)))
    if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  return linkFor(value, url.href);
}
