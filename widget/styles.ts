/**
 * The widget's only CSS, adopted into each shadow root as a constructable stylesheet (allowed
 * under a strict CSP: no <style> element, no style attribute). Theme tokens are CSS custom
 * properties, which inherit through the shadow boundary:
 *   --tarifa-accent, --tarifa-accent-contrast, --tarifa-bg, --tarifa-fg, --tarifa-muted,
 *   --tarifa-border, --tarifa-soft, --tarifa-error, --tarifa-warn-bg, --tarifa-focus,
 *   --tarifa-radius, --tarifa-font, --tarifa-font-size, --tarifa-max-width.
 */
export const CSS = `
:host { all: initial; display: block; }
:host([hidden]) { display: none; }
.root {
  all: initial; display: block; box-sizing: border-box; container-type: inline-size;
  max-width: var(--tarifa-max-width, 1100px);
  --a: var(--tarifa-accent, #075e54); --ac: var(--tarifa-accent-contrast, #fff);
  --bg: var(--tarifa-bg, #fff); --fg: var(--tarifa-fg, #1b1f23); --mu: var(--tarifa-muted, #4a5560);
  --bd: var(--tarifa-border, #8a949e); --so: var(--tarifa-soft, #eef4f3); --er: var(--tarifa-error, #b3261e);
  --wb: var(--tarifa-warn-bg, #fff4e0); --fo: var(--tarifa-focus, #1a56db); --r: var(--tarifa-radius, 8px);
  background: var(--bg); color: var(--fg);
  font: 400 var(--tarifa-font-size, 15px)/1.45 var(--tarifa-font, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif);
  border: 1px solid var(--bd); border-radius: var(--r); padding: 16px;
}
.root.theme-dark {
  --a: var(--tarifa-accent, #25d366); --ac: var(--tarifa-accent-contrast, #0b141a);
  --bg: var(--tarifa-bg, #111b21); --fg: var(--tarifa-fg, #e9edef); --mu: var(--tarifa-muted, #aebac1);
  --bd: var(--tarifa-border, #5d6b74); --so: var(--tarifa-soft, #1f2c33); --er: var(--tarifa-error, #ff8a80);
  --wb: var(--tarifa-warn-bg, #3a2f12); --fo: var(--tarifa-focus, #8ab4f8);
}
* { box-sizing: border-box; }
h2, h3, h4, p, ul, fieldset, table { margin: 0; padding: 0; }
h2 { font-size: 1.35em; }
h3, h4 { font-size: 1.1em; margin: 12px 0 6px; }
.head { display: flex; flex-wrap: wrap; gap: 12px 24px; justify-content: space-between; margin-bottom: 14px; }
.intro, .hint, .sub, .regime, .total-label, .disclaimer, .suffix { color: var(--mu); }
.layout { display: grid; gap: 20px; }
@container (min-width: 760px) {
  .layout { grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); align-items: start; }
  .results { position: sticky; top: 8px; }
}
.inputs, .combo, .field, details[open] { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.inputs, details[open] { gap: 12px; }
fieldset, details, .results { border: 1px solid var(--bd); border-radius: var(--r); padding: 10px 12px; min-width: 0; }
legend, summary { font-weight: 700; padding: 0 4px; cursor: pointer; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 10px 12px; }
label { font-weight: 600; font-size: .93em; }
input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--bd); border-radius: 6px; margin: 0; }
input, select { display: block; width: 100%; min-height: 36px; padding: 6px 8px; }
.input-wrap { display: flex; align-items: center; gap: 6px; }
input[aria-invalid="true"] { border: 2px solid var(--er); }
.error { color: var(--er); font-weight: 600; }
.hint, .error, .sub, .regime, .disclaimer, table, .warnings li, .card-info p { font-size: .88em; }
:focus { outline: none; }
:focus-visible, input:focus, select:focus { outline: 3px solid var(--fo); outline-offset: 2px; }
button { cursor: pointer; min-width: 28px; min-height: 28px; border-radius: 99px; }
.chips { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
.chip { display: inline-flex; align-items: center; gap: 6px; background: var(--so); border: 1px solid var(--bd); border-radius: 99px; padding: 2px 3px 2px 10px; }
.combo { position: relative; }
.listbox { list-style: none; position: absolute; z-index: 9; left: 0; right: 0; top: 62px; max-height: 240px; overflow-y: auto; background: var(--bg); border: 1px solid var(--bd); border-radius: 6px; box-shadow: 0 6px 18px #0003; }
.listbox[hidden] { display: none; }
.listbox [role=option] { padding: 6px 10px; cursor: pointer; }
.listbox .active { background: var(--a); color: var(--ac); }
.results { border: 2px solid var(--a); }
.total-box { display: flex; flex-direction: column; background: var(--so); border-radius: 6px; padding: 10px 12px; margin-bottom: 8px; }
.total { font-size: 1.9em; font-weight: 800; line-height: 1.15; overflow-wrap: anywhere; }
.no-total { font-weight: 700; line-height: 1.3; }
.at-least { font-size: .5em; }
.cta { margin: 0 0 10px; }
.cta-btn { display: inline-block; padding: 8px 18px; min-height: 40px; border: 0; border-radius: 99px; background: var(--a); color: var(--ac); font-weight: 700; text-decoration: none; }
.notice, .warnings li { padding: 6px 10px; border-radius: 6px; border: 1px solid var(--bd); margin-bottom: 6px; }
.warn { background: var(--wb); border-color: var(--er); }
.table-wrap { overflow-x: auto; position: relative; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: start; font-weight: 700; padding: 4px 0; }
th, td { text-align: start; vertical-align: top; padding: 6px; border-bottom: 1px solid var(--bd); }
.num { text-align: end; white-space: nowrap; }
.sub { display: block; font-weight: 400; white-space: normal; }
.badge { display: inline-block; font-weight: 700; border: 1px solid var(--bd); border-radius: 4px; padding: 0 5px; }
/* The free-service label is a sentence that wraps in its column: a rule beside it, not a box around it. */
.badge-free { display: table; border-width: 0 0 0 3px; border-color: var(--a); }
.badge-free::before { content: "✓ "; }
.badge-missing { border-color: var(--er); color: var(--er); }
.warnings ul, .sources ul { list-style: none; }
code { font: .9em ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
/* Issue 4 (widget/decide/): partner totals, toolbar, what-if, comparison, charts, explanations, print. */
.fees table { margin: 4px 0 8px; }
.grand th, .grand td { font-weight: 800; border-top: 2px solid var(--fg); }
.decide { display: flex; flex-direction: column; gap: 10px; margin-top: 12px; }
.decide-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.decide-toolbar > button, .row-add > button { padding: 6px 14px; min-height: 36px; }
.decide-toolbar .sub { flex-basis: 100%; }
.share-field { flex-basis: 100%; }
.link-btn { border: 0; background: none; color: var(--a); text-decoration: underline; padding: 0 2px; min-height: 24px; font-size: .9em; }
.check { display: flex; align-items: center; gap: 8px; }
.check input { display: inline-block; width: 18px; min-height: 18px; height: 18px; margin: 0; flex: none; accent-color: var(--a); }
.check label { font-weight: 400; }
.radios { display: flex; flex-direction: column; gap: 6px; }
.row-add { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
.row-add .field { flex: 1 1 200px; }
.diff { color: var(--fg); }
.reasons h4 { font-size: 1em; margin: 10px 0 4px; }
.reasons ul, .why-sources { list-style: disc; padding-inline-start: 18px; font-size: .88em; }
.why-panel { display: block; margin-top: 4px; padding: 6px 8px; background: var(--so); border-radius: 6px; }
.why-panel[hidden] { display: none; }
.explain p { margin-bottom: 4px; }
.chart { margin: 8px 0; }
.chart svg { display: block; max-width: 100%; height: auto; }
.bar-fill { fill: var(--a); }
.bar-bg { fill: var(--bg); }
.bar { stroke: var(--fg); stroke-width: 1; }
.chart-label, .chart-value { fill: var(--fg); font: 13px var(--tarifa-font, system-ui, sans-serif); }
/* Issue 9: phones and narrow sidebars (the widget's own width). Lines become cards where country,
   category, count, rate and amount are all visible; nothing widens the widget or the page. */
.layout > *, .results, .decide, .compare, .charts, .fees, .explain, .why-panel { min-width: 0; max-width: 100%; }
.read { color: var(--mu); font-size: .88em; }
.sticky-total { display: none; }
.lines td.count { white-space: normal; }
.lines th, .lines td { padding: 6px 4px; }
.footnotes { list-style: none; margin-top: 6px; }
.footnotes li { font-size: .88em; color: var(--mu); margin-bottom: 4px; }
.meta-part { margin-top: 2px; }
.card-info a { color: var(--a); }
.warnings li { background: var(--so); border-color: var(--bd); }
@container (max-width: 599px) {
  .root { padding: 10px; }
  .results, fieldset, details { padding: 8px; }
  .lines thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .lines, .lines tbody, .lines tr { display: block; width: 100%; }
  .lines tr { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 2px 12px; padding: 8px 0; border-bottom: 1px solid var(--bd); }
  .lines th, .lines td { display: block; border: 0; padding: 0; min-width: 0; }
  .lines th[scope="row"], .lines td:not(.num) { grid-column: 1 / -1; }
  .lines td.count, .lines td.rate { grid-column: 1; text-align: start; white-space: normal; }
  .lines td.count::before, .lines td.rate::before { content: attr(data-label) ":"; margin-inline-end: .35em; color: var(--mu); }
  .lines td.amount { grid-column: 2; grid-row: 3 / span 2; align-self: center; font-weight: 700; font-size: 1.1em; }
  .lines caption, .compare-table caption { display: block; width: 100%; }
  .compare-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .compare-table, .compare-table tbody, .compare-table tr, .compare-table th, .compare-table td { display: block; width: 100%; }
  .compare-table tr { padding: 6px 0; border-bottom: 1px solid var(--bd); }
  .compare-table th, .compare-table td { border: 0; padding: 1px 0; }
  .compare-table td.num { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 8px; white-space: normal; }
  .compare-table td.num::before { content: attr(data-label); color: var(--mu); flex: 1 1 auto; text-align: start; }
  .compare-table td .diff { flex-basis: 100%; text-align: end; }
  .grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  /* The total stuck to the screen's bottom while editing: one line of a known height, so its margins
     cancel the room it takes. It rests 16px + the form's 12px gap below the last field, inside the
     estimate (the layout's 20px gap + its 8px corner), which covers it: positioned and later. */
  .sticky-total { display: flex; align-items: center; justify-content: space-between; gap: 12px; position: sticky; bottom: 0; height: 2.75em; margin: 16px 0 calc(-28px - 2.75em); padding: 0 12px; background: var(--so); border-top: 2px solid var(--a); font-weight: 700; white-space: nowrap; }
  .sticky-total > :first-child { overflow: hidden; text-overflow: ellipsis; }
  .results { position: relative; background: var(--bg); }
  .total { font-size: 1.6em; }
}
@container (max-width: 359px) {
  .grid { grid-template-columns: minmax(0, 1fr); }
}
@media print {
  .root { border: 0; padding: 0; max-width: none; font-size: 9px; line-height: 1.3; color: #000; background: #fff; }
  .intro, .lang-field, .inputs, .decide-toolbar, .decide-whatif, .decide-fees, .compare-pick, .chart, .link-btn, .sources, .badge::before, details:not([open]), .hint { display: none !important; }
  .layout { display: block; }
  .results { border: 0; padding: 0; position: static; }
  details { border: 0; padding: 0; }
  summary { list-style: none; cursor: auto; padding: 0; font-size: 11px; margin-top: 6px; }
  summary::-webkit-details-marker { display: none; }
  h2 { font-size: 13px; } h3, h4, h5 { font-size: 10.5px; margin: 5px 0 2px; }
  .head { margin-bottom: 4px; }
  .total-box { padding: 4px 6px; margin-bottom: 4px; }
  .total { font-size: 16px; }
  table { font-size: 8px; }
  caption { padding: 1px 0; }
  th, td { padding: 1px 3px; }
  tr { break-inside: avoid; }
  tbody .sub:not(.diff) { display: none; }
  .diff { display: inline; margin-inline-start: 4px; }
  .badge { border: 0; padding: 0; font-weight: 400; }
  .notice, .warnings li { padding: 1px 4px; margin-bottom: 2px; }
  .sub, .disclaimer, .warnings li, .card-info p, .reasons ul, .regime { font-size: 7.5px; }
  .reasons ul { columns: 2; column-gap: 16px; }
  .why-panel:not([hidden]) { background: none; padding: 0; }
}
@media (forced-colors: active) { .badge, .chip, .results, fieldset { border-color: CanvasText; } }
`;

const sheets = new WeakMap<Document, CSSStyleSheet>();

function sheetFor(doc: Document): CSSStyleSheet | null {
  let sheet = sheets.get(doc);
  if (sheet) return sheet;
  try {
    const View = doc.defaultView as (Window & typeof globalThis) | null;
    const Ctor = View?.CSSStyleSheet ?? CSSStyleSheet;
    sheet = new Ctor();
    sheet.replaceSync(CSS);
    sheets.set(doc, sheet);
    return sheet;
  } catch {
    return null;
  }
}

/** Adopts the widget's stylesheet into a shadow root; returns a function that removes it. */
export function adoptStyles(root: ShadowRoot): () => void {
  const sheet = 'adoptedStyleSheets' in root ? sheetFor(root.ownerDocument) : null;
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }
  // Old browsers without constructable stylesheets (a strict CSP would block this fallback).
  const style = root.ownerDocument.createElement('style');
  style.textContent = CSS;
  root.prepend(style);
  return () => style.remove();
}
