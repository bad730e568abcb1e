// The overdue list's row choice for urging several units: "all" toggles the rows of the page,
// the button shows how many are chosen and stays disabled while none is.
(function () {
  "use strict";
  var all = document.getElementById("urge-select-all");
  var button = document.getElementById("urge-many-button");
  var count = document.getElementById("urge-many-count");
  var boxes = document.querySelectorAll("input[form=urge-many-form][name=assignment]");
  if (!button || !boxes.length) { return; }

  function refresh() {
    var chosen = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
    if (count) { count.textContent = String(chosen); }
    button.disabled = chosen === 0;
    if (all) {
      all.checked = chosen === boxes.length;
      all.indeterminate = chosen > 0 && chosen < boxes.length;
    }
  }
  Array.prototype.forEach.call(boxes, function (b) { b.addEventListener("change", refresh); });
  if (all) {
    all.addEventListener("change", function () {
      Array.prototype.forEach.call(boxes, function (b) { b.checked = all.checked; });
      refresh();
    });
  }
  refresh();
})();
