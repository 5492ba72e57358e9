// relais serve: reloads the page after each rebuild that changes it, and
// swaps the stylesheets when only CSS changed. Served by relais serve only.
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }
  var script = document.currentScript;
  var build = script && script.dataset.build ? "&build=" + encodeURIComponent(script.dataset.build) : "";
  // The stream is beside this script: under the site's base path, if any.
  var events = script && script.src ? new URL("events", script.src).pathname : "/_relais/events";
  var source = new EventSource(events + "?path=" + encodeURIComponent(location.pathname) + build);
  source.addEventListener("reload", function () {
    location.reload();
  });
  source.addEventListener("css", function () {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href);
      url.searchParams.set("relais", Date.now().toString());
      link.href = url.toString();
    });
  });
})();
