// Submission form: list the chosen files with their sizes, flag those over the limit before
// the upload starts, and stop a second click from posting the form again.
(function () {
  "use strict";
  var form = document.getElementById("submission-form");
  if (!form) { return; }
  var input = form.querySelector("input[type=file]");
  var list = document.getElementById("chosen-files");
  var button = document.getElementById("submission-submit");

  function size(bytes) {
    if (bytes >= 1048576) { return (bytes / 1048576).toFixed(1).replace(".", ",") + " MB"; }
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  if (input && list) {
    input.addEventListener("change", function () {
      var max = parseInt(input.dataset.maxBytes || "0", 10);
      var maxFiles = parseInt(input.dataset.maxFiles || "0", 10);
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        item.textContent = file.name + " (" + size(file.size) + ")";
        if (max && file.size > max) {
          item.className = "text-danger";
          item.textContent += " – " + form.dataset.tooBig;
        }
        list.appendChild(item);
      });
      if (maxFiles && input.files.length > maxFiles) {
        var warn = document.createElement("li");
        warn.className = "text-danger";
        warn.textContent = form.dataset.tooMany + " (" + input.files.length + "/" + maxFiles + ")";
        list.appendChild(warn);
      }
    });
  }

  form.addEventListener("submit", function () {
    if (form.dataset.sent === "1") { return; }
    form.dataset.sent = "1";
    if (button) {
      // Disabled after this tick so the button's own value is still posted.
      window.setTimeout(function () {
        button.disabled = true;
        if (button.dataset.busyText) { button.textContent = button.dataset.busyText; }
      }, 0);
    }
  });
})();
