// Every call to the service goes through here: the API key from this browser session, and problem documents
// (RFC 9457) turned into errors that carry the service's own words.
const keyName = 'resnetservice.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(keyName) ?? '',
  set: value => value ? sessionStorage.setItem(keyName, value) : sessionStorage.removeItem(keyName),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The service answered ${status}.`);
    this.status = status;
    this.title = problem.title ?? '';
    this.errors = problem.errors ?? {};
  }

  /** What to tell a person, with the key hints that 401 and 403 need. */
  get explanation() {
    if (this.status === 401) return `An API key is needed for this: enter it at the top of the page. (${this.message})`;
    if (this.status === 403) return `The API key entered does not allow this: ${this.message}`;
    const fields = Object.entries(this.errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
    return fields.length ? `${this.message} ${fields.join(' ')}`.trim() : this.message;
  }
}

function headers(extra = {}) {
  const key = apiKey.get();
  return key ? { ...extra, 'X-Api-Key': key } : extra;
}

async function problemOf(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { title: response.statusText, detail: text.slice(0, 300) || `The service answered ${response.status}.` };
  }
}

/** JSON in (when body is given) and JSON out; null for 204. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const init = { method, signal, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.status === 204 ? null : response.json();
}

/** Fetches a file (with the key) and hands it to the browser as a download under the name the service gives it. */
/** The newest page of a list (datasets, models, jobs), as many as the service answers at once; total counts them all. */
export const newestPage = path => api(`${path}?pageSize=200`);

export async function download(path) {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? 'download';
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: decodeURIComponent(name) });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function postForm(path, form) {
  const response = await fetch(path, { method: 'POST', body: form, headers: headers() });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.json();
}

/** A multipart upload that reports progress (fetch cannot report upload progress), resolving with the JSON answer. */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    for (const [name, value] of Object.entries(headers())) request.setRequestHeader(name, value);
    request.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    request.onload = () => {
      let body;
      try { body = JSON.parse(request.responseText); } catch { body = { detail: request.responseText.slice(0, 300) }; }
      if (request.status >= 200 && request.status < 300) resolve(body);
      else reject(new ApiError(request.status, body));
    };
    request.onerror = () => reject(new ApiError(0, { detail: 'The upload did not reach the service (connection lost).' }));
    request.send(form);
  });
}

/**
 * Reads a Server-Sent Events stream with fetch (rather than EventSource, which cannot send the API key header) and
 * calls onEvent(name, data) per event; resolves when the server ends the stream.
 */
export async function events(path, onEvent, signal) {
  const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), signal });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replaceAll('\r\n', '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}
