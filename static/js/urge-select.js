// Choosing what to urge on a page that posts to reminders:urge_many: the dashboard's overdue
// list (rows) and the reviewer's home page (units). Each form marked data-urge-select gets
// the checkboxes tied to it (inside it, or outside with form="its id"); its button
// ([data-urge-button]) shows how many are chosen ([data-urge-count]) and stays disabled
// while none is; data-urge-all names a "choose all" checkbox. Without this script the form
// still posts whatever is ticked.
(function () {
  "use strict";
  function setUp(form) {
    var boxes = Array.prototype.filter.call(document.querySelectorAll("input[type=checkbox][name=assignment]"),
      function (b) { return b.form === form; });
    var button = form.querySelector("[data-urge-button]") ||
      document.querySelector("[data-urge-button][form='" + form.id + "']");
    if (!button || !boxes.length) { return; }
    var count = button.querySelector("[data-urge-count]");
    var all = form.getAttribute("data-urge-all") ? document.getElementById(form.getAttribute("data-urge-all")) : null;

    function refresh() {
      var chosen = boxes.filter(function (b) { return b.checked; }).length;
      if (count) { count.textContent = count.hasAttribute("data-bare") ? String(chosen) : "(" + chosen + ")"; }
      button.disabled = chosen === 0;
      if (all) {
        all.checked = chosen === boxes.length;
        all.indeterminate = chosen > 0 && chosen < boxes.length;
      }
    }
    boxes.forEach(function (b) { b.addEventListener("change", refresh); });
    if (all) {
      all.addEventListener("change", function () {
        boxes.forEach(function (b) { b.checked = all.checked; });
        refresh();
      });
    }
    refresh();
  }
  Array.prototype.forEach.call(document.querySelectorAll("form[data-urge-select]"), setUp);
})();
