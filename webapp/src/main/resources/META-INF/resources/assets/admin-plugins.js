// Uploads a plugin jar from the admin plugins page. The file is sent as the raw request body, so the server streams
// it to a temporary file and checks it there; a refusal is shown at the file field, success reloads the list.
// Uninstalling deletes the plugin's jar, so it is confirmed first.
(function () {
  'use strict';

  Array.prototype.forEach.call(document.querySelectorAll('form.plugin-uninstall-form'), function (uninstall) {
    uninstall.addEventListener('submit', function (event) {
      if (!window.confirm('Uninstall ' + uninstall.elements.id.value + '? Its jar is deleted from the plugins folder.')) {
        event.preventDefault();
      }
    });
  });

  var form = document.getElementById('plugin-upload');
  if (!form) { return; }
  var file = document.getElementById('plugin-file');
  var error = document.getElementById('plugin-upload-error');
  var button = document.getElementById('plugin-upload-button');

  function csrf() {
    var meta = document.querySelector('meta[name="csrf"]');
    return meta ? meta.content : '';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!file.files.length) { return; }
    error.textContent = '';
    button.disabled = true;
    button.textContent = 'Uploading…';
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/java-archive', 'Accept': 'application/json' },
      body: file.files[0]
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.message || ('HTTP ' + response.status)); }
        window.location.assign(body.location);
      }, function () {
        throw new Error(response.status === 403
          ? 'The page is out of date: reload it and try again.' : 'The upload failed (HTTP ' + response.status + ').');
      });
    }).catch(function (failure) {
      error.textContent = failure.message;
      button.disabled = false;
      button.textContent = 'Upload';
    });
  });
}());
