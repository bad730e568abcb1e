// Review form: returning a submission needs a comment; say so before the round trip.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form) { return; }
  var comment = form.querySelector("textarea[name=comment]");
  var back = document.getElementById("review-return");
  if (!comment || !back) { return; }
  back.addEventListener("click", function (event) {
    if (comment.value.trim() === "") {
      event.preventDefault();
      comment.classList.add("is-invalid");
      comment.setAttribute("aria-invalid", "true");
      comment.focus();
    }
  });
  comment.addEventListener("input", function () {
    comment.classList.remove("is-invalid");
    comment.removeAttribute("aria-invalid");
  });
})();
