// Metric charts drawn with uPlot from the API's series (GET /api/v1/executions/{id}/metadata/series, downsampled
// on the server). On an execution page: one chart per key, asked again every 2 s while the execution runs. On the
// compare page: one chart per key with every compared execution's curve on it. Each chart's element carries what
// it shows (data-key, data-points, data-curves) and its uPlot instance (.uplot).
(function () {
  'use strict';

  var POLL_MILLIS = 2000;
  var FINAL = ['complete', 'error', 'stopped'];
  var COLOURS = ['#2f6f5e', '#1f5fbf', '#b3261e', '#8a6d00', '#6f3fa0', '#c2571a', '#00838f', '#5d6877',
    '#ad1457', '#2e7d32'];
  var AXIS_NAMES = { step: 'step', epoch: 'epoch', line: 'point #' };

  function series(id, points) {
    return fetch('/api/v1/executions/' + id + '/metadata/series?points=' + points, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      });
  }

  function chartWidth(holder) {
    return Math.max(240, holder.clientWidth - 4);
  }

  function options(key, xName, curves, width) {
    var lines = [{ label: xName }];
    curves.forEach(function (curve, i) {
      lines.push({ label: curve, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: true,
        points: { size: 4 } });
    });
    return {
      width: width,
      height: 220,
      scales: { x: { time: false } },
      axes: [{ label: xName, size: 40 }, { size: 56 }],
      series: lines,
      legend: { live: true }
    };
  }

  // A chart's element in `container`, made on first use: a figure with the key as caption.
  function figure(container, key) {
    var existing = container.querySelector('.chart[data-key="' + CSS.escape(key) + '"]');
    if (existing) { return existing; }
    var element = document.createElement('figure');
    element.className = 'chart';
    element.dataset.key = key;
    var caption = document.createElement('figcaption');
    caption.textContent = key;
    element.appendChild(caption);
    container.appendChild(element);
    return element;
  }

  function draw(element, key, xName, curves, data) {
    if (!element.uplot) {
      element.uplot = new uPlot(options(key, xName, curves, chartWidth(element)), data, element);
    } else {
      element.uplot.setData(data);
    }
    element.dataset.points = data[0].length;
    element.dataset.curves = curves.length;
  }

  function followWidth(container) {
    var pending = null;
    window.addEventListener('resize', function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        container.querySelectorAll('.chart').forEach(function (element) {
          if (element.uplot) { element.uplot.setSize({ width: chartWidth(element), height: 220 }); }
        });
      }, 150);
    });
  }

  function executionCharts(root) {
    var container = root.querySelector('.charts');
    var empty = document.getElementById('metrics-empty');
    var live = root.dataset.terminal !== 'true';
    followWidth(container);

    function show(answer) {
      answer.series.forEach(function (one) {
        draw(figure(container, one.key), one.key, AXIS_NAMES[one.x_axis], [one.key], [one.x, one.y]);
      });
      if (answer.series.length > 0) { empty.hidden = true; }
      return answer;
    }

    function load() {
      var started = Date.now();
      series(root.dataset.id, 1000).then(show).then(function (answer) {
        // Every ask reads the whole run on the server: a run of millions of points is asked less often.
        var wait = Math.max(POLL_MILLIS, 2 * (Date.now() - started));
        if (live && FINAL.indexOf(answer.status) < 0) { window.setTimeout(load, wait); }
      }).catch(function () {
        // A failed read (server restarting, network) is tried again while the execution may still run.
        if (live) { window.setTimeout(load, POLL_MILLIS * 2); }
      });
    }
    load();
  }

  function compareCharts(root) {
    var container = root.querySelector('.charts');
    var empty = document.getElementById('metrics-empty');
    var compared = Array.prototype.map.call(document.querySelectorAll('#compared tr[data-execution]'),
      function (row) { return { id: row.dataset.execution, label: row.dataset.label }; });
    followWidth(container);

    Promise.all(compared.map(function (execution) { return series(execution.id, 500); })).then(function (answers) {
      var keys = [];
      answers.forEach(function (answer) {
        answer.series.forEach(function (one) {
          if (keys.indexOf(one.key) < 0) { keys.push(one.key); }
        });
      });
      keys.forEach(function (key) {
        var tables = [];
        var curves = [];
        var axes = [];
        answers.forEach(function (answer, i) {
          var one = answer.series.find(function (s) { return s.key === key; });
          if (one) {
            tables.push([one.x, one.y]);
            curves.push(compared[i].label);
            if (axes.indexOf(AXIS_NAMES[one.x_axis]) < 0) { axes.push(AXIS_NAMES[one.x_axis]); }
          }
        });
        // One x array for all curves: each curve has nulls where another has points (spanGaps joins them).
        draw(figure(container, key), key, axes.join(' / '), curves, uPlot.join(tables));
      });
      empty.textContent = 'None of them printed numeric metadata.';
      empty.hidden = keys.length > 0;
    }).catch(function (error) {
      empty.textContent = 'The metrics could not be read: ' + error.message;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var metrics = document.getElementById('metrics');
    if (metrics) { executionCharts(metrics); }
    var compare = document.getElementById('compare-charts');
    if (compare) { compareCharts(compare); }
  });
}());
