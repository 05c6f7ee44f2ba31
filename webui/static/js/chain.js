/* The implementation chain drawn with the vendored Cytoscape.js: layered top-down
   (breadthfirst from the root), one colour per relation, click a node to open it.
   The instance is exposed as window.cancuCy for tests and the console. */
"use strict";
(function () {
  var C = window.cancu;
  var box = document.getElementById("cy");
  if (!box || typeof window.cytoscape !== "function") return;
  var url = box.dataset.api + "?" + new URLSearchParams({
    id: box.dataset.id, direction: box.dataset.direction, depth: box.dataset.depth}).toString();

  C.fetchJSON(url, {}, "chain").then(function (data) {
    var elements = [], level = {};
    data.nodes.forEach(function (n) { level[n.id] = n.level || 0; });
    data.nodes.forEach(function (n) {
      elements.push({data: {id: n.id, label: n.symbol || n.label || n.id, title: n.title || "",
                            root: n.id === data.root ? 1 : 0, known: n.known ? 1 : 0,
                            level: n.level || 0}});
    });
    data.edges.forEach(function (e, i) {
      var same = level[e.source] === level[e.target];
      elements.push({classes: same ? "same-level" : "",
                     data: {id: "e" + i, source: e.source, target: e.target, relation: e.relation,
                            color: C.REL_COLORS[e.relation] || "#9ca3af"}});
    });
    var cy = window.cytoscape({
      container: box,
      elements: elements,
      minZoom: 0.15,
      maxZoom: 2.5,
      style: [
        {selector: "node", style: {
          "shape": "round-rectangle", "background-color": "#ffffff", "border-width": 1.5,
          "border-color": "#94a3b8", "label": "data(label)", "text-wrap": "wrap",
          "text-max-width": 132, "font-size": 11, "text-valign": "center", "text-halign": "center",
          "width": 144, "height": 40, "color": "#1f2328"}},
        {selector: "node[root = 1]", style: {
          "background-color": "#9f1d20", "color": "#ffffff", "border-color": "#7f1518",
          "font-weight": "bold", "font-size": 12}},
        {selector: "node[known = 0]", style: {"border-style": "dashed", "color": "#6b7280"}},
        {selector: "node:selected", style: {"border-width": 3, "border-color": "#2563eb"}},
        {selector: "edge", style: {
          "width": 2, "line-color": "data(color)", "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.9}},
        // An edge inside one layer (a document reached twice) arcs below the row
        // instead of running through the nodes between its ends.
        {selector: "edge.same-level", style: {
          "curve-style": "unbundled-bezier", "control-point-distances": [-70],
          "control-point-weights": [0.5], "line-style": "dashed"}}
      ],
      layout: {
        name: "breadthfirst", directed: false, roots: [data.root], spacingFactor: 1.05,
        padding: 24, avoidOverlap: true, nodeDimensionsIncludeLabels: true,
        // Down: the root on top, implementers below. Up: bases above the root.
        transform: function (node, pos) {
          return data.direction === "up" ? {x: pos.x, y: -pos.y} : pos;
        }
      }
    });
    // A small chain must not be blown up to fill the box.
    if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(); }
    cy.on("tap", "node", function (ev) {
      window.location.href = C.docUrl(ev.target.id());
    });
    cy.on("mouseover", "node", function (ev) { box.title = ev.target.data("title") || ""; });
    cy.on("mouseout", "node", function () { box.title = ""; });
    window.cancuCy = cy;
    box.dataset.ready = "1";
  }, function (err) {
    box.textContent = err.message;
  });
})();
