// The signed-in person, by cookie session (API.md "People, sign-in and roles").
// POST /v1/sessions {"email","password"} → 201 {user, salon_id, csrf_token};
// GET /v1/sessions/current → the same (200) or 401; DELETE signs out.
// The cookie is HttpOnly: this page only ever sees the CSRF token.

import {request, setCsrfToken} from '../shared/api.js';

/** The current session, or null when signed out (401). */
export async function currentSession() {
  try {
    const {data} = await request('GET', '/v1/sessions/current', {quiet401: true});
    setCsrfToken(data.csrf_token);
    return data;
  } catch (err) {
    if (err.status === 401) return null;
    throw err;
  }
}

/** Signs in; throws ApiError (401 wrong password, 429 throttled with retryAfter). */
export async function signIn(email, password) {
  const {data} = await request('POST', '/v1/sessions', {body: {email, password}, quiet401: true});
  setCsrfToken(data.csrf_token);
  return data;
}

export async function signOut() {
  try {
    await request('DELETE', '/v1/sessions/current', {quiet401: true});
  } finally {
    setCsrfToken(null);
  }
}
