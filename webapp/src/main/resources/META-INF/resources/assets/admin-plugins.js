// Uninstalling deletes the plugin's jar, so the admin plugins page asks first. (Uploads go through upload.js.)
(function () {
  'use strict';

  Array.prototype.forEach.call(document.querySelectorAll('form.plugin-uninstall-form'), function (uninstall) {
    uninstall.addEventListener('submit', function (event) {
      if (!window.confirm('Uninstall ' + uninstall.elements.id.value + '? Its jar is deleted from the plugins folder.')) {
        event.preventDefault();
      }
    });
  });
}());
