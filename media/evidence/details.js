// @ts-check
/* global acquireVsCodeApi, document, window */
// Evidence details panel script: loaded with the panel's CSP nonce, no inline handlers.
// It posts {type: 'insertCitation' | 'insertSentence', recordId} when a button is used, and once on
// load {type: 'ready', csp, rows} (the Content-Security-Policy it runs under and the number of table
// rows), which the integration tests read. The extension may answer with {type: 'status', text}, shown
// in a polite live region, or (tests only) {type: 'press', action, recordId}, which presses that button.
(function () {
  const vscode = acquireVsCodeApi();
  const status = document.getElementById('status');

  /** @param {Element | null} target */
  function send(target) {
    const button = target && target.closest('button[data-action]');
    if (!button) return;
    const action = button.getAttribute('data-action');
    const recordId = button.getAttribute('data-record');
    if ((action === 'insertCitation' || action === 'insertSentence') && recordId) {
      vscode.postMessage({ type: action, recordId });
    }
  }

  document.addEventListener('click', event => send(/** @type {Element} */ (event.target)));

  window.addEventListener('message', event => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'status' && status) status.textContent = String(message.text ?? '');
    if (message.type === 'press') {
      const buttons = document.querySelectorAll('button[data-action]');
      for (const b of Array.from(buttons)) {
        if (b.getAttribute('data-action') === message.action && b.getAttribute('data-record') === message.recordId) {
          /** @type {HTMLButtonElement} */ (b).click();
          return;
        }
      }
      vscode.postMessage({ type: 'pressFailed', action: message.action, recordId: message.recordId });
    }
  });

  // Remember what is shown, so VS Code can restore the panel after a reload.
  const subject = document.body.getAttribute('data-subject');
  vscode.setState({ subject });
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  vscode.postMessage({
    subject,
    type: 'ready',
    csp: meta ? meta.getAttribute('content') : null,
    rows: document.querySelectorAll('tbody tr').length,
  });
})();
