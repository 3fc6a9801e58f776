/**
 * The hosted page's Intl warm-up (dist/embed-warm.js, issue 17): an `async` module script, so it
 * runs as soon as it arrives, while dist/tarifa.js still downloads and compiles (nothing of
 * tarifa.js can run before its last byte). It loads the page language's number and currency data
 * into ICU, which keeps it for the page: the first total's formats are then cheap (the first
 * NumberFormat of a locale costs ~15 ms on a desktop CPU, six times that on a phone). The language
 * is only a guess (`?lang=`, else the browser's); a wrong one costs idle time. Self-contained.
 */
const given = new URLSearchParams(location.search).get('lang') || navigator.language || 'en';
const tag = given.toLowerCase();
const lang = tag.startsWith('es') ? 'es' : tag.startsWith('pt') ? 'pt-BR' : 'en';
try {
  new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD' }).format(1);
} catch {
  // Nothing to warm.
}
