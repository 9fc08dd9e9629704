// lexenv HTML report: the filter bar (text, status, engine), preset from
// ?q=…&status=…&engine=… in the address. Without this script the page shows
// every case and the bar stays hidden.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var text = document.getElementById("f-text");
  var status = document.getElementById("f-status");
  var engine = document.getElementById("f-engine");
  var count = document.getElementById("f-count");
  var failing = ["fail", "fixed", "timeout", "limit", "crash"];
  var engines = [];
  document.querySelectorAll("[data-summary]").forEach(function (li) {
    engines.push(li.getAttribute("data-summary"));
  });
  engines.forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    option.textContent = name;
    engine.appendChild(option);
  });

  // Whether an element with data-statuses ("engine:status …"), data-agree
  // and data-text passes the filters.
  function matches(el, q, want, only) {
    if (q && (el.getAttribute("data-text") || "").indexOf(q) < 0) return false;
    if (!want) return true;
    if (want === "disagree") return el.getAttribute("data-agree") === "0";
    var pairs = (el.getAttribute("data-statuses") || "").split(" ");
    return pairs.some(function (pair) {
      var at = pair.indexOf(":");
      var e = pair.slice(0, at), s = pair.slice(at + 1);
      if (only && e !== only) return false;
      return want === "failing" ? failing.indexOf(s) >= 0 : s === want;
    });
  }

  function apply() {
    var q = text.value.trim().toLowerCase();
    var want = status.value, only = engine.value;
    var shown = 0, total = 0;
    document.querySelectorAll("tr[data-row]").forEach(function (row) {
      var ok = matches(row, q, want, only);
      row.hidden = !ok;
      if (!row.hasAttribute("data-run")) return;
      total += 1;
      if (ok) shown += 1;
    });
    document.querySelectorAll("article[data-case]").forEach(function (article) {
      var runs = article.querySelectorAll("section.run");
      var any = false;
      runs.forEach(function (run) {
        run.setAttribute("data-text", article.getAttribute("data-text"));
        var ok = matches(run, q, want, only);
        run.hidden = !ok;
        if (ok) any = true;
      });
      article.hidden = !any;
    });
    document.querySelectorAll("section.area").forEach(function (area) {
      area.hidden = !area.querySelector("tr[data-run]:not([hidden])");
    });
    count.textContent = "showing " + shown + " of " + total + " runs";
  }

  // Filters can be preset from the address: index.html?status=fail&engine=mini&q=tdz
  var params = new URLSearchParams(window.location.search);
  text.value = params.get("q") || "";
  status.value = params.get("status") || "";
  engine.value = params.get("engine") || "";

  [text, status, engine].forEach(function (input) {
    input.addEventListener("input", apply);
    input.addEventListener("change", apply);
  });
  form.hidden = false;
  apply();
  document.body.setAttribute("data-filter", "ready");
})();
