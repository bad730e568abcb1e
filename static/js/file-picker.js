// A file field with the portal's own "Chọn tệp…" button (in the page's language) in place of
// the browser's, whose text follows the browser's language. Without this script the browser's
// own control shows; the input stays the real, focusable control either way.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-file-picker]"), function (box) {
    var input = box.querySelector("input[type=file]");
    var status = box.querySelector("[data-file-status]");
    if (!input || !status) { return; }
    function show() {
      var n = input.files ? input.files.length : 0;
      // The names and sizes are listed under the field (tasks-upload.js); here only the count.
      // One file of a single-file field: its name.
      if (n === 1 && !input.multiple) { status.textContent = input.files[0].name; return; }
      status.textContent = n === 0 ? box.dataset.none : box.dataset.many.replace("%s", n);
    }
    input.addEventListener("change", show);
    show();
    box.classList.add("file-picker-ready");
  });
})();
