/**
 * i18next itself, a lazy chunk (issue 17). The first render reads the first view's messages with
 * firstT.ts (plain messages, `{{name}}` placeholders, plurals: what those messages use, checked
 * by test/component/firstT.test.ts against i18next's own answers); i18next arrives with the rest of a
 * language's messages (locales.ts), and from then on each widget has its own i18next instance
 * (i18n.ts). So its 50 KB are neither downloaded nor compiled before the first total.
 */
import type I18next from 'i18next';

type Lib = typeof I18next;
let lib: Lib | null = null;
let loading: Promise<Lib> | null = null;

/** Loads i18next once per page (a retry after a failure). */
export function loadI18next(): Promise<Lib> {
  loading ??= import('i18next').then(
    (m) => {
      lib = m.default;
      return lib;
    },
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** i18next, once loaded (else null). */
export function i18nextLib(): Lib | null {
  return lib;
}
