/* actorgraph dashboard: draws the actor network (cytoscape) and tension charts (uPlot)
 * from the JSON the server embeds in each page. Every view has an HTML table beside it,
 * so nothing depends on this script but the drawing itself. */
(function () {
  "use strict";

  var COLOURS = { cooperation: "#2166ac", conflict: "#b2182b", mixed: "#8a8f96", tension: "#1d232b" };

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function pathPart(value) {
    return encodeURIComponent(value);
  }

  // ---- the actor network -------------------------------------------------------------
  function drawNetwork(container) {
    var graph = readJSON("network-data");
    if (!graph || !graph.nodes.length || typeof cytoscape !== "function") {
      return;
    }
    var base = container.getAttribute("data-base") || "";
    var info = document.getElementById("network-info");
    var heaviest = Math.max.apply(null, graph.nodes.map(function (n) { return n.weight; }).concat([1]));
    var strongest = Math.max.apply(null, graph.edges.map(function (e) { return e.weight; }).concat([1]));
    var count = graph.nodes.length;
    // Start from a circle in order of activity, so the layout comes out the same every time.
    var elements = graph.nodes.map(function (node, index) {
      var angle = (2 * Math.PI * index) / count;
      return {
        group: "nodes",
        data: {
          id: node.id,
          label: node.label,
          size: 16 + 38 * Math.sqrt(node.weight / heaviest),
          summary: node.label + " (" + node.id + "): " + node.weight + " events, " +
            node.conflict_in + " hostile received, " + node.conflict_out + " hostile sent"
        },
        position: { x: 300 * Math.cos(angle), y: 300 * Math.sin(angle) }
      };
    }).concat(graph.edges.map(function (edge) {
      return {
        group: "edges",
        classes: edge.kind,
        data: {
          id: "edge:" + edge.id,
          source: edge.source,
          target: edge.target,
          width: 1.5 + 7 * Math.sqrt(edge.weight / strongest),
          summary: edge.label + ": " + edge.cooperation + " cooperation, " + edge.conflict + " conflict"
        }
      };
    }));

    var cy = cytoscape({
      container: container,
      elements: elements,
      boxSelectionEnabled: false,
      autoungrabify: false,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "#3d6f9e",
            "border-color": "#ffffff",
            "border-width": 2,
            width: "data(size)",
            height: "data(size)",
            label: "data(label)",
            "font-size": 12,
            color: "#1d232b",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-outline-color": "#fbfcfd",
            "text-outline-width": 2
          }
        },
        {
          selector: "edge",
          style: {
            width: "data(width)",
            "line-color": COLOURS.mixed,
            "line-style": "dotted",
            "curve-style": "bezier",
            opacity: 0.8
          }
        },
        { selector: "edge.cooperation", style: { "line-color": COLOURS.cooperation, "line-style": "solid" } },
        { selector: "edge.conflict", style: { "line-color": COLOURS.conflict, "line-style": "dashed" } },
        { selector: ".hover", style: { opacity: 1, "border-color": "#f0a202", "border-width": 3, "z-index": 10 } },
        { selector: "edge.hover", style: { width: function (e) { return e.data("width") + 2; } } }
      ],
      layout: {
        name: "cose",
        animate: false,
        randomize: false,
        fit: true,
        padding: 30,
        // Lay out in a box of the container's shape, so a wide panel is used across its width.
        boundingBox: { x1: 0, y1: 0, w: Math.max(300, container.clientWidth), h: Math.max(200, container.clientHeight) },
        nodeRepulsion: function () { return 60000; },
        idealEdgeLength: function () { return 90; },
        gravity: 0.6,
        numIter: 1500
      }
    });

    cy.on("tap", "node", function (event) {
      window.location.href = base + "/actors/" + pathPart(event.target.id());
    });
    cy.on("tap", "edge", function (event) {
      var edge = event.target;
      window.location.href = base + "/dyads/" + pathPart(edge.data("source")) + "/" + pathPart(edge.data("target"));
    });
    cy.on("mouseover", "node, edge", function (event) {
      event.target.addClass("hover");
      container.style.cursor = "pointer";
      if (info) { info.textContent = event.target.data("summary"); }
    });
    cy.on("mouseout", "node, edge", function (event) {
      event.target.removeClass("hover");
      container.style.cursor = "";
    });
    window.addEventListener("resize", function () { cy.resize(); });
    window.actorgraph = window.actorgraph || {};
    window.actorgraph.network = cy;
    container.setAttribute("data-ready", "true");
  }

  // ---- tension charts ---------------------------------------------------------------
  function drawChart(container) {
    var series = readJSON(container.getAttribute("data-series"));
    if (!series || !series.period.length || typeof uPlot !== "function") {
      return;
    }
    var times = series.period.map(function (day) { return Date.parse(day + "T00:00:00Z") / 1000; });
    var period = container.getAttribute("data-period") || "week";
    function width() { return Math.max(280, container.clientWidth); }
    var options = {
      width: width(),
      height: 280,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      series: [
        { label: period.charAt(0).toUpperCase() + period.slice(1) + " of" },
        { label: "Conflict", stroke: COLOURS.conflict, width: 2, fill: "rgba(178, 24, 43, 0.08)" },
        { label: "Cooperation", stroke: COLOURS.cooperation, width: 2, fill: "rgba(33, 102, 172, 0.08)" },
        { label: "Tension", stroke: COLOURS.tension, width: 2, dash: [6, 4] }
      ],
      axes: [{}, { label: "summed intensity", size: 60 }]
    };
    var chart = new uPlot(options, [times, series.conflict, series.cooperation, series.tension], container);
    window.addEventListener("resize", function () { chart.setSize({ width: width(), height: 280 }); });
    window.actorgraph = window.actorgraph || {};
    window.actorgraph.charts = (window.actorgraph.charts || []).concat([chart]);
    container.setAttribute("data-ready", "true");
  }

  function start() {
    var network = document.getElementById("network");
    if (network) { drawNetwork(network); }
    Array.prototype.forEach.call(document.querySelectorAll("[data-series]"), drawChart);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
