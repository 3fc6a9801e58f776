/**
 * The hosted page's Intl warm-up (dist/embed-warm.js, issue 17): an `async` module script, so it
 * runs as soon as it arrives, while dist/tarifa.js still downloads and compiles (nothing of
 * tarifa.js can run before its last byte). It loads ICU and the number and currency data of the
 * tag the widget will most likely format in (`?lang=es-MX`: numbers follow the region,
 * widget/lang.ts `regionLocale`), else the browser's, which ICU keeps for the page: the first
 * total's formats are then cheap (the first NumberFormat costs ~15 ms on a desktop CPU, six times
 * that on a phone), and so are its first month and region names. A wrong guess costs idle time;
 * an invalid tag throws. Self-contained.
 */
try {
  const tag = new URLSearchParams(location.search).get('lang') || navigator.language || 'en';
  new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD' }).format(1);
  // The month picker's names and the country picker's (widget/format.ts, widget/form/countries.ts):
  // ~3 ms of the first render on a desktop CPU when they are the first of their kind.
  new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(0);
  new Intl.DisplayNames([tag], { type: 'region' }).of('MX');
} catch {
  // Not a valid tag: nothing to warm.
}
