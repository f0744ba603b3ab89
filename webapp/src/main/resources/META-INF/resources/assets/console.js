// The console's live parts. Loaded on every page (no inline scripts: the CSP forbids them); each part looks for
// its own element and does nothing elsewhere.
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf"]');
    return meta ? meta.content : '';
  }

  function post(url) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf() } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.message || ('HTTP ' + response.status)); }
          return body;
        });
      });
  }

  function executionPage(root) {
    var id = root.dataset.id;
    var log = document.getElementById('log');
    var status = document.getElementById('status');
    var follow = true;

    // Follow the end of the log until the reader scrolls up; scrolling back to the end follows again.
    log.addEventListener('scroll', function () {
      follow = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    });

    function append(stream, text) {
      var span = document.createElement('span');
      span.className = 'log-' + stream;
      span.textContent = text;
      log.appendChild(span);
      if (follow) { log.scrollTop = log.scrollHeight; }
    }

    function show(state) {
      status.textContent = state;
      status.className = 'status status-' + state;
    }

    var events = new EventSource('/api/v1/executions/' + id + '/logs/stream');
    events.addEventListener('log', function (event) {
      var line = JSON.parse(event.data);
      append(line.stream, line.text);
    });
    events.addEventListener('status', function (event) {
      events.close();
      var ended = JSON.parse(event.data);
      show(ended.status);
      if (root.dataset.terminal !== 'true') {
        // Outputs, exit code and duration are known now: show the whole record.
        window.setTimeout(function () { window.location.reload(); }, 300);
      }
    });

    if (root.dataset.terminal !== 'true') {
      var poll = window.setInterval(function () {
        fetch('/api/v1/executions/' + id, { credentials: 'same-origin' })
          .then(function (response) { return response.json(); })
          .then(function (execution) {
            show(execution.status);
            if (['complete', 'error', 'stopped'].indexOf(execution.status) >= 0) { window.clearInterval(poll); }
          });
      }, 1000);
    }

    var stop = document.getElementById('stop');
    if (stop) {
      stop.addEventListener('click', function () {
        stop.disabled = true;
        post('/api/v1/executions/' + id + '/stop').then(function (execution) { show(execution.status); })
          .catch(function (error) { stop.disabled = false; window.alert(error.message); });
      });
    }
    var copy = document.getElementById('copy');
    if (copy) {
      copy.addEventListener('click', function () {
        copy.disabled = true;
        post('/api/v1/executions/' + id + '/copy').then(function (created) {
          window.location.href = '/projects/' + root.dataset.project + '/executions/' + created.counter;
        }).catch(function (error) { copy.disabled = false; window.alert(error.message); });
      });
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var execution = document.getElementById('execution');
    if (execution) { executionPage(execution); }
  });
}());
