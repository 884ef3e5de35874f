// "Send a digest now" with live progress: posts the form, then polls the status endpoint
// until the digest is done (a link to it) or failed (the reason, and a link: the digest, or
// the preferences when the search is to fix). While a failed run waits to be tried again the
// button stays off and the line says when and why. Each change of state is announced as a
// "gda:send-now" event, so the "Last digest" card (last_digest.js) follows. At the hour's
// limit (a status with "limit") the button is off and a line says when it is back; at that
// time the status is asked again and the button returns if the server agrees. No inline
// script (CSP).
(function () {
  "use strict";
  var form = document.querySelector("form.send-now");
  if (!form) return;
  var statusUrl = form.getAttribute("data-status-url");
  var output = form.querySelector(".send-now-status");
  var button = form.querySelector("button");
  var note = form.querySelector(".send-now-limit");
  var ACTIVE = { queued: true, reading: true, analysing: true, sending: true, waiting: true };
  var timer = null;
  var limitTimer = null;
  var limited = !note.hidden;

  function setButton() {
    button.disabled = limited || !!ACTIVE[form.getAttribute("data-state")];
  }

  // Shows or clears the hour's limit; when it runs out, asks the server whether it has.
  function showLimit(limit) {
    if (limitTimer) window.clearTimeout(limitTimer);
    limitTimer = null;
    limited = !!limit;
    note.textContent = limit ? limit.label : "";
    note.hidden = !limit;
    if (limit) {
      button.setAttribute("aria-describedby", note.id);
      limitTimer = window.setTimeout(recheck, (limit.seconds + 1) * 1000);
    } else {
      button.removeAttribute("aria-describedby");
    }
    setButton();
  }

  function recheck() {
    fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) { showLimit(status.limit); })
      .catch(function () { limitTimer = window.setTimeout(recheck, 10000); });
  }

  function show(status) {
    // A refused press is the limit itself: the limit line says it once.
    var refusedAtLimit = status.state === "refused" && status.limit;
    output.textContent = refusedAtLimit ? "" : status.label || "";
    if (status.url) {
      var link = document.createElement("a");
      link.href = status.url;
      link.textContent = status.link || "Open the digest";
      link.className = "send-now-link";
      output.appendChild(document.createTextNode(" "));
      output.appendChild(link);
    }
    var changed = form.getAttribute("data-state") !== (status.state || "");
    form.setAttribute("data-state", status.state || "");
    showLimit(status.limit);
    // The "Last digest" card (last_digest.js) follows: a retry may have succeeded or stopped.
    if (changed) document.dispatchEvent(new CustomEvent("gda:send-now", { detail: status }));
  }

  function poll(job) {
    fetch(statusUrl + "?job=" + encodeURIComponent(job), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        show(status);
        // A retry waits minutes: look less often meanwhile.
        var wait = status.state === "waiting" ? 5000 : 1000;
        if (ACTIVE[status.state]) timer = window.setTimeout(function () { poll(job); }, wait);
      })
      .catch(function () { timer = window.setTimeout(function () { poll(job); }, 3000); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (timer) window.clearTimeout(timer);
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      headers: { Accept: "application/json", "X-CSRFToken": token },
      credentials: "same-origin",
    })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        show(status);
        if (status.job && ACTIVE[status.state]) poll(status.job);
      })
      .catch(function () {
        output.textContent = "Could not reach the server; try again.";
        button.disabled = false;
      });
  });

  var job = form.getAttribute("data-job");
  if (job && output.textContent.trim()) poll(job);
  if (limited) {
    limitTimer = window.setTimeout(recheck, (Number(note.getAttribute("data-seconds")) + 1) * 1000);
  }
})();
