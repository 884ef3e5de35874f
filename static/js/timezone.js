// Offer the browser's time zone while the field still has the site default, so a digest
// "at 08:00" means the person's 08:00. Nothing is saved until they press Save.
(function () {
  const field = document.querySelector("[data-suggest-browser-zone]");
  if (!field) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || field.value === zone) return;
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
