/**
 * The widget's only CSS, adopted into each shadow root as a constructable stylesheet (allowed
 * under a strict CSP: no <style> element, no style attribute). Theme tokens are CSS custom
 * properties, which inherit through the shadow boundary:
 *   --tarifa-accent, --tarifa-accent-contrast, --tarifa-bg, --tarifa-fg, --tarifa-muted,
 *   --tarifa-border, --tarifa-soft, --tarifa-error, --tarifa-warn-bg, --tarifa-focus,
 *   --tarifa-radius, --tarifa-font, --tarifa-font-size, --tarifa-max-width.
 * The rules are in styles.css, imported as text (`?inline`: Vite minifies it in the build).
 */
import CSS from './styles.css?inline';

export { CSS };

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
