// The JSON API as the pages use it: same-origin fetch with the session cookie,
// the CSRF token on every unsafe method, problem+json turned into ApiError.
//
// Contract (API.md "People, sign-in and roles"): a cookie session sends
// X-CSRF-Token with POST/PATCH/PUT/DELETE (else 403). The token comes from
// POST /v1/sessions and GET /v1/sessions/current and lives in sessionStorage.

const kCsrfKey = 'salon.csrf';
const kUnsafe = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** An answer that was not 2xx/304; carries the problem+json fields. */
export class ApiError extends Error {
  constructor(status, problem) {
    const title = problem?.title || `HTTP ${status}`;
    super(problem?.detail ? `${title}: ${problem.detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = problem?.detail || '';
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.retryAfter = null;
  }
}

export function setCsrfToken(token) {
  if (token) sessionStorage.setItem(kCsrfKey, token);
  else sessionStorage.removeItem(kCsrfKey);
}

let onUnauthorized = null;
/** Called (once per failing request) when the server answers 401. */
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

/**
 * request(method, path, {body, headers, etag}) → {status, data, etag}
 * `etag` is sent as If-None-Match for GET and If-Match otherwise. A 304
 * answers {status: 304, data: null}. Throws ApiError for any other non-2xx.
 */
export async function request(method, path, opts = {}) {
  const headers = {Accept: 'application/json', ...(opts.headers || {})};
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (kUnsafe.has(method)) {
    const token = sessionStorage.getItem(kCsrfKey);
    if (token) headers['X-CSRF-Token'] = token;
  }
  if (opts.etag) headers[method === 'GET' ? 'If-None-Match' : 'If-Match'] = opts.etag;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const etag = res.headers.get('ETag');
  if (res.status === 304) return {status: 304, data: null, etag};
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    err.retryAfter = res.headers.get('Retry-After');
    if (res.status === 401 && onUnauthorized && !opts.quiet401) onUnauthorized(err);
    throw err;
  }
  return {status: res.status, data, etag};
}

export const get = (path, opts) => request('GET', path, opts).then((r) => r.data);
export const post = (path, body, opts = {}) => request('POST', path, {...opts, body}).then((r) => r.data);
export const patch = (path, body, opts = {}) => request('PATCH', path, {...opts, body}).then((r) => r.data);
export const del = (path, opts) => request('DELETE', path, opts).then((r) => r.data);

/** A fresh Idempotency-Key so a retried POST never creates a second object. */
export function idempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A person-readable sentence for an error, whatever threw it. */
export function describeError(err) {
  if (err instanceof ApiError) {
    if (err.status === 403) return 'Not allowed for your role.' + (err.detail ? ` (${err.detail})` : '');
    if (err.status === 429) return `Too many attempts; try again${err.retryAfter ? ` in ${err.retryAfter} s` : ' later'}.`;
    const fields = err.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return [err.title, err.detail, fields].filter(Boolean).join(' — ');
  }
  if (err instanceof TypeError) return 'The server cannot be reached. Check the connection.';
  return String(err?.message || err);
}
