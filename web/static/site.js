// probity's own script, beside htmx: when an htmx request fails (an error
// page, or no answer at all), the browser does what it does without
// JavaScript — it submits the form or follows the link and shows the whole
// page, error message and all. Nothing else is done here.
"use strict";
(function () {
  function fallback(e) {
    var elt = e.detail && e.detail.elt;
    if (elt instanceof HTMLFormElement) {
      HTMLFormElement.prototype.submit.call(elt); // no submit event: htmx stays out
    } else if (elt instanceof HTMLAnchorElement) {
      window.location.assign(elt.href);
    }
  }
  document.addEventListener("htmx:responseError", fallback);
  document.addEventListener("htmx:sendError", fallback);
})();
