// What the page knows of one app, built from the live feed's messages (see the event stream
// contract in docs/DASHBOARD.md). A `reset` drops it all; a fresh `status` follows.

import {revisionsOf, withStates} from './revisions.js';

const KEEP_SAMPLES = 300; // five minutes of once-a-second traffic
const KEEP_EVENTS = 500;

export class AppState {
  constructor(app) {
    this.app = app;
    this.clear();
  }

  clear() {
    this.status = null;
    this.weights = []; // [{revision, version, role, weight, state}]
    this.samples = []; // [{t (seconds), revisions: [{revision, version, role, rps, errorRate, p99Ms}]}]
    this.events = new Map(); // rolloutId -> Map(key -> RolloutEvent)
    this.analysis = []; // analysis messages, oldest first
    this.version = 0; // bumped on every change, for the views
  }

  apply({event, data}) {
    switch (event) {
      case 'reset':
        this.clear();
        break;
      case 'status':
        this.status = data;
        this.weights = revisionsOf(data);
        if (data.activeRollout) this.addEvents(data.activeRollout.id, data.activeRollout.events);
        break;
      case 'weights':
        this.weights = withStates(data.weights ?? [], this.status);
        break;
      case 'rollout':
        this.addEvents(data.rolloutId, [data.event]);
        break;
      case 'analysis':
        this.analysis.push(data);
        if (this.analysis.length > KEEP_EVENTS) this.analysis.shift();
        break;
      case 'traffic':
        this.samples.push({t: Date.parse(data.at) / 1000, revisions: data.revisions ?? []});
        if (this.samples.length > KEEP_SAMPLES) this.samples.shift();
        break;
      default:
        return; // a type this page does not know yet
    }
    this.version++;
  }

  addEvents(rolloutId, events) {
    if (rolloutId === null || rolloutId === undefined) return;
    const known = this.events.get(rolloutId) ?? new Map();
    for (const e of events ?? []) {
      // History keeps instants to the millisecond, the live feed to the nanosecond: compare as ms.
      if (e) known.set(`${Date.parse(e.at)}|${e.step}|${e.status}|${e.message}`, e);
    }
    this.events.set(rolloutId, known);
  }

  /** The events of rollout `id` the feed brought, oldest first. */
  eventsOf(id) {
    return [...(this.events.get(id)?.values() ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  /** The analysis measurements of rollout `id`, oldest first. */
  analysisOf(id) {
    return this.analysis.filter((a) => a.rolloutId === id);
  }
}
