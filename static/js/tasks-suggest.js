// Submission form: (1) the stars of the fields required for the chosen kind follow the kind;
// (2) when a PDF or DOCX is chosen, the number and symbol, date and signer read from it are
// offered; the officer fills them in with one click and checks or corrects them.
(function () {
  "use strict";
  var form = document.getElementById("submission-form");
  if (!form) { return; }
  var kind = form.querySelector("select[name=kind]");

  function followKind() {
    if (!kind) { return; }
    form.querySelectorAll("[data-required-for]").forEach(function (el) {
      var needed = el.dataset.requiredFor.split(" ").indexOf(kind.value) !== -1;
      if (el.tagName === "SPAN") {
        el.hidden = !needed;
      } else if (needed) {
        el.setAttribute("aria-required", "true");
      } else {
        el.removeAttribute("aria-required");
      }
    });
  }
  if (kind) {
    kind.addEventListener("change", followKind);
    followKind();
  }

  var box = document.getElementById("suggestion");
  var input = form.querySelector("input[type=file]");
  if (!box || !input || !window.fetch || !window.FormData) { return; }
  var FIELDS = ["number_symbol", "issued_on", "signer"];

  function readable(file) {
    return /\.(pdf|docx)$/i.test(file.name);
  }

  function show(data) {
    box.textContent = "";
    var found = FIELDS.filter(function (name) { return data[name]; });
    if (!found.length) {
      box.textContent = data.error || box.dataset.nothing;
      return;
    }
    var title = document.createElement("p");
    title.className = "mb-1 fw-semibold";
    title.textContent = box.dataset.found + ":";
    box.appendChild(title);
    var list = document.createElement("ul");
    list.className = "mb-2";
    found.forEach(function (name) {
      var item = document.createElement("li");
      item.textContent = (box.getAttribute("data-label-" + name) || name) + ": " + data[name];
      list.appendChild(item);
    });
    box.appendChild(list);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-primary";
    button.id = "suggestion-apply";
    button.textContent = box.dataset.apply;
    button.addEventListener("click", function () {
      found.forEach(function (name) {
        var field = form.querySelector("[name=" + name + "]");
        if (field) { field.value = data[name]; }
      });
      var note = document.createElement("p");
      note.className = "mb-0 mt-2";
      note.textContent = box.dataset.applied;
      button.replaceWith(note);
      var first = form.querySelector("[name=" + found[0] + "]");
      if (first) { first.focus(); }
    });
    box.appendChild(button);
  }

  input.addEventListener("change", function () {
    var file = Array.prototype.find.call(input.files, readable);
    if (!file) {
      box.classList.add("d-none");
      return;
    }
    var body = new FormData();
    body.append("file", file);
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    box.classList.remove("d-none");
    box.textContent = box.dataset.reading;
    fetch(box.dataset.url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(show)
      .catch(function () { box.textContent = box.dataset.nothing; });
  });
})();
