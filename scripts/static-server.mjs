/**
 * A tiny static server for demo/ and dist/ (node:http, no dependency). Used by `npm run demo`,
 * the browser tests and the browser benchmarks. Only GET/HEAD, only files under demo/, dist/ and
 * bench/ (the benchmarks' host pages).
 * demo/strict-csp.html is also served with the header `Content-Security-Policy: default-src 'self'`.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ROOTS = { demo: join(ROOT, 'demo'), dist: join(ROOT, 'dist'), bench: join(ROOT, 'bench') };
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
export const STRICT_CSP = "default-src 'self'";

function resolvePath(urlPath) {
  const [, top, ...rest] = urlPath.split('/');
  const base = ROOTS[top];
  if (!base) return null;
  const file = normalize(join(base, ...rest.map(decodeURIComponent)));
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file;
}

/** Starts the server; port 0 = a free port. Resolves to { url, port, close }. */
export function startServer({ port = 0, host = '127.0.0.1', log = false } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/demo') {
      res.writeHead(302, { Location: '/demo/' }).end();
      return;
    }
    let file = resolvePath(url.pathname);
    try {
      if (file && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!file || !statSync(file).isFile()) throw new Error('not found');
    } catch {
      if (log) console.log(`404 ${url.pathname}`);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (file.endsWith(`${sep}strict-csp.html`)) headers['Content-Security-Policy'] = STRICT_CSP;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolvePromise({
        port: actual,
        url: `http://localhost:${actual}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
