// marsad: draws an entity's network (its elements are in the JSON block #network-data) with the vendored cytoscape.js.
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("network"), data = document.getElementById("network-data");
    if (!box || !data || typeof cytoscape !== "function") return;
    var colours = { PERSON: "#f4c7a1", ORG: "#b9d7f0", GPE: "#c5e3b5", LOC: "#e3d1f0", MISC: "#eee3a6" };
    var elements = JSON.parse(data.textContent);
    var cy = cytoscape({
      container: box,
      elements: elements.nodes.concat(elements.edges),
      layout: { name: "concentric", concentric: function (n) { return n.data("centre") ? 2 : 1; },
                levelWidth: function () { return 1; }, minNodeSpacing: 18, animate: false },
      style: [
        { selector: "node", style: { "label": "data(label)", "background-color": function (n) { return colours[n.data("type")] || "#ddd"; },
          "border-width": 1, "border-color": "#8c8476", "font-family": "Noto Naskh Arabic, Noto Sans Arabic, sans-serif",
          "font-size": 12, "text-valign": "bottom", "text-margin-y": 3, "width": 18, "height": 18 } },
        { selector: "node[centre]", style: { "width": 30, "height": 30, "font-size": 15, "font-weight": "bold", "border-width": 2 } },
        { selector: "edge", style: { "width": function (e) { return Math.min(8, 0.6 + Math.log(1 + e.data("weight"))); },
          "line-color": "#b9b2a3", "opacity": 0.7 } }
      ],
      userZoomingEnabled: true, boxSelectionEnabled: false
    });
    cy.on("tap", "node", function (evt) {
      var key = evt.target.id();
      if (!evt.target.data("centre")) window.location.href = "/entity/" + encodeURIComponent(key);
    });
    box.setAttribute("data-drawn", String(cy.nodes().length));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
