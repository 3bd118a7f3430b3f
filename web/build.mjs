// Builds the pages into dist/ for salond to serve:
//   dist/index.html  — the front desk (served at /)
//   dist/book.html   — online booking (served at /book/{branch} and /book/manage/{token})
//   dist/assets/<name>-<hash>.js|.css — content-hashed: safe to cache forever (immutable)
// Each asset also gets .gz and .br siblings (precompressed, only when smaller)
// so the server can send them without compressing per request.
// The HTML loads assets by absolute path (/assets/…), with no inline script or
// style, so a CSP of script-src 'self' holds.
// Usage: node build.mjs [--dev]   (--dev: no minify, with source maps)

import * as esbuild from 'esbuild';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const dev = process.argv.includes('--dev');

const pages = [
  {name: 'desk', entry: 'src/desk/main.js', template: 'src/desk/index.html', out: 'index.html'},
  {name: 'book', entry: 'src/book/main.js', template: 'src/book/book.html', out: 'book.html'},
];

await fs.rm(dist, {recursive: true, force: true});
const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: Object.fromEntries(pages.map((p) => [p.name, p.entry])),
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  target: ['chrome109', 'firefox115', 'safari15.6'],
  outdir: path.join(dist, 'assets'),
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  publicPath: '/assets',
  metafile: true,
  legalComments: 'eof',
  logLevel: 'warning',
});

// The entry's JS and CSS, and the chunks it imports (preloaded).
const outputs = result.metafile.outputs;
const url = (file) => '/assets/' + path.basename(file);
for (const page of pages) {
  const [jsFile, meta] = Object.entries(outputs).find(([, o]) => o.entryPoint === page.entry);
  const tags = [];
  if (meta.cssBundle) tags.push(`<link rel="stylesheet" href="${url(meta.cssBundle)}">`);
  for (const imp of meta.imports.filter((i) => i.kind === 'import-statement' && !i.external)) {
    tags.push(`<link rel="modulepreload" href="${url(imp.path)}">`);
  }
  tags.push(`<script type="module" src="${url(jsFile)}"></script>`);
  const html = (await fs.readFile(path.join(here, page.template), 'utf8'))
    .replace('<!--ASSETS-->', tags.join('\n  '));
  await fs.writeFile(path.join(dist, page.out), html);
}

// Precompressed siblings, kept only where they pay.
const sizes = [];
for (const dir of [dist, path.join(dist, 'assets')]) {
  for (const name of await fs.readdir(dir)) {
    if (!/\.(js|css|html)$/.test(name)) continue;
    const file = path.join(dir, name);
    const raw = await fs.readFile(file);
    const gz = gzipSync(raw, {level: 9});
    const br = brotliCompressSync(raw, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}});
    if (raw.length > 1024 && gz.length < raw.length * 0.9) await fs.writeFile(file + '.gz', gz);
    if (raw.length > 1024 && br.length < raw.length * 0.9) await fs.writeFile(file + '.br', br);
    sizes.push(`${path.relative(dist, file)} ${raw.length} B (br ${br.length} B)`);
  }
}
console.log(`web: built ${pages.length} pages into ${path.relative(process.cwd(), dist) || '.'}/\n  ` + sizes.join('\n  '));
