/**
 * The hosted pages' static HTML and CSS (issue 10), written by the build (widget/vite.config.ts):
 * dist/embed.html (the calculator alone) and dist/configure.html (the embed configurator). No
 * inline script or style (they run under `default-src 'self'`, set here by a meta tag); the
 * title and <noscript> text come from the three locale files, in all three languages until the
 * script picks one (and sets the description). Each page loads ONE script of its own, which
 * carries the whole of tarifa.js (widget/buildPlugins.ts `singleRequest`).
 */
export type Messages = Record<string, Record<string, unknown>>;

const LANGS = ['es', 'pt-BR', 'en'] as const;

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function msg(messages: Messages, lang: string, key: string): string {
  let v: unknown = messages[lang];
  for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  if (typeof v !== 'string') throw new Error(`locales/${lang}.json: missing ${key}`);
  return v;
}

function page(messages: Messages, prefix: 'embed' | 'configure'): string {
  const noscript = LANGS.map((l) => `<p lang="${l}">${esc(msg(messages, l, `${prefix}.noscript`))}</p>`).join(
    '\n',
  );
  // One static file serves every language: `?lang=` and the visitor's browser are read by the
  // script, so nothing here can follow them (and a static host cannot vary the file by query).
  // No <html lang>: the widget (and boot.ts, which preloads the language) would take it for the
  // page's language and not read the visitor's; the script sets it at once, with the title and
  // the description in that language. Until then (and for link previews, crawlers and visitors
  // without JavaScript, which never run it) the title is in all three languages, Spanish and
  // Portuguese first (the widget's audience), the description is empty rather than in a
  // language the visitor may not read (three descriptions would cost ~0.1 KB gzip on the hosted
  // page's first view, which is at its size budget), and the <noscript> paragraphs carry their
  // own lang.
  const title = LANGS.map((l) => msg(messages, l, `${prefix}.title`)).join(' · ');
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<meta name="description" content="">
<link rel="stylesheet" href="./${prefix}.css">
${prefix === 'embed' ? '<script type="module" async src="./embed-warm.js"></script>\n' : ''}<script type="module" src="./${prefix}.js"></script>
</head>
<body class="${prefix}">
<main id="tarifa">
<noscript>
${noscript}
</noscript>
</main>
</body>
</html>
`;
}

export const embedHtml = (messages: Messages) => page(messages, 'embed');
export const configureHtml = (messages: Messages) => page(messages, 'configure');

/** The hosted page's only stylesheet (the calculator's own CSS is in its shadow root). */
export const EMBED_CSS = `html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f23}
main{box-sizing:border-box;max-width:1100px;margin:0 auto;padding:12px}
html.framed main{max-width:none;padding:4px}
@media (max-width:400px){main{padding:4px}}
noscript p{margin:0 0 8px}
`;

/** The configurator's stylesheet: the hosted page's and its form's. */
export const CONFIGURE_CSS = `${EMBED_CSS}.configure main{max-width:1300px}
.cfg{display:grid;gap:20px}
.cfg>*{min-width:0}
@media (min-width:1000px){.cfg{grid-template-columns:minmax(0,380px) minmax(0,1fr);align-items:start}}
.cfg form{display:flex;flex-direction:column;gap:12px}
.cfg fieldset{border:1px solid #8a949e;border-radius:8px;padding:10px 12px;margin:0;display:flex;flex-direction:column;gap:8px}
.cfg legend{font-weight:700;padding:0 4px}
.cfg label{font-weight:600;font-size:.93em}
.cfg .check label{font-weight:400}
.cfg input[type=text],.cfg input[type=url],.cfg select,.cfg textarea{display:block;width:100%;box-sizing:border-box;font:inherit;min-height:36px;padding:6px 8px;border:1px solid #8a949e;border-radius:6px}
.cfg input[type=color]{width:64px;height:36px}
.cfg textarea{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;min-height:90px;resize:vertical}
.cfg .hint{color:#4a5560;font-size:.88em;margin:0}
.cfg .snippet{display:flex;flex-direction:column;gap:6px;margin-bottom:14px}
.cfg button{font:inherit;align-self:flex-start;padding:6px 14px;min-height:36px;border:1px solid #075e54;border-radius:99px;background:#075e54;color:#fff;cursor:pointer}
.cfg :focus-visible{outline:3px solid #1a56db;outline-offset:2px}
.cfg .error{color:#b3261e;font-weight:600;font-size:.88em;margin:0}
.cfg h1{font-size:1.4em;margin:0 0 4px}
.cfg .ui-lang{max-width:240px;margin:8px 0 12px}
.cfg h2{font-size:1.15em;margin:0 0 8px}
`;
