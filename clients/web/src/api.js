// The JSON API (/api/v1/) from the page: the session cookie travels by
// itself; every write carries the session's CSRF token.

let csrfToken = '';

export class ApiError extends Error {
  constructor(httpStatus, status, message) {
    super(message);
    this.httpStatus = httpStatus;  // 400, 403, ...
    this.status = status;          // "INVALID_ARGUMENT", ...
  }
}

async function call(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch (e) {  // not the API's answer (a proxy's error page, say)
    throw new ApiError(response.status, 'UNKNOWN', `HTTP ${response.status}`);
  }
  if (!response.ok) {
    const error = json.error || {};
    throw new ApiError(response.status, error.status || 'UNKNOWN',
                       error.message || `HTTP ${response.status}`);
  }
  return json;
}

// GET /api/v1/PATH with query parameters (empty values left out).
export function get(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== '' && value !== undefined && value !== null) {
      params.append(key, String(value));
    }
  }
  const suffix = params.toString() ? `?${params}` : '';
  return call('GET', `/api/v1/${path}${suffix}`);
}

export function post(path, body) { return call('POST', `/api/v1/${path}`, body); }

// Every page of a list (page_token/nextPageToken), up to `limit` items.
export async function getAll(path, field, query = {}, limit = 5000) {
  const items = [];
  let pageToken = '';
  do {
    const page = await get(path, {...query, pageSize: 500, pageToken});
    items.push(...(page[field] || []));
    pageToken = page.nextPageToken || '';
  } while (pageToken && items.length < limit);
  return items;
}

// Who is signed in ({subject, role, scope}), or, when nobody is,
// {emailSignIn} (whether a link by e-mail may be asked for).
export async function currentSession() {
  const who = await call('GET', '/api/v1/session');
  if (who.role) csrfToken = who.csrfToken;
  return who;
}

// Signs in with {token} or {link} (from an e-mailed link).
export async function signIn(credential) {
  const who = await call('POST', '/api/v1/session', credential);
  csrfToken = who.csrfToken;
  return who;
}

export function emailLink(email) {
  return call('POST', '/api/v1/session:emailLink', {email});
}

export async function signOut() {
  await call('POST', '/api/v1/session:signOut');
  csrfToken = '';
}
