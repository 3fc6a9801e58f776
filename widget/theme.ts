/**
 * The widget's colour theme. `auto` follows the visitor's colour-scheme preference and keeps
 * following it: a switch to dark mode while the page is open re-renders the widget.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Theme } from './options.ts';

const QUERY = '(prefers-color-scheme: dark)';

function query(): MediaQueryList | null {
  try {
    return typeof matchMedia === 'function' ? matchMedia(QUERY) : null;
  } catch {
    return null;
  }
}

/** True when the widget should render dark now; re-renders on a live preference change. */
export function useDarkTheme(theme: Theme): boolean {
  const [prefersDark, setPrefersDark] = useState(() => query()?.matches ?? false);
  useEffect(() => {
    if (theme !== 'auto') return;
    const mq = query();
    if (mq === null) return;
    const onChange = () => setPrefersDark(mq.matches);
    onChange();
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [theme]);
  return theme === 'dark' || (theme === 'auto' && prefersDark);
}
