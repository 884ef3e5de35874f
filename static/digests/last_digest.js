// The dashboard's "Last digest" card while it is live (being made, or waiting for a retry):
// asks the server for the card again every few seconds, and at once whenever "send now"
// changes state (send_now.js says so with a "gda:send-now" event), and swaps in the card and
// the history row of its digest, matched by id, until the card settles. No inline script (CSP).
(function () {
  "use strict";
  var EVERY_MS = 5000;
  var timer = null;

  function card() { return document.getElementById("last-digest"); }

  function later(ms) {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(refresh, ms);
  }

  // Same id: take the fresh attributes and content (the card keeps its live region).
  function swap(fresh) {
    var old = fresh.id ? document.getElementById(fresh.id) : null;
    if (!old) return;
    Array.prototype.slice.call(old.attributes).forEach(function (attr) {
      if (!fresh.hasAttribute(attr.name)) old.removeAttribute(attr.name);
    });
    Array.prototype.forEach.call(fresh.attributes, function (attr) {
      old.setAttribute(attr.name, attr.value);
    });
    old.innerHTML = fresh.innerHTML;
  }

  function refresh() {
    if (timer) window.clearTimeout(timer); // an event came first: one request, not two
    timer = null;
    var slot = card();
    if (!slot) return;
    fetch(slot.getAttribute("data-url"), {
      headers: { Accept: "text/html" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        Array.prototype.forEach.call(doc.querySelectorAll("[id]"), function (fresh) {
          if (fresh.parentNode === doc.body) swap(fresh);
        });
        if (card() && card().hasAttribute("data-live")) later(EVERY_MS);
      })
      .catch(function () { later(EVERY_MS * 3); });
  }

  document.addEventListener("gda:send-now", function () { refresh(); });
  var slot = card();
  if (slot && slot.hasAttribute("data-live")) later(EVERY_MS);
})();
