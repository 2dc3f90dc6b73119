// A rollout's timeline: each step, gate and analysis measurement, oldest first.

import {h, fill} from './dom.js';
import {clock, words} from './format.js';

/** Analysis messages read as timeline entries, with their evidence. */
function analysisEntry(a) {
  const name = a.name ?? a.metric;
  const shown = (x) => (x === null || x === undefined ? '–' : Number(x.toPrecision(4)));
  const said = a.detail
    ? a.detail
    : `canary ${shown(a.canary ?? a.value)}` +
      (a.stable === null || a.stable === undefined ? '' : ` vs stable ${shown(a.stable)}`) +
      (a.condition ? ` (fail if ${a.condition})` : a.threshold === undefined ? '' : ` (limit ${shown(a.threshold)})`);
  return {
    at: a.at,
    step: 'analysis',
    status: a.verdict === 'PASS' ? 'OK' : a.verdict === 'FAIL' ? 'FAILED' : 'WARNING',
    label: words(a.verdict),
    message: `${name} of revision ${a.revision}: ${said}`,
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
            h('span', {class: 'badge'}, e.label ?? words(e.status)),
            h('span', {class: 'message'}, e.message)))));
}
