// The page of one app: split, rollout, charts, timeline, history, actions; kept live by the feed.

import {h, fill} from './dom.js';
import {AppState} from './app-state.js';
import {follow} from './live-feed.js';
import {renderSplit} from './split-bar.js';
import {renderRollout} from './rollout-panel.js';
import {renderActions} from './actions.js';
import {renderTimeline} from './timeline.js';
import {HistoryView} from './history-view.js';
import {Charts} from './charts.js';

export class AppView {
  constructor(app, who, {showError, clearError, onAuthLost}) {
    this.app = app;
    this.who = who;
    this.showError = showError;
    this.clearError = clearError;
    this.onAuthLost = onAuthLost;
    this.state = new AppState(app);
    this.mode = 'connecting';
    this.selected = null; // a history record the user picked for the timeline
    this.latest = null; // the newest history record
    this.activeId = null;
    this.frame = 0;
  }

  start() {
    fill('app-title', this.app);
    fill('app-meta', 'Connecting…');
    for (const id of ['split', 'rollout', 'actions', 'timeline', 'alerts']) {
      const el = document.getElementById(id);
      el.replaceChildren();
      delete el.dataset.key;
    }
    this.charts = new Charts();
    this.history = new HistoryView(this.app, {
      onSelect: (record) => {
        this.selected = record;
        this.renderTimeline();
        document.getElementById('timeline-title').focus();
      },
      onError: this.showError,
    });
    this.loadHistory();
    this.feed = follow(this.app, {
      onMessage: (message) => {
        if (message.event === 'status') this.clearError();
        this.state.apply(message);
        this.schedule();
      },
      onMode: (mode) => {
        this.mode = mode;
        this.schedule();
      },
      onError: this.showError,
      onAuthLost: this.onAuthLost,
    });
  }

  stop() {
    this.feed?.close();
    this.charts?.destroy();
    cancelAnimationFrame(this.frame);
  }

  async loadHistory() {
    const records = await this.history.load();
    this.latest = records[0] ?? null;
    this.renderTimeline();
  }

  schedule() {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.render());
  }

  render() {
    const status = this.state.status;
    if (!status) return;
    fill('app-meta', `${status.env ? `${status.env} · ` : ''}front door ${status.listen} · `,
        this.mode === 'stream' ? 'live from the event stream' : 'live, polling every second');
    fill('alerts', (status.alerts ?? []).map((a) => h('li', {}, a)));
    renderSplit(this.state.weights);
    renderRollout(status);
    renderActions(this.app, status, this.who, {
      onDone: (action) => {
        this.clearError();
        fill('action-result', `${action[0].toUpperCase()}${action.slice(1)} sent.`);
        if (action === 'rollback') this.loadHistory();
      },
      onError: this.showError,
    });
    const active = status.activeRollout?.id ?? null;
    if (this.activeId !== null && active !== this.activeId) this.loadHistory(); // one just ended
    if (active !== null && active !== this.activeId) this.selected = null; // follow the new one
    this.activeId = active;
    this.renderTimeline();
    this.charts.render(this.state.samples, this.state.analysisOf(active ?? this.latest?.id), this.mode);
  }

  renderTimeline() {
    const active = this.state.status?.activeRollout;
    const rollout = this.selected ?? active ?? this.latest;
    if (!rollout) {
      renderTimeline(null, [], []);
      return;
    }
    const events = rollout === active || rollout.id === active?.id
      ? this.state.eventsOf(rollout.id)
      : rollout.events ?? [];
    renderTimeline(rollout, events, this.state.analysisOf(rollout.id));
  }
}
