// The report page follows its job: poll the JSON status and reload once it has finished.
(function () {
  var box = document.getElementById("report-status");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var status = box.getAttribute("data-status");
  var delay = (parseInt(box.getAttribute("data-poll-seconds"), 10) || 2) * 1000;
  if (status !== "queued" && status !== "running") { return; }
  var tries = 0;
  function poll() {
    tries += 1;
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.status !== status) { window.location.reload(); return; }
        // Back off slowly: a long render should not cost a request every two seconds.
        window.setTimeout(poll, Math.min(delay * (1 + tries / 10), 15000));
      })
      .catch(function () { window.setTimeout(poll, 15000); });
  }
  window.setTimeout(poll, delay);
})();
