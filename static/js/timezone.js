// The browser's time zone, so a digest "at 08:00" means the person's 08:00. Nothing is saved
// until they press a button.
// - [data-suggest-browser-zone] (a new schedule's zone field): set to the browser's zone.
// - [data-offer-browser-zone] (the dashboard): shown, with the browser's zone filled in, when
//   it differs from the person's zone (data-current).
(function () {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;

  const offer = document.querySelector("[data-offer-browser-zone]");
  if (offer && offer.dataset.current !== zone) {
    offer.querySelectorAll("[data-browser-zone]").forEach((el) => { el.textContent = zone; });
    offer.querySelector("input[name=timezone]").value = zone;
    offer.hidden = false;
  }

  const field = document.querySelector("[data-suggest-browser-zone]");
  if (!field || field.value === zone) return;
  const known = field.list
    ? Array.from(field.list.options).map((option) => option.value)
    : Array.from(field.options || []).map((option) => option.value);
  if (!known.includes(zone)) return;
  field.value = zone;
  const note = document.createElement("p");
  note.className = "meta";
  note.textContent = "Set to your browser's time zone, " + zone + ". Press Save to keep it.";
  field.after(note);
  document.dispatchEvent(new Event("timezone-suggested"));
})();
