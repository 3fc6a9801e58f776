/**
 * A tiny static server for demo/ and dist/ (node:http, no dependency). Used by `npm run demo`,
 * the browser tests and the browser benchmarks. Only GET/HEAD, only files under demo/, dist/ and
 * bench/ (the benchmarks' host pages).
 * demo/strict-csp.html is also served with the header `Content-Security-Policy: default-src 'self'`.
 * With `compress: true` (the phone benchmark), text files go out with `Content-Encoding: gzip` to a
 * client that accepts it, as any real host or CDN serves them; without it, every file goes out as is.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

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
/** Types worth compressing (images here are already compressed or tiny). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt']);
/** gzip of a file, kept while its size and modification time stay the same. */
const gzipped = new Map();
function gzipOf(file, stat) {
  const key = `${stat.size}:${stat.mtimeMs}`;
  const hit = gzipped.get(file);
  if (hit?.key === key) return hit.body;
  const body = gzipSync(readFileSync(file)); // zlib's default level (6), like common servers
  gzipped.set(file, { key, body });
  return body;
}
/** Whether Accept-Encoding lists gzip (or *) with a non-zero weight. */
function acceptsGzip(req) {
  return String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .some((part) => {
      const [coding, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
      const q = params.find((x) => x.startsWith('q='));
      return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
    });
}

function resolvePath(urlPath) {
  const [, top, ...rest] = urlPath.split('/');
  const base = ROOTS[top];
  if (!base) return null;
  const file = normalize(join(base, ...rest.map(decodeURIComponent)));
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file;
}

/**
 * Starts the server; port 0 = a free port; `compress`: gzip text files for clients that accept it.
 * Resolves to { url, port, close }.
 */
export function startServer({ port = 0, host = '127.0.0.1', log = false, compress = false } = {}) {
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
    if (compress && COMPRESSIBLE.has(extname(file))) {
      headers.Vary = 'Accept-Encoding';
      if (acceptsGzip(req)) {
        const body = gzipOf(file, statSync(file));
        res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
    }
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
