// Helpers for the browser tests (e2e.test.mjs): Debian's Chromium driven by
// playwright-core (no browser download), a signed-in page, the API called
// from inside the page (its cookie and CSRF token), and axe-core.
//
// Environment:
//   SALON_URL                      a running salond serving web/dist (required)
//   SALON_EMAIL, SALON_PASSWORD    a front-desk (or owner) user of the demo salon
//   SALON_STYLIST_EMAIL, SALON_STYLIST_PASSWORD   a stylist (the 403 test; skipped without)
//   SALON_BRANCH                   the branch for /book/{branch} (required for the booking test)
//   SALON_SCREENSHOTS              a folder for screenshots of the day view, till and booking page
//   CHROMIUM                       the browser (default /usr/bin/chromium)

import {createRequire} from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';
import {chromium} from 'playwright-core';

export const env = {
  url: (process.env.SALON_URL || '').replace(/\/$/, ''),
  email: process.env.SALON_EMAIL || 'desk@demo.salon',
  password: process.env.SALON_PASSWORD || '',
  stylistEmail: process.env.SALON_STYLIST_EMAIL || '',
  stylistPassword: process.env.SALON_STYLIST_PASSWORD || '',
  branch: process.env.SALON_BRANCH || '',
  shots: process.env.SALON_SCREENSHOTS || '',
};

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/**
 * A new context's page under the server's real CSP (axe-core goes in through
 * the DevTools protocol, which the policy does not govern). page.errors
 * collects uncaught exceptions and CSP violations.
 */
export async function newPage(browser, {phone = false} = {}) {
  const context = await browser.newContext(phone
    ? {viewport: {width: 390, height: 844}, isMobile: true, hasTouch: true}
    : {viewport: {width: 1280, height: 1400}});  // tall: a drag's both ends in view
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) page.errors.push(m.text());
  });
  return page;
}

/**
 * Whether salond has the route of a GET of `path` (asked unauthenticated): a
 * route it lacks answers 404 "no such resource" before any sign-in check; any
 * other answer (401, 200, a 404 naming what is missing) means the route is
 * there. A stream's body is not waited for. → {missing, status, detail}
 */
export async function probe(path) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 3000);
  try {
    const res = await fetch(env.url + path, {signal: abort.signal, headers: {Accept: 'application/json, text/event-stream'}});
    let detail = '';
    if (res.status === 404) detail = (await res.json().catch(() => ({}))).detail || '';
    abort.abort();  // never read a stream's body
    return {missing: res.status === 404 && /no such resource/i.test(detail), status: res.status, detail};
  } catch (err) {
    return {missing: false, status: 0, detail: String(err)};
  } finally {
    clearTimeout(timer);
  }
}

/** Signs in through the form and waits for the day view to be drawn. */
export async function signIn(page, email = env.email, password = env.password) {
  await page.goto(env.url + '/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', {name: 'Sign in'}).click();
  await page.waitForSelector('#app[data-role] [data-slot-min]');
  return page.evaluate(() => document.querySelector('#app').dataset.loaded);
}

/** Waits until the calendar has drawn a pull other than `previous`. */
export function waitForLoad(page, previous) {
  return page.waitForFunction((prev) => {
    const v = document.querySelector('#app')?.dataset.loaded;
    return v && v !== prev;
  }, previous);
}

/** Calls the API from the page: its session cookie and CSRF token. */
export function api(page, method, url, body) {
  return page.evaluate(async ([m, u, b]) => {
    const headers = {Accept: 'application/json'};
    if (b !== undefined) headers['Content-Type'] = 'application/json';
    const token = sessionStorage.getItem('salon.csrf');
    if (token && m !== 'GET') headers['X-CSRF-Token'] = token;
    const res = await fetch(u, {method: m, headers, credentials: 'same-origin', body: b === undefined ? undefined : JSON.stringify(b)});
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return {status: res.status, json, etag: res.headers.get('ETag')};
  }, [method, url, body]);
}

/** The signed-in session (salon, user) as the page sees it. */
export async function session(page) {
  return (await api(page, 'GET', '/v1/sessions/current')).json;
}

/** The point (page coordinates) of `hhmm` in staff column `index`, scrolled into view. */
export async function slotPoint(page, index, hhmm) {
  return page.evaluate(([i, t]) => {
    const host = document.querySelector('[data-slot-min]');
    const minutes = (hhmm) => hhmm.split(':').reduce((hh, mm) => Number(hh) * 60 + Number(mm));
    const main = document.querySelector('.ec-main');
    const day = document.querySelectorAll('.ec-body .ec-day')[i];
    const perMinute = day.getBoundingClientRect().height / (minutes(host.dataset.slotMax) - minutes(host.dataset.slotMin));
    const offset = (minutes(t) - minutes(host.dataset.slotMin)) * perMinute;
    main.scrollTop = Math.max(0, offset - 120);
    const box = day.getBoundingClientRect();
    return {x: box.left + box.width / 2, y: box.top + offset + perMinute * 5};
  }, [index, hhmm]);
}

/** Drags from one point to another in small steps (EventCalendar's pointer handling). */
export async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + 12, {steps: 4});
  await page.mouse.move(to.x, to.y, {steps: 12});
  await page.mouse.up();
}

const require = createRequire(import.meta.url);
const axeSource = fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page) {
  await page.evaluate(await axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {resultTypes: ['violations']}));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target})`);
}

/**
 * Saves a screenshot when SALON_SCREENSHOTS names a folder: the desk at
 * 1280×800 (the tall test viewport is put back after), a phone as it is.
 */
export async function shot(page, name) {
  if (!env.shots) return;
  await fs.mkdir(env.shots, {recursive: true});
  // Transient notices ("Moved.", a 409 from an earlier test) would cover the page.
  await page.evaluate(() => document.querySelectorAll('.toast').forEach((t) => { t.hidden = true; }));
  const size = page.viewportSize();
  const desk = size.width > 800;
  if (desk) {
    await page.setViewportSize({width: 1280, height: 800});
    await page.waitForTimeout(300);  // the calendar re-measures
  }
  await page.screenshot({path: path.join(env.shots, `${name}.png`)});
  if (desk) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
  }
}
