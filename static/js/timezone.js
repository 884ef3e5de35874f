// Offer the browser's time zone while the account still has the site default, so a digest
// "at 08:00" means the person's 08:00. Nothing is saved until they press Save.
(function () {
  const select = document.querySelector("select[data-suggest-browser-zone]");
  if (!select) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || select.value === zone) return;
  if (!Array.from(select.options).some((option) => option.value === zone)) return;
  select.value = zone;
  const note = document.createElement("p");
  note.className = "meta";
  note.textContent = "Set to your browser's time zone, " + zone + ". Press Save to keep it.";
  select.after(note);
})();
