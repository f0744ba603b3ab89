// Uploads a package of code from the commits page. The file is sent as the request body, as the API takes it, so
// the server streams it to storage; a refusal is shown at the file field.
(function () {
  'use strict';

  var form = document.getElementById('upload');
  if (!form) { return; }
  var file = document.getElementById('package');
  var error = document.getElementById('upload-error');
  var button = document.getElementById('upload-button');

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
      headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/octet-stream', 'Accept': 'application/json' },
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
