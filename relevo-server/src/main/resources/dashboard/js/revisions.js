// What serves an app, read from its status: each running revision with its role and weight.

/** The role of revision `number` in `status`: stable, canary, preview (blue-green) or other. */
export function roleOf(status, number) {
  const rollout = status.activeRollout;
  if (status.stable && status.stable.number === number) return 'stable';
  if (rollout && rollout.toRevision === number && rollout.kind === 'DEPLOY') {
    return rollout.strategy === 'bluegreen' ? 'preview' : 'canary';
  }
  return 'other';
}

/**
 * [{revision, version, role, weight, state}], every revision in the split or running, highest
 * weight first.
 */
export function revisionsOf(status) {
  const rows = new Map();
  const known = [...(status.running ?? [])];
  if (status.stable) known.push(status.stable);
  for (const r of known) {
    if (!rows.has(r.number)) {
      rows.set(r.number, {revision: r.number, version: r.version, role: roleOf(status, r.number), weight: 0, state: r.state});
    }
  }
  for (const b of status.split?.backends ?? []) {
    const row = rows.get(b.revision) ??
        {revision: b.revision, version: '?', role: roleOf(status, b.revision), weight: 0, state: ''};
    row.weight = b.weight;
    rows.set(b.revision, row);
  }
  return [...rows.values()].sort((a, b) => b.weight - a.weight || b.revision - a.revision);
}

/** Weights as a `weights` message carries them, joined with the states the status knows. */
export function withStates(weights, status) {
  const states = new Map(revisionsOf(status ?? {}).map((r) => [r.revision, r.state]));
  return weights.map((w) => ({...w, state: states.get(w.revision) ?? ''}));
}
