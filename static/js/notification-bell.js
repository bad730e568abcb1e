// The bell's count refreshes without a reload: asks notifications:count every minute while
// the page is visible (and at once when it becomes visible again). No third-party code.
(function () {
  "use strict";
  var link = document.getElementById("nav-notifications");
  var badge = document.getElementById("notification-count");
  if (!link || !badge || !link.dataset.countUrl || !window.fetch) { return; }
  var PERIOD = 60000;
  var timer = null;

  function update(data) {
    if (typeof data.unread !== "number") { return; }
    badge.textContent = data.unread ? String(data.unread) : "";
    badge.hidden = !data.unread;
    if (data.label) { link.setAttribute("aria-label", data.label); }
  }

  function ask() {
    fetch(link.dataset.countUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 401) { stop(); return null; } // signed out: stop asking
        return response.ok ? response.json() : null;
      })
      .then(function (data) { if (data) { update(data); } })
      .catch(function () { /* offline for a moment: the next tick tries again */ });
  }

  function start() {
    if (timer === null) { timer = window.setInterval(ask, PERIOD); }
  }

  function stop() {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) { stop(); } else { ask(); start(); }
  });
  start();
})();
