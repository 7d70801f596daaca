// Progressive enhancement only: every page works without this file (see nojs.css).
document.addEventListener('DOMContentLoaded', () => {
  // DKFDS: the phone menu drawer, the "more" menu for items that do not fit, error summary
  // focus and links, accordions, tables.
  if (window.DKFDS && typeof window.DKFDS.init === 'function') window.DKFDS.init();

  // dkfds.js labels its "more" menu in Danish only; use the page's language.
  const nav = document.querySelector('.navigation-menu .nav[data-more-label]');
  const more = document.querySelector('.navigation-menu .more-option .more-button span');
  if (nav && more) more.textContent = nav.getAttribute('data-more-label');
});
