// Directive import pages. Everything works without this file; it only adds:
// - a confirmation before deleting a task or the draft (buttons with data-confirm);
// - a warning when a block is saved while another block of the page has unsaved changes,
//   and when leaving the page with unsaved changes;
// - the upload's size checked before sending, and no second click on a long submit;
// - "open all / fold all" for the folded tasks, a task opened when a link points at it, and after a
//   save that was refused, the first task with an error scrolled into view.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });

  var page = document.getElementById("import-draft");
  if (page) {
    var blocks = Array.prototype.slice.call(page.querySelectorAll("form.import-block"));
    var leaving = false;
    blocks.forEach(function (form) {
      var mark = function () { form.dataset.dirty = "1"; };
      form.addEventListener("input", mark);
      form.addEventListener("change", mark);
      form.addEventListener("submit", function (event) {
        var others = blocks.some(function (other) { return other !== form && other.dataset.dirty === "1"; });
        if (others && !window.confirm(page.dataset.unsaved)) {
          event.preventDefault();
          return;
        }
        leaving = true;
      });
    });
    var folds = Array.prototype.slice.call(page.querySelectorAll("details.import-fold"));
    var foldAll = page.querySelector(".import-fold-all");
    if (foldAll && folds.length) {
      foldAll.hidden = false;
      foldAll.addEventListener("click", function (event) {
        var button = event.target.closest("[data-fold]");
        if (!button) { return; }
        var open = button.dataset.fold === "open";
        folds.forEach(function (details) { details.open = open; });
      });
    }
    var reveal = function (id, scroll) {
      var target = id && document.getElementById(id);
      if (!target) { return; }
      var fold = target.matches("details.import-fold") ? target : target.querySelector(":scope > details.import-fold");
      if (fold) { fold.open = true; }
      for (var up = target.parentElement; up; up = up.parentElement) {
        if (up.tagName === "DETAILS") { up.open = true; }
      }
      if (scroll) {
        target.scrollIntoView();
        // A refused save: keyboard and screen-reader users land on the first field in error.
        var invalid = target.querySelector('[aria-invalid="true"], .is-invalid');
        if (invalid) { invalid.focus({ preventScroll: true }); }
      }
    };
    var fromHash = function () {
      try { return decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return ""; }
    };
    reveal(fromHash(), false);
    window.addEventListener("hashchange", function () { reveal(fromHash(), true); });
    if (page.dataset.scrollTo) {
      // After the browser's own scroll to the form's #anchor, which happens at load.
      reveal(page.dataset.scrollTo, false);
      window.addEventListener("load", function () {
        window.setTimeout(function () { reveal(page.dataset.scrollTo, true); }, 0);
      });
    }

    window.addEventListener("beforeunload", function (event) {
      if (leaving) { return; }
      if (blocks.some(function (form) { return form.dataset.dirty === "1"; })) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  var source = document.getElementById("import-source-form");
  if (source) {
    var input = source.querySelector("input[type=file]");
    var note = document.getElementById("import-file-note");
    if (input && note) {
      input.addEventListener("change", function () {
        var max = parseInt(input.dataset.maxBytes || "0", 10);
        var file = input.files && input.files[0];
        note.textContent = file && max && file.size > max ? source.dataset.tooBig : "";
      });
    }
  }

  ["import-source-form", "import-publish-form"].forEach(function (id) {
    var form = document.getElementById(id);
    if (!form) { return; }
    form.addEventListener("submit", function () {
      if (form.dataset.sent === "1") { return; }
      form.dataset.sent = "1";
      var button = form.querySelector("button[type=submit][data-busy-text]");
      if (button) {
        window.setTimeout(function () {
          button.disabled = true;
          button.textContent = button.dataset.busyText;
        }, 0);
      }
    });
  });
})();
