// Where the rollout under way stands: strategy, step, the canary's weight, the latest analysis
// evidence; or, with none, what is stable and any watch after promotion.

import {h, fill} from './dom.js';
import {words} from './format.js';

export function renderRollout(status) {
  const rollout = status.activeRollout;
  const progress = status.progress;
  const container = document.getElementById('rollout');
  const key = JSON.stringify([rollout?.id, progress, status.watch, status.stable?.number]);
  if (container.dataset.key === key) return; // unchanged: say nothing new to screen readers
  container.dataset.key = key;
  if (!rollout) {
    fill('rollout',
        h('p', {id: 'rollout-summary'}, status.stable
          ? `No rollout under way. Revision ${status.stable.number} (${status.stable.version}) is stable.`
          : 'No rollout under way, and nothing is deployed yet.'),
        status.watch ? h('p', {}, `Watching revision ${status.watch.revision} (${status.watch.version})`
          + ` after its promotion against revision ${status.watch.against}: ${status.watch.left} left`
          + (status.watch.last ? `; last: ${status.watch.last}` : '')) : null);
    return;
  }
  const step = progress
    ? `step ${progress.step} of ${progress.steps}: ${progress.description}`
    : 'starting';
  fill('rollout',
      h('p', {id: 'rollout-summary'},
          h('strong', {}, `Rollout #${rollout.id}`),
          ` · ${words(rollout.kind)} of ${describe(status, rollout.toRevision)}`,
          rollout.fromRevision ? ` over ${describe(status, rollout.fromRevision)}` : '',
          ` · ${rollout.strategy} · ${step}`,
          progress ? ` · canary at ${progress.canaryWeight}%` : '',
          progress?.paused ? ' · paused, waiting for promote' : ''),
      progress && progress.evidence.length
        ? h('ul', {class: 'evidence', 'aria-label': 'Latest analysis evidence'},
            progress.evidence.map((line) => h('li', {}, line)))
        : null);
}

/** revision 3 (v3), with the version when the app still runs it. */
function describe(status, number) {
  const known = [...(status.running ?? []), status.stable].find((r) => r && r.number === number);
  return known ? `revision ${number} (${known.version})` : `revision ${number}`;
}
