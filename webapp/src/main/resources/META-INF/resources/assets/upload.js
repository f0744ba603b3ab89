// Uploads the file of every form marked data-raw-upload="<content type>" as the raw request body, as the API takes
// it, so the server streams it instead of parsing a multipart form; the form's .field-error shows a refusal, and
// success goes to the address the answer names (its "location").
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf"]');
    return meta ? meta.content : '';
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-raw-upload]'), function (form) {
    var file = form.querySelector('input[type=file]');
    var error = form.querySelector('.field-error');
    var button = form.querySelector('button[type=submit]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!file.files.length) { return; }
      error.textContent = '';
      button.disabled = true;
      button.textContent = 'Uploading…';
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': csrf(), 'Content-Type': form.dataset.rawUpload, 'Accept': 'application/json' },
        body: file.files[0]
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.message || ('HTTP ' + response.status)); }
          window.location.assign(body.location);
        }, function () {
          throw new Error(response.status === 403 ? 'The page is out of date: reload it and try again.'
            : 'The upload failed (HTTP ' + response.status + ').');
        });
      }).catch(function (failure) {
        error.textContent = failure.message;
        button.disabled = false;
        button.textContent = 'Upload';
      });
    });
  });
}());
