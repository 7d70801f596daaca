/*
 * Quick exit for the citizen site. The button (a plain link to the neutral page, so it works
 * without JavaScript) and three presses of the Shift key within five seconds both blank the
 * page at once and replace the current history entry with the neutral page. A Shift press
 * counts only when no other key was pressed while it was held (so typing capitals does not
 * count), and a visible indicator shows the presses. Nothing is stored.
 */
(function () {
  'use strict';
  var link = document.getElementById('quick-exit');
  if (!link) return;
  var destination = link.getAttribute('href');
  var indicator = document.getElementById('exit-presses');
  var template = indicator ? indicator.getAttribute('data-template') || '{count}' : '{count}';
  var WINDOW_MS = 5000;
  var presses = [];
  var shiftDown = false;
  var otherKeyWhileShift = false;
  var hideTimer = null;
  var leaving = false;

  function leave() {
    if (leaving) return;
    leaving = true;
    document.documentElement.className += ' exiting';
    document.title = '';
    if (document.body) document.body.innerHTML = '';
    window.location.replace(destination);
  }

  function showPresses(count) {
    if (!indicator) return;
    indicator.textContent = template.replace('{count}', String(count));
    indicator.hidden = false;
    if (hideTimer) clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      indicator.hidden = true;
      indicator.textContent = '';
      presses = [];
    }, WINDOW_MS);
  }

  link.addEventListener('click', function (event) {
    event.preventDefault();
    leave();
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Shift') {
      if (!event.repeat) {
        shiftDown = true;
        otherKeyWhileShift = false;
      }
    } else if (shiftDown) {
      otherKeyWhileShift = true;
    }
  });

  document.addEventListener('keyup', function (event) {
    if (event.key !== 'Shift') return;
    var counted = shiftDown && !otherKeyWhileShift;
    shiftDown = false;
    if (!counted) return;
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < WINDOW_MS; });
    presses.push(now);
    showPresses(presses.length);
    if (presses.length >= 3) leave();
  });

  // Coming back to this page from the browser's memory after leaving shows nothing.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && leaving) window.location.replace(destination);
  });
})();
