// The new-execution form: picking another commit or step reloads the form for it, and a value the browser refuses
// (out of range, missing) is shown at its field in words, as the server's own errors are.
(function () {
  'use strict';

  var picker = document.getElementById('pick-step');
  if (picker) {
    picker.querySelectorAll('select').forEach(function (select) {
      select.addEventListener('change', function () { picker.submit(); });
    });
  }

  var form = document.getElementById('new-execution');
  if (!form) { return; }

  function errorOf(field) {
    return document.getElementById('e-' + field.id);
  }

  // 'invalid' does not bubble: listen while capturing.
  form.addEventListener('invalid', function (event) {
    var error = errorOf(event.target);
    if (error) { error.textContent = event.target.validationMessage; }
  }, true);

  form.addEventListener('input', function (event) {
    var error = errorOf(event.target);
    if (error && event.target.validity && event.target.validity.valid) { error.textContent = ''; }
  });
}());
