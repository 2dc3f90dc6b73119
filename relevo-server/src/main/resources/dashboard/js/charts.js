// Per-revision request rate, error rate and p99 latency, canary against stable, from the event
// stream's `traffic` messages; the analysis thresholds from `analysis` messages drawn as dashed
// lines. uPlot draws; each chart also says its latest values in text.

import uPlot from '../vendor/uplot/uPlot.esm.js';
import {h, fill} from './dom.js';

const COLORS = {stable: '#1f5fbf', canary: '#a04800', preview: '#6a3d9a', other: '#5c5c5c'};
const LIMIT_COLOR = '#b00020';

// floor: the least the y axis shows, so a flat zero line does not fill the chart's height.
const CHARTS = [
  {id: 'rps', title: 'Requests per second', field: 'rps', scale: 1, unit: 'req/s', floor: 1},
  {id: 'errors', title: 'Error rate', field: 'errorRate', scale: 100, unit: '%', floor: 1,
    metric: /error/},
  {id: 'p99', title: 'p99 latency', field: 'p99Ms', scale: 1, unit: 'ms', floor: 1,
    metric: /latency|p9\d/, thresholdScale: 1000},
];

export class Charts {
  constructor() {
    this.plots = new Map(); // id -> {plot, key}
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(document.getElementById('charts'));
  }

  /** Draws `samples` (see AppState) with the latest threshold of each metric in `analysis`. */
  render(samples, analysis, mode) {
    const note = document.getElementById('charts-note');
    if (samples.length === 0) {
      note.hidden = false;
      note.textContent = mode === 'polling'
        ? 'Live charts need the agent\'s event stream, which this agent does not serve; the split above still updates every second.'
        : 'Waiting for traffic figures (one a second while requests flow).';
    } else {
      note.hidden = true;
    }
    const revisions = revisionsIn(samples);
    for (const chart of CHARTS) this.draw(chart, samples, revisions, thresholdOf(chart, analysis));
  }

  draw(chart, samples, revisions, threshold) {
    const xs = samples.map((s) => s.t);
    const series = revisions.map((r) => samples.map((s) => {
      const point = s.revisions.find((p) => p.revision === r.revision);
      const value = point?.[chart.field];
      return value === null || value === undefined ? null : value * chart.scale;
    }));
    if (threshold !== null) series.push(xs.map(() => threshold.value));
    const key = revisions.map((r) => `${r.revision}${r.role}`).join(',') + (threshold ? `|${threshold.label}` : '');
    const box = document.getElementById(`chart-${chart.id}`);
    let entry = this.plots.get(chart.id);
    if (samples.length === 0) {
      entry?.plot.destroy();
      this.plots.delete(chart.id);
      box.replaceChildren();
      fill(`latest-${chart.id}`, '');
      return;
    }
    if (!entry || entry.key !== key) {
      entry?.plot.destroy();
      box.replaceChildren();
      const plot = new uPlot(options(chart, revisions, threshold, box), [xs, ...series], box);
      entry = {plot, key};
      this.plots.set(chart.id, entry);
    } else {
      entry.plot.setData([xs, ...series]);
    }
    fill(`latest-${chart.id}`, latest(chart, revisions, series, threshold));
  }

  resize() {
    for (const [id, entry] of this.plots) {
      const width = document.getElementById(`chart-${id}`).clientWidth;
      if (width > 0) entry.plot.setSize({width, height: 180});
    }
  }

  destroy() {
    this.observer.disconnect();
    for (const entry of this.plots.values()) entry.plot.destroy();
    this.plots.clear();
  }
}

function revisionsIn(samples) {
  const seen = new Map();
  for (const s of samples) {
    for (const r of s.revisions) seen.set(r.revision, {revision: r.revision, version: r.version, role: r.role});
  }
  return [...seen.values()].sort((a, b) => a.revision - b.revision);
}

function thresholdOf(chart, analysis) {
  if (!chart.metric) return null;
  for (let i = analysis.length - 1; i >= 0; i--) {
    const a = analysis[i];
    if (chart.metric.test(String(a.metric)) && a.threshold !== null && a.threshold !== undefined) {
      const limit = canaryLimit(a) * (chart.thresholdScale ?? chart.scale);
      return {value: Number(limit.toPrecision(4)), label: `limit (${a.metric})`};
    }
  }
  return null;
}

/**
 * The canary's value at which the analysis fails, in the metric's unit. A measurement compares
 * `value` (e.g. canary - stable, or canary / stable) with `threshold`; for `fail_if: canary -
 * stable > 0.05` the canary's limit is stable + 0.05, for `canary / stable > 2` twice stable.
 */
export function canaryLimit(a) {
  const known = (x) => x !== null && x !== undefined && Number.isFinite(x);
  if (!known(a.canary) || !known(a.value)) return a.threshold;
  if (String(a.condition ?? '').includes('/')) {
    return a.value === 0 ? a.threshold : (a.canary * a.threshold) / a.value;
  }
  return a.canary - a.value + a.threshold;
}

function options(chart, revisions, threshold, box) {
  const series = [{}, ...revisions.map((r) => ({
    label: `${r.role} r${r.revision} ${r.version}`,
    stroke: COLORS[r.role] ?? COLORS.other,
    width: 2,
    points: {show: false},
    value: (u, v) => (v === null ? '–' : `${v.toFixed(2)} ${chart.unit}`),
  }))];
  if (threshold) {
    series.push({label: threshold.label, stroke: LIMIT_COLOR, width: 2, dash: [6, 4], points: {show: false},
      value: (u, v) => (v === null ? '–' : `${v} ${chart.unit}`)});
  }
  return {
    width: Math.max(box.clientWidth, 200),
    height: 180,
    series,
    scales: {x: {time: true}, y: {range: (u, min, max) => [0, Math.max(chart.floor, max * 1.1)]}},
    axes: [{stroke: '#333'}, {stroke: '#333', size: 56, values: (u, vals) => vals.map((v) => `${v}`)}],
    legend: {live: false},
    cursor: {drag: {x: false, y: false}},
  };
}

function latest(chart, revisions, series, threshold) {
  const parts = revisions.map((r, i) => {
    const values = series[i];
    const v = values[values.length - 1];
    return `${r.role} ${r.version}: ${v === null ? '–' : `${v.toFixed(2)} ${chart.unit}`}`;
  });
  if (threshold) parts.push(`${threshold.label}: ${threshold.value} ${chart.unit}`);
  return `Latest: ${parts.join(' · ')}`;
}
