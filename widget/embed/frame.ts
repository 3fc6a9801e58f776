/**
 * dist/tarifa-frame.js (issue 10): the optional loader for a host page that may run a script.
 * It sizes every `<iframe data-tarifa>` showing dist/embed.html to its content, from the page's
 * `{ type: 'tarifa:resize', height }` messages, and re-dispatches the forwarded events
 * (`tarifa:estimate`, `tarifa:error`, `tarifa:cta`) from the iframe element as CustomEvents
 * (`detail` as sent). A message counts only when it comes from that iframe's window AND from the
 * origin of its `src`. Compiled alone to a classic script (no import, no export).
 */
((w: Window & { __tarifaFrame?: boolean }) => {
  if (w.__tarifaFrame) return;
  w.__tarifaFrame = true;
  const EVENTS = ['tarifa:estimate', 'tarifa:error', 'tarifa:cta'];
  w.addEventListener('message', (e: MessageEvent) => {
    const d = e.data as { type?: unknown; height?: unknown; detail?: unknown } | null;
    if (!d || typeof d !== 'object' || typeof d.type !== 'string' || d.type.indexOf('tarifa:') !== 0) return;
    for (const f of document.querySelectorAll<HTMLIFrameElement>('iframe[data-tarifa]')) {
      if (e.source === null || f.contentWindow !== e.source) continue;
      let origin = '';
      try {
        origin = new URL(f.src, location.href).origin;
      } catch {
        /* no valid src */
      }
      if (e.origin !== origin) return;
      if (d.type === 'tarifa:resize') {
        const h = d.height;
        if (typeof h === 'number' && h > 0 && h < 100000) f.style.height = `${Math.ceil(h)}px`;
      } else if (EVENTS.indexOf(d.type) >= 0) {
        f.dispatchEvent(new CustomEvent(d.type, { detail: d.detail, bubbles: true }));
      }
      return;
    }
  });
})(window);
