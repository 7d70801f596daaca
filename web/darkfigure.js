// Progressive enhancement for the hidden-number bootstrap's status page: polls the job API and
// moves the <progress> bar, then reloads the page once the run has finished. Without this file
// the page refreshes itself (a <meta> refresh inside <noscript>) and has an "Update status" link.
document.addEventListener('DOMContentLoaded', () => {
  const bar = document.querySelector('progress[data-job-url]');
  if (!bar) return;
  const url = bar.getAttribute('data-job-url');
  const template = bar.getAttribute('data-progress-template') || '{done} / {total}';
  const text = document.getElementById('darkfigure-progress-text');
  const status = document.getElementById('darkfigure-status');
  const runningText = bar.getAttribute('data-running-text');
  const number = new Intl.NumberFormat(document.documentElement.lang || 'da');
  let failures = 0;

  const show = (done, total) => {
    if (!total) return;
    bar.max = total;
    bar.value = done;
    const label = template.replace('{done}', number.format(done)).replace('{total}', number.format(total));
    bar.textContent = label;
    if (text) text.textContent = label;
  };

  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      const run = await response.json();
      show(run.progressDone, run.progressTotal);
      if (run.status === 'running' && status && runningText && status.textContent !== runningText) status.textContent = runningText;
      if (run.status !== 'queued' && run.status !== 'running') {
        window.location.reload();
        return;
      }
      failures = 0;
    } catch {
      // A lost connection or an expired session: stop after a few tries; the link still works.
      failures += 1;
      if (failures > 5) return;
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 500);
});
