// The dashboard's "Last digest" card, the history under it and the "Next digest" line, kept
// current without a reload. Asks the server for the card (with its digest's history row and
// the "Next digest" line) every few seconds while the card is live (being made, or waiting
// for a retry), every minute otherwise while the tab is seen, just after the next digest's
// time (the line's data-due-in, in seconds from when it came) and every few seconds for a
// while after it (its digest is being made, and the line moves on to the one after, maybe
// before the digest's row is ready: the watch goes on until the row comes), and at
// once whenever "send now" changes state (send_now.js says so with a "gda:send-now" event)
// or the tab is looked at again. Each element that comes back replaces the one with its id;
// a history row the page lacks (a new digest) goes to the top of the history, on its first
// page only. No inline script (CSP).
(function () {
  "use strict";
  var LIVE_MS = 5000;
  var IDLE_MS = 60000;
  var AFTER_DUE_MS = 1000; // ask this long after the next digest's time
  var DUE_WATCH_MS = 180000; // and every LIVE_MS this long after it, until it moves on
  var timer = null;
  var dueAt = null; // when the next digest is due, on this browser's clock (ms), or null
  // Until when to keep asking every few seconds after a due time passed: the line may move on
  // before that digest's row is ready (the row ends the watch).
  var watchUntil = 0;

  function card() { return document.getElementById("last-digest"); }

  // The server says how many seconds are left, so a browser clock that is off does not matter.
  function readDue() {
    var line = document.getElementById("next-digest");
    var left = line ? parseInt(line.getAttribute("data-due-in"), 10) : NaN;
    if (dueAt !== null && Date.now() >= dueAt) {
      watchUntil = Math.max(watchUntil, dueAt + DUE_WATCH_MS);
    }
    dueAt = isNaN(left) ? null : Date.now() + left * 1000;
  }

  function later(ms) {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(refresh, ms);
  }

  function next() {
    var slot = card();
    if (!slot) return;
    var wait = slot.hasAttribute("data-live") ? LIVE_MS : IDLE_MS;
    if (dueAt !== null) {
      var until = dueAt - Date.now();
      if (until > 0) wait = Math.min(wait, until + AFTER_DUE_MS);
      else if (until > -DUE_WATCH_MS) wait = LIVE_MS;
    }
    if (Date.now() < watchUntil) wait = Math.min(wait, LIVE_MS);
    later(wait);
  }

  // Only the card, history rows and the "Next digest" line are taken: anything else (a login
  // page after the session expired) leaves the page as it is.
  var TAKEN = /^(last-digest|next-digest|digest-\d+)$/;
  var asked = 0; // the newest request: an older answer arriving late is dropped

  // Same id: take the fresh attributes and content (the card keeps its live region); unchanged
  // content is left alone (only the seconds to the next digest change at every answer), so a
  // screen reader does not hear it again.
  function swap(old, fresh) {
    if (old.outerHTML === fresh.outerHTML) return;
    Array.prototype.slice.call(old.attributes).forEach(function (attr) {
      if (!fresh.hasAttribute(attr.name)) old.removeAttribute(attr.name);
    });
    Array.prototype.forEach.call(fresh.attributes, function (attr) {
      old.setAttribute(attr.name, attr.value);
    });
    if (old.innerHTML !== fresh.innerHTML) old.innerHTML = fresh.innerHTML;
  }

  // A digest the history does not show yet: newest first, so at the top (first page only).
  function add(fresh) {
    var history = document.getElementById("history");
    if (!history || !history.hasAttribute("data-newest-first")) return;
    if (!fresh.classList.contains("digest-row")) return;
    var empty = history.querySelector(".empty");
    if (empty) empty.remove();
    history.insertBefore(document.importNode(fresh, true), history.firstChild);
    watchUntil = 0; // the digest that was due has come
  }

  function take(fresh) {
    if (!TAKEN.test(fresh.id)) return;
    var old = document.getElementById(fresh.id);
    if (old) swap(old, fresh);
    else add(fresh);
  }

  function refresh() {
    if (timer) window.clearTimeout(timer); // an event came first: one request, not two
    timer = null;
    var slot = card();
    if (!slot) return;
    if (document.hidden) return; // "visibilitychange" asks again when the tab is seen
    var mine = ++asked;
    fetch(slot.getAttribute("data-url"), {
      headers: { Accept: "text/html" },
      credentials: "same-origin",
    })
      .then(function (response) {
        // a redirect is the login page of an expired session, not the card
        if (!response.ok || response.redirected) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        if (mine !== asked) return; // a newer request is on its way
        var doc = new DOMParser().parseFromString(html, "text/html");
        Array.prototype.forEach.call(doc.querySelectorAll("[id]"), function (fresh) {
          if (fresh.parentNode === doc.body) take(fresh);
        });
        readDue();
        next();
      })
      .catch(function () { later(LIVE_MS * 3); });
  }

  document.addEventListener("gda:send-now", function () { refresh(); });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) refresh();
  });
  readDue();
  next();
})();
