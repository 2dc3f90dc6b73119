// One app's live messages. Reads the event stream with fetch() (EventSource cannot send the
// Authorization header), resumes with Last-Event-ID after a drop, and falls back to polling the
// app's status every second when the agent has no event stream (404).

import {token} from './session-store.js';
import {problem} from './api.js';
import {SseParser} from './sse-parser.js';

const POLL_MS = 1000;
const MAX_BACKOFF_MS = 10000;

/**
 * Calls onMessage({event, data}) for each message (data parsed), onMode('stream'|'polling'),
 * onError(message) for a failure the user should see, onAuthLost(message) when the agent refuses
 * the token (then it stops). Returns a handle with close().
 */
export function follow(app, {onMessage, onMode, onError, onAuthLost}) {
  const feed = {closed: false, controller: null, timer: null, lastId: null};
  const path = `/api/v1/apps/${encodeURIComponent(app)}`;

  async function stream(backoff) {
    if (feed.closed) return;
    feed.controller = new AbortController();
    const headers = {Authorization: `Bearer ${token()}`, Accept: 'text/event-stream'};
    if (feed.lastId) headers['Last-Event-ID'] = feed.lastId;
    let answer;
    try {
      answer = await fetch(`${path}/events`, {headers, signal: feed.controller.signal, cache: 'no-store'});
    } catch (e) {
      return retry(backoff);
    }
    if (answer.status === 404) return poll(); // no stream on this agent; polling says if the app is unknown
    if (answer.status === 401) return onAuthLost(problem(401, await answer.text()));
    if (!answer.ok) {
      onError(problem(answer.status, await answer.text()));
      return retry(backoff);
    }
    onMode('stream');
    const parser = new SseParser();
    const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        for (const message of parser.feed(value)) {
          if (message.id) feed.lastId = message.id;
          deliver(message);
        }
        backoff = 500;
      }
    } catch (e) {
      // dropped: reconnect below
    }
    return retry(backoff);
  }

  function deliver(message) {
    let data;
    try {
      data = JSON.parse(message.data);
    } catch (e) {
      return; // not ours to show
    }
    onMessage({event: message.event, data});
  }

  function retry(backoff) {
    if (feed.closed) return;
    feed.timer = setTimeout(() => stream(Math.min(backoff * 2, MAX_BACKOFF_MS)), backoff);
  }

  async function poll() {
    if (feed.closed) return;
    onMode('polling');
    try {
      const answer = await fetch(path, {headers: {Authorization: `Bearer ${token()}`}, cache: 'no-store'});
      const text = await answer.text();
      if (answer.status === 401) return onAuthLost(problem(401, text));
      if (answer.ok) onMessage({event: 'status', data: JSON.parse(text)});
      else onError(problem(answer.status, text));
    } catch (e) {
      onError(`the agent does not answer (${e.message}); is it running?`);
    }
    if (!feed.closed) feed.timer = setTimeout(poll, POLL_MS);
  }

  stream(500);
  return {
    close() {
      feed.closed = true;
      clearTimeout(feed.timer);
      feed.controller?.abort();
    },
  };
}
