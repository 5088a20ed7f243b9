// Suggestions while typing, and a print button: the page works without this script.
// Each field with data-suggest fills its <datalist> from the finder's JSON API, so the
// browser's own, accessible suggestion list shows them.
(function () {
  "use strict";

  function suggest(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var latest = "";
    if (!list) return;
    input.addEventListener("input", function () {
      var text = input.value.trim();
      window.clearTimeout(timer);
      if (text.length < 2 || text === latest) return;
      timer = window.setTimeout(function () {
        latest = text;
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (items) { if (text === latest) fill(list, items); })
          .catch(function () {});
      }, 250);
    });
  }

  function fill(list, items) {
    var seen = {};
    list.textContent = "";
    items.forEach(function (item) {
      var value = item.label || item.name;
      if (seen[value]) return;
      seen[value] = true;
      var option = document.createElement("option");
      option.value = value;
      list.appendChild(option);
    });
  }

  function printButton() {
    var item = document.querySelector(".hv-print-item");
    if (!item) return;
    item.hidden = false;
    item.querySelector("button").addEventListener("click", function () { window.print(); });
  }

  document.querySelectorAll("input[data-suggest]").forEach(suggest);
  printButton();
})();
