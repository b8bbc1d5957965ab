/* Draws the book's charts with the site's own vegaEmbed (from vega-bundle.js): no CDN.
 * The actions menu saves the chart as SVG or PNG and shows or downloads the data behind it;
 * the data is written as CSV text in a Blob, so nothing leaves the reader's browser. */
(function () {
  "use strict";
  var LABELS = {
    SVG_ACTION: "保存 SVG · Save as SVG",
    PNG_ACTION: "保存 PNG · Save as PNG",
    CLICK_TO_VIEW_ACTIONS: "图表操作 · Chart actions",
  };

  function cell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // Every dataset of the spec as one CSV: the union of their columns, rows in order.
  function csv(spec) {
    var rows = [];
    var datasets = spec.datasets || {};
    Object.keys(datasets).forEach(function (name) { rows = rows.concat(datasets[name]); });
    var columns = [];
    rows.forEach(function (row) {
      Object.keys(row).forEach(function (key) {
        if (columns.indexOf(key) < 0) { columns.push(key); }
      });
    });
    var lines = [columns.map(cell).join(",")];
    rows.forEach(function (row) {
      lines.push(columns.map(function (key) { return cell(row[key]); }).join(","));
    });
    return "\ufeff" + lines.join("\n") + "\n";
  }

  function link(menu, text, blob, filename) {
    var a = document.createElement("a");
    a.text = text;
    a.href = URL.createObjectURL(blob);
    if (filename) { a.download = filename; } else { a.target = "_blank"; a.rel = "noopener"; }
    menu.appendChild(a);
  }

  window.carbonChart = function (id, spec) {
    var draw = function () {
      var element = document.getElementById(id);
      window.vegaEmbed(element, spec, {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
        i18n: LABELS,
      }).then(function () {
        var summary = element.querySelector("details > summary");
        if (summary) { summary.setAttribute("aria-label", LABELS.CLICK_TO_VIEW_ACTIONS); }
        var menu = element.querySelector(".vega-actions");
        if (!menu) { return; }
        var text = csv(spec);
        link(menu, "查看数据 · View data", new Blob([text], { type: "text/plain;charset=utf-8" }));
        link(menu, "下载数据 CSV · Download data", new Blob([text], { type: "text/csv" }), id + ".csv");
      });
    };
    if (window.vegaEmbed) { draw(); } else { window.addEventListener("load", draw); }
  };
})();
