// An app's history with filters: outcome, version and free text.

import {h, fill} from './dom.js';
import {api} from './api.js';
import {when, words} from './format.js';

export class HistoryView {
  constructor(app, {onSelect, onError}) {
    this.app = app;
    this.records = [];
    this.versions = new Map(); // revision -> version
    this.onSelect = onSelect;
    this.onError = onError;
    const form = document.getElementById('history-filters');
    form.reset();
    form.oninput = () => this.render();
    form.onsubmit = (e) => e.preventDefault();
  }

  async load() {
    const base = `/api/v1/apps/${encodeURIComponent(this.app)}`;
    try {
      const [records, revisions] = await Promise.all([
        api(`${base}/history?limit=100`),
        api(`${base}/revisions`),
      ]);
      this.records = records ?? [];
      this.versions = new Map((revisions ?? []).map((r) => [r.revision, r.version]));
      this.render();
    } catch (e) {
      this.onError(e.message);
    }
    return this.records;
  }

  versionOf(revision) {
    return this.versions.get(revision) ?? '?';
  }

  matches(record, outcome, version, text) {
    if (outcome && record.outcome !== outcome) return false;
    if (version && !this.versionOf(record.toRevision).toLowerCase().includes(version)) return false;
    if (!text) return true;
    const haystack = [record.actor, record.reason, record.outcomeReason, record.strategy,
      record.kind, record.outcome, String(record.id)].join(' ').toLowerCase();
    return haystack.includes(text);
  }

  render() {
    const outcome = document.getElementById('filter-outcome').value;
    const version = document.getElementById('filter-version').value.trim().toLowerCase();
    const text = document.getElementById('filter-text').value.trim().toLowerCase();
    const shown = this.records.filter((r) => this.matches(r, outcome, version, text));
    fill('history-count', `${shown.length} of ${this.records.length} rollouts`);
    fill('history', shown.map((r) =>
      h('li', {class: `outcome-${String(r.outcome).toLowerCase()}`},
          h('div', {class: 'history-head'},
              h('span', {class: 'badge'}, words(r.outcome)),
              ` #${r.id} ${words(r.kind)} to revision ${r.toRevision} (${this.versionOf(r.toRevision)})`,
              r.fromRevision ? ` from ${r.fromRevision}` : '',
              ` · ${r.strategy}`),
          h('div', {class: 'muted'}, `${when(r.startedAt)} by ${r.actor}`,
              r.reason ? ` · ${r.reason}` : ''),
          r.outcomeReason ? h('div', {class: 'history-reason'}, r.outcomeReason) : null,
          h('button', {type: 'button', class: 'link', onclick: () => this.onSelect(r)},
              `Show timeline of #${r.id}`))));
  }
}
