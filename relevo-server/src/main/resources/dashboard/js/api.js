// Calls to the agent's API, each with the bearer token; errors carry the agent's own message.

import {token} from './session-store.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, {method = 'GET', body} = {}) {
  const headers = {Authorization: `Bearer ${token()}`, Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let answer;
  try {
    answer = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, `the agent does not answer (${e.message}); is it running?`);
  }
  if (answer.status === 204) return null;
  const text = await answer.text();
  if (!answer.ok) throw new ApiError(answer.status, problem(answer.status, text));
  if (!text) return null;
  const type = answer.headers.get('Content-Type') ?? '';
  if (type.includes('ndjson')) return streamResult(text);
  return type.includes('json') ? JSON.parse(text) : text;
}

/** A rollback's NDJSON stream ends with its result, or with an error line. */
function streamResult(text) {
  const lines = text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const error = lines.find((line) => line.type === 'error');
  if (error) throw new ApiError(200, error.detail ?? error.message);
  return lines.find((line) => line.type === 'result')?.rollout ?? null;
}

/** Problem details (`detail`) or the older `{kind, message}`, else the status line. */
export function problem(status, text) {
  try {
    const json = JSON.parse(text);
    const said = json.detail ?? json.message;
    if (said) return said;
  } catch (e) {
    // not JSON: fall through
  }
  return `the agent answered HTTP ${status}`;
}
