/**
 * The `accent` attribute as the theme's tokens on the widget's root: the colour, and a text colour
 * on it (white or near-black, whichever contrasts more: WCAG relative luminance). Set through the
 * CSSOM (allowed under a strict CSP), so it also reaches the hosted page inside an iframe, where a
 * host's CSS custom properties cannot.
 */
const channel = (hex: string, i: number) => {
  const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** Relative luminance of `#rrggbb` (0 black … 1 white). */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

export function accentStyle(accent: string | null): Record<string, string> | undefined {
  if (accent === null) return undefined;
  const l = luminance(accent);
  // Contrast with white: 1.05 / (l + 0.05); with #111: (l + 0.05) / (0.0056 + 0.05).
  const onAccent = 1.05 / (l + 0.05) >= (l + 0.05) / 0.0556 ? '#fff' : '#111';
  return { '--a': accent, '--ac': onAccent };
}
