// The JSON API as the pages use it: same-origin requests with the session cookie, the CSRF token
// on every write, the page's language, and one error shape. Routes are in docs/openapi.yaml.
import { currentLang } from './i18n.js';

// A refused or failed request: `status` is the HTTP status (0 when the server cannot be reached),
// `code` and `message` come from the server's JSON error (the message in the session's language).
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
  get offline() { return this.status === 0; }
  get unauthenticated() { return this.status === 401; }
}

let csrfToken = sessionStorage.getItem('skillscore.csrf') || '';

export function rememberSession(me) {
  csrfToken = me.csrf || '';
  sessionStorage.setItem('skillscore.csrf', csrfToken);
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (networkFailure) {
    throw new ApiError(0, 'network', networkFailure.message);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data && (data.error || data)) || {};
    throw new ApiError(response.status, error.code || String(response.status),
      error.message || text || response.statusText);
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});
export const del = (path, body) => request('DELETE', path, body);

// Who is signed in (and a fresh CSRF token), or null without a session.
export async function me() {
  try {
    const who = await get('/api/me');
    rememberSession(who);
    return who;
  } catch (error) {
    if (error.unauthenticated) return null;
    throw error;
  }
}

// Sends the person to the sign-in page, coming back here afterwards.
export function toSignIn() {
  location.href = '/?next=' + encodeURIComponent(location.pathname);
}

export const enc = encodeURIComponent;
