// The "file is being prepared" page (downloads/templates/downloads/job.html): asks the job's
// status address every few seconds, moves the progress bar and text, and reloads the page once
// the file is ready or the export failed. Without JavaScript the page's "Refresh" link does.
(function () {
  "use strict";
  var box = document.querySelector("[data-export-status]");
  if (!box || !window.fetch) {
    return;
  }
  var statusUrl = box.getAttribute("data-export-status");
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-export-text]");
  var INTERVAL = 2000;

  function show(state) {
    if (state.status !== "queued" && state.status !== "running") {
      window.location.reload();
      return false;
    }
    if (state.rows_total) {
      bar.max = state.rows_total;
      bar.value = state.rows_done;
      bar.textContent = Math.floor((100 * state.rows_done) / state.rows_total) + " %";
    }
    if (text.textContent !== state.text) {
      text.textContent = state.text;
    }
    return true;
  }

  function poll() {
    fetch(statusUrl, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) {
        return response.json();
      })
      .then(function (state) {
        if (show(state)) {
          window.setTimeout(poll, INTERVAL);
        }
      })
      .catch(function () {
        window.setTimeout(poll, INTERVAL * 3);
      });
  }

  window.setTimeout(poll, INTERVAL);
})();
