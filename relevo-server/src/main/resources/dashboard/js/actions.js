// The buttons a rollout offers: promote, abort, rollback, approve, each shown only to a role
// that may use it and each behind a confirmation.

import {h, fill} from './dom.js';
import {api} from './api.js';
import {may} from './roles.js';
import {confirmAction} from './confirm-dialog.js';

/** Which actions fit the app's state now, before roles. */
export function possibleActions(status) {
  const rollout = status.activeRollout;
  if (!rollout) return status.stable && status.stable.number > 1 ? ['rollback'] : [];
  const actions = [];
  if (rollout.kind === 'DEPLOY') actions.push('promote', 'abort');
  if (waitingForApproval(rollout)) actions.push('approve');
  return actions;
}

function waitingForApproval(rollout) {
  const approvals = (rollout.events ?? []).filter((e) => e.step === 'approval');
  return approvals.length > 0 && approvals[approvals.length - 1].status === 'STARTED';
}

const TEXTS = {
  promote: (app, r) => ({
    title: `Promote ${app}?`,
    text: `Rollout #${r.id} moves on to its next step now, without waiting for its pause or analysis.`,
    confirmLabel: 'Promote',
    offerFull: true,
  }),
  abort: (app, r) => ({
    title: `Abort the rollout of ${app}?`,
    text: `All traffic goes back to the stable revision at once and revision ${r.toRevision} is stopped.`,
    confirmLabel: 'Abort rollout',
  }),
  rollback: (app) => ({
    title: `Roll ${app} back?`,
    text: 'Traffic moves to the last known good revision (warm if it still runs).',
    confirmLabel: 'Roll back',
  }),
  approve: (app, r) => ({
    title: `Approve rollout #${r.id} of ${app}?`,
    text: 'Your approval is recorded in history under your name.',
    confirmLabel: 'Approve',
  }),
};

/** Draws the buttons `who` may press for `status` into #actions; `after` runs after an action. */
export function renderActions(app, status, who, {onDone, onError}) {
  const allowed = possibleActions(status).filter((a) => may(who.role, a));
  const key = `${allowed.join(',')}|${status.activeRollout?.id ?? ''}`;
  const container = document.getElementById('actions');
  if (container.dataset.key === key) return; // unchanged: keep the focus where it is
  container.dataset.key = key;
  fill('actions', allowed.map((action) =>
    h('button', {
      type: 'button',
      class: action === 'abort' || action === 'rollback' ? 'danger' : '',
      'data-action': action,
      onclick: () => run(action, app, status.activeRollout, who, {onDone, onError}),
    }, action[0].toUpperCase() + action.slice(1))));
}

async function run(action, app, rollout, who, {onDone, onError}) {
  const answer = await confirmAction(TEXTS[action](app, rollout ?? {}));
  if (!answer) return;
  const path = `/api/v1/apps/${encodeURIComponent(app)}/${action}`;
  const reason = answer.reason || `from the dashboard by ${who.name}`;
  const bodies = {
    promote: {full: answer.full, actor: who.name},
    abort: {actor: who.name, reason},
    rollback: {actor: who.name, reason},
    approve: {rollout: rollout?.id, actor: who.name},
  };
  try {
    await api(path, {method: 'POST', body: bodies[action]});
    onDone(action);
  } catch (e) {
    onError(e.message);
  }
}
