// llm-extract events page: filters, and the network and timeline drawn from #events-data.
// Positions and per-event facts come from Python; this script only filters, counts and draws.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("events-data").textContent);
  var byId = {};
  data.events.forEach(function (e) { byId[e.id] = e; });
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.event"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("#actors tbody tr"));
  var from = document.getElementById("f-from"), to = document.getElementById("f-to");
  var country = document.getElementById("f-country"), nodesMode = document.getElementById("f-nodes");
  var count = document.getElementById("f-count");
  var net = document.getElementById("network"), line = document.getElementById("timeline");
  var pickBox = document.getElementById("edge-pick"), pickText = document.getElementById("edge-pick-text");
  var picked = null;  // event ids of the clicked line, or null

  // A date may be a day, a month or a year: compare its first and last possible day as text.
  function first(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function last(d) { return d.length === 4 ? d + "-99-99" : d.length === 7 ? d + "-99" : d; }

  function passes(e) {
    if ((from.value || to.value) && !e.date) { return false; }
    if (from.value && last(e.date) < from.value) { return false; }
    if (to.value && first(e.date) > to.value) { return false; }
    if (country.value && e.countries.indexOf(country.value) < 0) { return false; }
    return true;
  }

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function clear(svg) { while (svg.firstChild) { svg.removeChild(svg.firstChild); } }
  function px(p) { return [40 + p.x * 920, 30 + p.y * 580]; }

  function drawNetwork(visible) {
    clear(net);
    var mode = nodesMode.value, nodes = data[mode], edges = {}, used = {};
    visible.forEach(function (e) {
      var ids = e[mode].slice().sort();
      ids.forEach(function (id) { used[id] = (used[id] || 0); });
      for (var i = 0; i < ids.length; i++) {
        for (var j = i + 1; j < ids.length; j++) {
          if (ids[i] === ids[j]) { continue; }
          var key = ids[i] + "|" + ids[j] + "|" + e.medium;
          var edge = edges[key] || (edges[key] = { a: ids[i], b: ids[j], medium: e.medium, events: [] });
          edge.events.push(e.id);
          used[ids[i]] += 1; used[ids[j]] += 1;
        }
      }
    });
    var perPair = {};
    Object.keys(edges).forEach(function (k) {
      var pair = edges[k].a + "|" + edges[k].b;
      (perPair[pair] = perPair[pair] || []).push(edges[k]);
    });
    var gEdges = el("g", { "class": "edges" }, net), gNodes = el("g", { "class": "nodes" }, net);
    Object.keys(perPair).forEach(function (pair) {
      var list = perPair[pair].sort(function (x, y) { return data.media.indexOf(x.medium) - data.media.indexOf(y.medium); });
      list.forEach(function (edge, k) {
        var a = px(nodes[edge.a]), b = px(nodes[edge.b]);
        var dx = b[0] - a[0], dy = b[1] - a[1], len = Math.sqrt(dx * dx + dy * dy) || 1;
        var shift = (k - (list.length - 1) / 2) * 7, ox = -dy / len * shift, oy = dx / len * shift;
        var n = edge.events.length;
        var ln = el("line", { "class": "edge md-" + edge.medium, x1: a[0] + ox, y1: a[1] + oy,
          x2: b[0] + ox, y2: b[1] + oy, "stroke-width": Math.min(2 + 2.5 * (n - 1), 14),
          "data-a": edge.a, "data-b": edge.b, "data-medium": edge.medium, "data-count": n,
          "data-events": edge.events.join(" ") }, gEdges);
        el("title", {}, ln).textContent = nodes[edge.a].label + " – " + nodes[edge.b].label + ": " +
          n + " " + edge.medium.replace("_", " ") + " contact" + (n === 1 ? "" : "s");
        ln.addEventListener("click", function () { pick(edge, ln); });
      });
    });
    // Past LABELS nodes, only the most connected are labelled; every node has its tooltip.
    var ids = Object.keys(used).sort(), LABELS = 60;
    var ranked = ids.slice().sort(function (x, y) { return used[y] - used[x] || (x < y ? -1 : 1); });
    var labelled = {};
    ranked.slice(0, LABELS).forEach(function (id) { labelled[id] = true; });
    ids.forEach(function (id) {
      var p = px(nodes[id]), g = el("g", { "class": "node", "data-node": id }, gNodes);
      el("circle", { cx: p[0], cy: p[1], r: 5 + 2 * Math.sqrt(used[id]) }, g);
      if (labelled[id]) {
        el("text", { x: p[0] + 9, y: p[1] + 4 }, g).textContent = nodes[id].label;
      }
      el("title", {}, g).textContent = nodes[id].label + (nodes[id].renderings.length ?
        "\n" + nodes[id].renderings.join("; ") : "");
    });
  }

  function drawTimeline(visible) {
    clear(line);
    var dated = data.events.filter(function (e) { return e.date; });
    var undated = visible.filter(function (e) { return !e.date; }).length;
    document.getElementById("undated").textContent = undated ?
      undated + " shown event(s) have no date and are not on the timeline." : "";
    if (!dated.length) { return; }
    var days = dated.map(function (e) { return Date.parse(first(e.date)); });
    var lo = Math.min.apply(null, days), hi = Math.max.apply(null, days), span = (hi - lo) || 1;
    function x(e) { return 60 + (Date.parse(first(e.date)) - lo) / span * 900; }
    data.media.forEach(function (m, i) {
      var y = 25 + i * 28;
      el("line", { "class": "axis", x1: 60, x2: 960, y1: y, y2: y }, line);
      el("text", { x: 2, y: y + 4 }, line).textContent = m.replace("_", " ");
    });
    [lo, hi].forEach(function (t, i) {
      el("text", { x: i ? 900 : 60, y: 142 }, line).textContent = new Date(t).toISOString().slice(0, 10);
    });
    visible.filter(function (e) { return e.date; }).forEach(function (e) {
      var dot = el("circle", { "class": "dot md-" + e.medium, cx: x(e),
        cy: 25 + data.media.indexOf(e.medium) * 28, r: 6, "data-event": e.id }, line);
      el("title", {}, dot).textContent = e.date + ": " + e.title;
      dot.addEventListener("click", function () {
        document.getElementById("ev-" + e.id).scrollIntoView({ block: "center" });
      });
    });
  }

  function pick(edge, ln) {
    picked = edge.events;
    Array.prototype.forEach.call(net.querySelectorAll(".edge.picked"), function (x) { x.classList.remove("picked"); });
    ln.classList.add("picked");
    pickText.textContent = data[nodesMode.value][edge.a].label + " – " + data[nodesMode.value][edge.b].label +
      ", " + edge.medium.replace("_", " ") + ": " + picked.length + " event(s) listed";
    pickBox.hidden = false;
    showCards();
  }

  function showCards() {
    var shown = 0;
    cards.forEach(function (card) {
      var e = byId[card.dataset.event];
      var ok = passes(e) && (!picked || picked.indexOf(e.id) >= 0);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + cards.length + " events";
  }

  function apply() {
    picked = null;
    pickBox.hidden = true;
    var visible = data.events.filter(passes);
    drawNetwork(visible);
    drawTimeline(visible);
    showCards();
    rows.forEach(function (row) { row.hidden = !!country.value && row.dataset.country !== country.value; });
  }
  [from, to, country, nodesMode].forEach(function (c) {
    c.addEventListener("change", apply);
    c.addEventListener("input", apply);
  });
  document.getElementById("edge-clear").addEventListener("click", apply);
  apply();
})();
