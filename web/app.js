// Progressive enhancement only: every page works without this file (see nojs.css).
document.addEventListener('DOMContentLoaded', () => {
  // DKFDS: the phone menu drawer, error summary focus and links, accordions, tables.
  if (window.DKFDS && typeof window.DKFDS.init === 'function') window.DKFDS.init();
});
