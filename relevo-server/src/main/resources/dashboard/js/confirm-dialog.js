// A modal confirmation before any action. The dialog element traps focus and closes on Escape;
// Cancel comes first, so Enter in the reason field never fires an action by accident.

/**
 * Asks; resolves to {reason, full} when confirmed, null when cancelled.
 * `full` is offered only when `offerFull` is true.
 */
export function confirmAction({title, text, confirmLabel, offerFull = false}) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  document.getElementById('confirm-full-row').hidden = !offerFull;
  document.getElementById('confirm-full').checked = false;
  const reason = document.getElementById('confirm-reason');
  reason.value = '';
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm'
          ? {reason: reason.value.trim(), full: document.getElementById('confirm-full').checked}
          : null);
    }, {once: true});
    dialog.showModal();
    reason.focus();
  });
}
