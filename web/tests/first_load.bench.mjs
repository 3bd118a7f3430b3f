// The front desk's first load in Chromium against a running salond: the
// bytes a cold load transfers and the time to the day view. Not a test (the
// name matches none of `node --test`'s patterns, so ./test and
// scripts/web-e2e.sh never run it); bench/web_first_load.sh starts a seeded
// salond and runs it.
//
//   SALON_URL=… SALON_EMAIL=… SALON_PASSWORD=… node tests/first_load.bench.mjs
//
// Each run (RUNS, default 5) does, on a fresh browser context (empty cache):
//   1. sign-in, cold:  goto / → the sign-in form → Email, Password, Sign in →
//      the day view drawn;
//   2. signed in, warm: a new page of the same context (its HTTP cache) →
//      goto / → the day view drawn;
//   3. signed in, cold: a new context holding only the session cookie (empty
//      cache) → goto / → the day view drawn.
// "Drawn" is the marker the browser tests wait on: #app[data-loaded], set
// right after the calendar is given the pulled day. Its time is
// performance.now() when a MutationObserver (installed before the page's
// scripts) sees the attribute: milliseconds from the navigation's start.
//
// Bytes are Chromium's own count (DevTools protocol, Network.loadingFinished
// encodedDataLength): response headers plus the body as sent (compressed),
// for every request from the navigation until the day view is drawn and the
// network has been quiet for SETTLE_MS (default 500). The branch's event
// stream stays open: its bytes so far are counted and it is marked "open".
//
// Prints a markdown summary (medians of the runs) and, with FIRST_LOAD_JSON
// set to a path, writes every run there.

import fs from 'node:fs/promises';
import {env, launch} from './support.mjs';

const runs = Number(process.env.RUNS || 5);
const settleMs = Number(process.env.SETTLE_MS || 500);
if (!env.url || !env.password) {
  console.error('first_load.bench: set SALON_URL, SALON_EMAIL and SALON_PASSWORD (bench/web_first_load.sh does)');
  process.exit(2);
}

// Installed in every page before its own scripts: when #app gets data-loaded
// (the day view drawn) or the sign-in form first shows, note performance.now().
function marker() {
  window.__bench = {form: null, drawn: null};
  const seen = () => {
    const app = document.getElementById('app');
    if (!app) return;
    if (window.__bench.form === null && app.querySelector('form.signin')) window.__bench.form = performance.now();
    if (window.__bench.drawn === null && app.dataset.loaded) window.__bench.drawn = performance.now();
  };
  new MutationObserver(seen).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-loaded']});
}

/** Records every network request of `page` through the DevTools protocol. */
async function recordNetwork(page) {
  const cdp = await page.context().newCDPSession(page);
  const reqs = new Map();  // requestId → {url, method, status, encoding, cache, bytes, decoded, done, t}
  const revalidated = new Set();  // requestIds answered 304
  let last = Date.now();
  const touch = () => { last = Date.now(); };
  cdp.on('Network.requestWillBeSent', (e) => {
    touch();
    // A redirect reuses the requestId: keep the first hop's bytes in its own entry.
    const prev = reqs.get(e.requestId);
    if (prev) reqs.set(`${e.requestId}#${reqs.size}`, {...prev, done: true});
    reqs.set(e.requestId, {url: e.request.url, method: e.request.method, status: 0, encoding: '', cache: '',
      bytes: 0, decoded: 0, done: false, type: e.type || ''});
  });
  cdp.on('Network.responseReceived', (e) => {
    touch();
    const r = reqs.get(e.requestId);
    if (!r) return;
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    r.status = e.response.status;
    r.encoding = h['content-encoding'] || '';
    if (e.response.fromDiskCache) r.cache = 'disk cache';
    r.bytes = Math.max(r.bytes, e.response.encodedDataLength || 0);
  });
  // The status on the wire: a cached response revalidated by a 304 is
  // reported to the page (and in responseReceived) as the cached 200.
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    // (It may come before or after responseReceived: applied in summary().)
    if (e.statusCode === 304) revalidated.add(e.requestId);
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = reqs.get(e.requestId);
    if (r) r.cache = 'memory cache';
  });
  cdp.on('Network.dataReceived', (e) => {
    touch();
    const r = reqs.get(e.requestId);
    if (!r) return;
    r.decoded += e.dataLength;
    if (!r.done) r.bytes += e.encodedDataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    touch();
    const r = reqs.get(e.requestId);
    if (!r) return;
    r.bytes = e.encodedDataLength;  // the whole response as received: headers and body
    r.done = true;
  });
  cdp.on('Network.loadingFailed', (e) => {
    touch();
    const r = reqs.get(e.requestId);
    if (r) { r.done = true; r.failed = e.errorText; }
  });
  await cdp.send('Network.enable');
  return {
    reqs,
    /** Waits until no network event for settleMs (at most 10 s). */
    async quiet() {
      const until = Date.now() + 10000;
      while (Date.now() - last < settleMs && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    },
    summary() {
      for (const id of revalidated) if (reqs.has(id)) reqs.get(id).cache = 'revalidated: 304';
      const list = [...reqs.values()].filter((r) => /^https?:/.test(r.url))  // not data: URLs
        .map((r) => ({...r, path: new URL(r.url).pathname, open: !r.done}));
      return {requests: list.length, bytes: list.reduce((s, r) => s + r.bytes, 0), list};
    },
  };
}

async function drawnAt(page) {
  await page.waitForSelector('#app[data-loaded]', {timeout: 30000});
  return page.evaluate(() => ({...window.__bench, nav: performance.getEntriesByType('navigation')[0]?.toJSON()}));
}

async function newPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  return page;
}

const viewport = {width: 1280, height: 800};

async function signInCold(browser) {
  const context = await browser.newContext({viewport});
  await context.addInitScript(marker);
  const page = await newPage(context);
  const net = await recordNetwork(page);
  await page.goto(env.url + '/');
  await page.getByLabel('Email').fill(env.email);
  await page.getByLabel('Password').fill(env.password);
  const clicked = await page.evaluate(() => performance.now());
  await page.getByRole('button', {name: 'Sign in'}).click();
  const t = await drawnAt(page);
  await net.quiet();
  return {context, page, result: {ms: t.drawn, formMs: t.form, clickedMs: clicked, ...net.summary(), errors: page.errors}};
}

async function signedInLoad(context) {
  const page = await newPage(context);
  const net = await recordNetwork(page);
  await page.goto(env.url + '/');
  const t = await drawnAt(page);
  await net.quiet();
  const result = {ms: t.drawn, responseEndMs: t.nav?.responseEnd, dclMs: t.nav?.domContentLoadedEventEnd, ...net.summary(), errors: page.errors};
  await page.close();
  return result;
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;
const kb = (x) => `${(x / 1024).toFixed(1)} KiB`;

const browser = await launch();
const version = browser.version();
const all = {signIn: [], warm: [], cold: []};
try {
  for (let i = 0; i < runs; i++) {
    const first = await signInCold(browser);
    all.signIn.push(first.result);
    await first.page.close();
    all.warm.push(await signedInLoad(first.context));
    const cookies = await first.context.cookies();
    await first.context.close();
    const fresh = await browser.newContext({viewport});
    await fresh.addInitScript(marker);
    await fresh.addCookies(cookies);
    all.cold.push(await signedInLoad(fresh));
    await fresh.close();
    const last = (k) => all[k][all[k].length - 1];
    console.error(`run ${i + 1}/${runs}: sign-in cold ${ms(last('signIn').ms)} ${kb(last('signIn').bytes)}; ` +
      `signed-in cold ${ms(last('cold').ms)} ${kb(last('cold').bytes)}; warm ${ms(last('warm').ms)} ${kb(last('warm').bytes)}`);
  }
} finally {
  await browser.close();
}

const errors = Object.values(all).flat().flatMap((r) => r.errors);
if (errors.length) console.error(`page errors: ${[...new Set(errors)].join(' | ')}`);
if (process.env.FIRST_LOAD_JSON) await fs.writeFile(process.env.FIRST_LOAD_JSON, JSON.stringify(all, null, 2));

// The largest responses of the first sign-in run (the same in every cold run).
const sample = all.signIn[0];
console.log(`Chromium ${version}, headless, ${viewport.width}×${viewport.height}; ${runs} runs; medians`);
console.log();
console.log('| load | navigation → day view drawn (min–max) | requests | transferred |');
console.log('|---|---|---|---|');
const spread = (xs) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;
const row = (label, rs, extra = '') => console.log(`| ${label} | ${ms(median(rs.map((r) => r.ms)))} ` +
  `(${spread(rs.map((r) => r.ms))})${extra} | ` +
  `${median(rs.map((r) => r.requests))} | ${kb(median(rs.map((r) => r.bytes)))} |`);
row('cold: `/`, sign in, day view (empty cache)', all.signIn,
  ` (form shown ${ms(median(all.signIn.map((r) => r.formMs)))}, Sign in clicked at ${ms(median(all.signIn.map((r) => r.clickedMs)))})`);
row('cold, signed in: `/` → day view (empty cache, session cookie)', all.cold);
row('warm, signed in: `/` → day view (a new tab, the cache of that sign-in)', all.warm);
console.log();
console.log('Responses of a cold sign-in, largest first (transferred = headers + body as sent):');
console.log();
console.log('| request | status | encoding | transferred | decoded body |');
console.log('|---|---|---|---|---|');
const shorten = (p) => p.replace(/\/v1\/salons\/[^/]+/, '/v1/salons/{salon}')
  .replace(/\/branches\/[^/?]+/, '/branches/{branch}').replace(/\/clients\/[^/?]+/, '/clients/{client}');
/** Rows of one load's responses, one per request path (a count for repeats). */
function grouped(list) {
  const rows = new Map();
  for (const r of list) {
    const key = `${r.method} ${shorten(r.path)}`;
    const row = rows.get(key) || {key, n: 0, bytes: 0, decoded: 0, status: new Set(), encoding: new Set(), cache: new Set(), open: false};
    row.n++;
    row.bytes += r.bytes;
    row.decoded += r.decoded;
    row.status.add(r.status || r.failed || '');
    row.encoding.add(r.encoding || '—');
    if (r.cache) row.cache.add(r.cache);
    row.open ||= r.open;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.bytes - a.bytes);
}
const B = (x) => `${x.toLocaleString('en')} B`;
for (const r of grouped(sample.list)) {
  console.log(`| ${r.key}${r.n > 1 ? ` × ${r.n}` : ''}${r.open ? ' (stream, open)' : ''} | ${[...r.status].join(', ')} | ` +
    `${[...r.encoding].join(', ')} | ${B(r.bytes)} | ${B(r.decoded)} |`);
}
console.log();
console.log('Warm load, signed in (run 1): ' + grouped(all.warm[0].list).map((r) =>
  `${r.key}${r.n > 1 ? ` × ${r.n}` : ''} ${[...r.status].join(',')}${r.cache.size ? ` (${[...r.cache].join(', ')})` : ''} ${B(r.bytes)}`).join('; '));
