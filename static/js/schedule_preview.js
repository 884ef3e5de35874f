// The schedule editor: show only the fields of the chosen preset, and as the person types,
// ask the server what the schedule means (words and the next 5 runs, or the parser's error
// next to the field). Nothing is saved until they press the button.
(function () {
  const form = document.getElementById("schedule-form");
  if (!form) return;
  const description = document.getElementById("preview-description");
  const runs = document.getElementById("preview-runs");
  const runsTitle = document.getElementById("preview-runs-title");
  let timer = null;
  let latest = 0;

  function preset() {
    const checked = form.querySelector("input[name=preset]:checked");
    return checked ? checked.value : "";
  }

  function showPresetFields() {
    const chosen = preset();
    form.querySelectorAll("[data-presets]").forEach((el) => {
      el.hidden = !el.dataset.presets.split(" ").includes(chosen);
    });
  }

  // Only the fields the preview checked: the others (the name, the delivery) keep the
  // message the last save put there.
  function showErrors(errors, checked) {
    form.querySelectorAll("[data-errors-for]").forEach((slot) => {
      if (checked && !checked.includes(slot.dataset.errorsFor)) return;
      const messages = errors[slot.dataset.errorsFor] || [];
      slot.replaceChildren(...messages.map((text) => {
        const p = document.createElement("p");
        p.className = "error";
        p.textContent = text;
        return p;
      }));
      const field = slot.closest(".field");
      if (field) field.classList.toggle("has-error", messages.length > 0);
    });
  }

  async function refresh() {
    const request = ++latest;
    const params = new URLSearchParams(new FormData(form));
    params.delete("csrfmiddlewaretoken");
    let body;
    try {
      const response = await fetch(form.dataset.previewUrl + "?" + params, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      body = await response.json();
    } catch (error) {
      return; // offline or signed out: the saved form still checks everything
    }
    if (request !== latest) return; // an older answer arriving late
    showErrors(body.errors || {}, body.checked);
    if (!body.ok) {
      description.textContent = "Not a schedule yet: see the message by the field.";
      runs.replaceChildren();
      runsTitle.hidden = true; // no heading over an empty list
      return;
    }
    description.textContent = body.description;
    runsTitle.hidden = false;
    runs.replaceChildren(...body.next_runs.map((run) => {
      const li = document.createElement("li");
      const time = document.createElement("time");
      time.dateTime = run.at;
      time.textContent = run.label;
      li.append(time);
      return li;
    }));
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 200);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", () => { showPresetFields(); schedule(); });
  document.addEventListener("timezone-suggested", schedule);
  showPresetFields();
  refresh();
})();
