// The live traffic split: one bar, a segment per revision sized by its weight, and a table that
// says the same for screen readers and small screens.

import {h, fill} from './dom.js';
import {words} from './format.js';

export function renderSplit(weights) {
  const container = document.getElementById('split');
  const key = JSON.stringify(weights);
  if (container.dataset.key === key) return; // unchanged: the feed sends traffic every second
  container.dataset.key = key;
  const serving = weights.filter((w) => w.weight > 0);
  const said = serving.map((w) => `revision ${w.revision} (${w.version}) ${w.role} ${w.weight}%`);
  const bar = h('div', {
    class: 'split-bar',
    id: 'split-bar',
    role: 'img',
    'aria-label': serving.length ? `Traffic: ${said.join(', ')}` : 'No traffic is routed',
  });
  for (const w of serving) {
    const segment = h('div', {
      class: `segment role-${w.role}`,
      'data-revision': w.revision,
      'data-weight': w.weight,
      'data-role': w.role,
      title: said[serving.indexOf(w)],
    }, w.weight >= 8 ? `${w.version} ${w.weight}%` : '');
    segment.style.flexBasis = `${w.weight}%`; // CSSOM, allowed under the page's CSP
    bar.append(segment);
  }
  const rows = weights.map((w) =>
    h('tr', {'data-revision': w.revision},
        h('td', {}, String(w.revision)),
        h('td', {}, w.version),
        h('td', {}, h('span', {class: `role role-${w.role}`}, w.role)),
        h('td', {class: 'num', 'data-weight': w.weight}, `${w.weight}%`),
        h('td', {}, words(w.state))));
  fill('split', bar,
      h('table', {class: 'revisions'},
          h('caption', {class: 'visually-hidden'}, 'Revisions that run, with their share of traffic'),
          h('thead', {}, h('tr', {},
              h('th', {scope: 'col'}, 'Rev'), h('th', {scope: 'col'}, 'Version'),
              h('th', {scope: 'col'}, 'Role'), h('th', {scope: 'col', class: 'num'}, 'Weight'),
              h('th', {scope: 'col'}, 'State'))),
          h('tbody', {}, rows)));
}
