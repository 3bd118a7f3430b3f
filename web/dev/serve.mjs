// Dev-only server for the pages: serves dist/ as salond does (/, /book/…,
// /assets/…) and proxies /v1, /healthz and /readyz to a running salond, so
// pages rebuilt with `node build.mjs --dev` show without restarting salond.
// It only forwards: every answer is salond's (salond itself serves dist/ with
// --web-dir; this is for working on the pages).
//
//   SALON_UPSTREAM=http://127.0.0.1:18090 PORT=18091 node dev/serve.mjs

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist');
const upstream = new URL(process.env.SALON_UPSTREAM || 'http://127.0.0.1:18090');
const port = Number(process.env.PORT || 18091);
const types = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json'};

/** Forwards the request; resolves with the upstream response (not yet read). */
function forward(req, body) {
  return new Promise((resolve, reject) => {
    const headers = {...req.headers, host: upstream.host};
    const out = http.request({host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers}, resolve);
    out.on('error', reject);
    out.end(body);
  });
}

async function serveFile(res, file, cache) {
  try {
    const data = await fs.readFile(file);
    const headers = {'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': cache};
    // The policy salond sends: no inline or foreign script.
    if (file.endsWith('.html')) headers['Content-Security-Policy'] = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    res.writeHead(200, headers);
    res.end(data);
  } catch {
    res.writeHead(404, {'Content-Type': 'text/plain'});
    res.end('not found');
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  try {
    if (url.pathname.startsWith('/v1/') || url.pathname === '/healthz' || url.pathname === '/readyz') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const body = Buffer.concat(chunks);
      const up = await forward(req, body);
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
      return;
    }
    if (url.pathname.startsWith('/assets/')) {
      return serveFile(res, path.join(dist, 'assets', path.basename(url.pathname)), 'public, max-age=31536000, immutable');
    }
    if (url.pathname.startsWith('/book/')) return serveFile(res, path.join(dist, 'book.html'), 'no-cache');
    return serveFile(res, path.join(dist, 'index.html'), 'no-cache');
  } catch (err) {
    res.writeHead(502, {'Content-Type': 'text/plain'});
    res.end(String(err));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`web dev server on http://127.0.0.1:${port} → ${upstream}`));
