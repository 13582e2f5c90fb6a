// llm-extract report: filters and card/highlight linking. No offsets are computed here: the
// highlights were cut in Python (code points), which JS strings (UTF-16) would get wrong.
(function () {
  "use strict";
  var docs = Array.prototype.slice.call(document.querySelectorAll("article.doc"));
  var lang = document.getElementById("f-lang");
  var status = document.getElementById("f-status");
  var error = document.getElementById("f-error");
  var mistake = document.getElementById("f-mistake");
  var count = document.getElementById("f-count");

  function applyFilters() {
    var shown = 0;
    docs.forEach(function (doc) {
      var ok = (!lang.value || doc.dataset.lang === lang.value) &&
        (!status.value || doc.dataset.status.split(" ").indexOf(status.value) >= 0) &&
        (!error.checked || doc.dataset.error === "1") &&
        (!mistake || !mistake.checked || doc.dataset.mistake === "1");
      doc.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + docs.length + " articles";
  }
  [lang, status, error, mistake].forEach(function (el) {
    if (el) { el.addEventListener("change", applyFilters); }
  });

  function marksFor(doc, keys) {
    return Array.prototype.filter.call(doc.querySelectorAll("mark[data-hl]"), function (m) {
      return keys.indexOf(m.dataset.hl) >= 0;
    });
  }
  docs.forEach(function (doc) {
    var cards = Array.prototype.slice.call(doc.querySelectorAll(".card[data-keys]"));
    cards.forEach(function (card) {
      var keys = card.dataset.keys ? card.dataset.keys.split(" ") : [];
      var marks = marksFor(doc, keys);
      function toggle(on) {
        card.classList.toggle("active", on);
        marks.forEach(function (m) { m.classList.toggle("active", on); });
      }
      card.addEventListener("mouseenter", function () { toggle(true); });
      card.addEventListener("mouseleave", function () { toggle(false); });
      marks.forEach(function (m) {
        m.addEventListener("mouseenter", function () { toggle(true); });
        m.addEventListener("mouseleave", function () { toggle(false); });
        m.addEventListener("click", function () {
          card.scrollIntoView({ behavior: "smooth", block: "center" });
        });
      });
    });
  });
  applyFilters();
})();
