// The task page: parameters against the objective as scatter charts (uPlot), and the page reloaded while the task
// runs whenever its trials or status change.
(function () {
  'use strict';
  var FINAL = ['complete', 'stopped', 'error'];

  function numeric(values) {
    return values.every(function (v) { return typeof v === 'number'; });
  }

  function scatter(container, name, xs, ys, metric) {
    var holder = document.createElement('figure');
    holder.className = 'chart';
    holder.dataset.key = name;
    holder.dataset.points = String(xs.length);
    var caption = document.createElement('figcaption');
    caption.textContent = name;
    holder.appendChild(caption);
    container.appendChild(holder);
    var order = xs.map(function (x, i) { return i; }).sort(function (a, b) { return xs[a] - xs[b]; });
    var data = [order.map(function (i) { return xs[i]; }), order.map(function (i) { return ys[i]; })];
    /* global uPlot */
    new uPlot({
      width: Math.max(280, holder.clientWidth || 400), height: 220,
      scales: { x: { time: false } },
      series: [{ label: name }, { label: metric, stroke: '#2f6f5e', width: 0,
        points: { show: true, size: 8, fill: '#2f6f5e' } }],
      axes: [{ label: name }, { label: metric }]
    }, data, holder);
  }

  function charts(root, task) {
    var container = document.getElementById('task-charts');
    if (!container || typeof uPlot === 'undefined') { return; }
    var done = task.executions.filter(function (t) { return typeof t.objective === 'number'; });
    if (done.length === 0) { return; }
    Object.keys(done[0].parameters).forEach(function (name) {
      var xs = done.map(function (t) { return t.parameters[name]; });
      if (!numeric(xs)) { return; }
      scatter(container, name, xs, done.map(function (t) { return t.objective; }), root.dataset.metric);
    });
  }

  function taskPage(root) {
    var seen = null;
    function load() {
      fetch('/api/v1/tasks/' + root.dataset.id, { credentials: 'same-origin' })
        .then(function (response) { return response.json(); })
        .then(function (task) {
          var state = task.status + ':' + task.executions.map(function (t) { return t.status; }).join(',');
          if (seen === null) {
            charts(root, task);
          } else if (state !== seen) {
            window.location.reload();
            return;
          }
          seen = state;
          if (FINAL.indexOf(task.status) < 0) { window.setTimeout(load, 2000); }
        });
    }
    load();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var root = document.getElementById('task');
    if (root) { taskPage(root); }
  });
}());
