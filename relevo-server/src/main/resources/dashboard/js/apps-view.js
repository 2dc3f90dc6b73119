// The list of apps and what serves each: revision, version, role, weight and state.

import {h, fill} from './dom.js';
import {api} from './api.js';
import {revisionsOf} from './revisions.js';
import {words} from './format.js';

export async function renderApps() {
  const statuses = await api('/api/v1/apps');
  const list = document.getElementById('apps-list');
  const key = JSON.stringify(statuses);
  if (list.dataset.key === key) return; // unchanged: keep focus and say nothing new
  list.dataset.key = key;
  if (!statuses || statuses.length === 0) {
    fill('apps-list', h('p', {}, 'No apps yet. Deploy one with ', h('code', {}, 'relevo deploy'), '.'));
    return;
  }
  fill('apps-list', statuses.map((s) =>
    h('article', {class: 'card app-card', 'data-app': s.app},
        h('h2', {}, h('a', {href: `#/apps/${encodeURIComponent(s.app)}`}, s.app)),
        h('p', {class: 'muted'}, [s.env, s.listen].filter(Boolean).join(' · '),
            s.activeRollout ? h('span', {class: 'badge running'}, ` rollout #${s.activeRollout.id} under way`) : ''),
        (s.alerts ?? []).length ? h('ul', {class: 'alerts'}, s.alerts.map((a) => h('li', {}, a))) : null,
        h('table', {class: 'revisions'},
            h('caption', {class: 'visually-hidden'}, `What serves ${s.app}`),
            h('thead', {}, h('tr', {},
                h('th', {scope: 'col'}, 'Rev'), h('th', {scope: 'col'}, 'Version'),
                h('th', {scope: 'col'}, 'Role'), h('th', {scope: 'col', class: 'num'}, 'Weight'),
                h('th', {scope: 'col'}, 'State'))),
            h('tbody', {}, revisionsOf(s).map((r) => h('tr', {},
                h('td', {}, String(r.revision)), h('td', {}, r.version),
                h('td', {}, h('span', {class: `role role-${r.role}`}, r.role)),
                h('td', {class: 'num'}, `${r.weight}%`), h('td', {}, words(r.state)))))))));
}
