// A rollout's timeline: each step, gate and analysis measurement, oldest first.

import {h, fill} from './dom.js';
import {clock, words} from './format.js';

/** Analysis messages read as timeline entries. */
function analysisEntry(a) {
  const value = a.value === null || a.value === undefined ? 'no value' : a.value;
  const limit = a.threshold === null || a.threshold === undefined ? '' : ` (limit ${a.threshold})`;
  return {
    at: a.at,
    step: 'analysis',
    status: a.verdict === 'PASS' ? 'OK' : a.verdict === 'FAIL' ? 'FAILED' : 'INFO',
    message: `${a.metric} of revision ${a.revision}: ${value}${limit}: ${words(a.verdict)}`,
  };
}

/**
 * Draws `rollout` (a RolloutRecord, or null) with its `events` and `analysis` messages into
 * #timeline.
 */
export function renderTimeline(rollout, events, analysis) {
  if (!rollout) {
    fill('timeline-title', 'Timeline');
    fill('timeline', h('p', {class: 'muted'}, 'No rollout yet.'));
    return;
  }
  const entries = [...events, ...analysis.map(analysisEntry)]
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  fill('timeline-title',
      `Timeline of rollout #${rollout.id}: ${words(rollout.kind)} to revision ${rollout.toRevision}`,
      ` (${words(rollout.outcome)})`);
  fill('timeline', entries.length === 0
      ? h('p', {class: 'muted'}, 'No events yet.')
      : h('ol', {class: 'timeline'}, entries.map((e) =>
        h('li', {class: `status-${String(e.status).toLowerCase()}`},
            h('time', {datetime: e.at}, clock(e.at)),
            h('span', {class: 'step'}, e.step),
            h('span', {class: 'badge'}, words(e.status)),
            h('span', {class: 'message'}, e.message)))));
}
