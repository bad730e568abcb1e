// A table (or chart) wider than its box scrolls inside it: say so above it, and let the
// keyboard scroll it. The text comes from the page (<body data-scroll-hint="…">).
(function () {
  "use strict";
  var text = document.body.getAttribute("data-scroll-hint");
  if (!text) return;
  var boxes = document.querySelectorAll(".table-responsive, .matrix-wrap");

  function update() {
    boxes.forEach(function (box, i) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var hint = box.previousElementSibling;
      var has = hint && hint.classList.contains("scroll-hint");
      if (wide && !has) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.id = "scroll-hint-" + i;
        hint.textContent = text;
        box.parentNode.insertBefore(hint, box);
        box.setAttribute("aria-describedby", hint.id);
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("data-hint-focus", "1");
        }
      } else if (!wide && has) {
        hint.remove();
        box.removeAttribute("aria-describedby");
        if (box.getAttribute("data-hint-focus")) {
          box.removeAttribute("tabindex");
          box.removeAttribute("data-hint-focus");
        }
      }
    });
  }

  var timer;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(update, 150); });
  update();
})();
