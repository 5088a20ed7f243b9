// Suggestions while typing an occupation or a town, as the browser's own list (a
// <datalist>). Only an addition: without this script the form works the same, and
// ambiguous words are offered as choices on the next page.
(function () {
  "use strict";

  function enhance(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { suggest(input, list); }, 200);
    });

    function suggest() {
      var text = input.value.trim();
      if (text.length < 2 || text === asked) return;
      asked = text;
      var url = input.dataset.suggest + "?q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { fill(list, data.results, input.dataset.suggestLabel); })
        .catch(function () { /* no suggestions: the form still works */ });
    }
  }

  function fill(list, results, label) {
    list.replaceChildren.apply(list, results.map(function (result) {
      var option = document.createElement("option");
      option.value = result[label];
      return option;
    }));
  }

  document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
