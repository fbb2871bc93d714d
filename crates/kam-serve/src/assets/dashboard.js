// The dashboard's live part: the server pushes the re-rendered (already escaped) section
// over server-sent events; nothing here builds HTML from data. Nor does it hold words: what
// it shows comes from the page, in the page's language (data-live-text, data-reconnecting,
// data-confirm).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("connection");
  if (status && status.dataset.live && window.EventSource) {
    const source = new EventSource(status.dataset.live);
    source.addEventListener("update", (event) => {
      document.getElementById("live").innerHTML = event.data;
      const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
      status.textContent = (status.dataset.liveText || "{}").replace("{}", time);
      status.className = "live";
    });
    source.addEventListener("error", () => {
      status.textContent = status.dataset.reconnecting || "";
      status.className = "";
    });
  }
  // Delegated, so the forms in the live part (seat actions, redrawn by every update) ask too.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  // "Pick a file" fills the scenario text box, so the form stays a plain form post.
  const picker = document.getElementById("scenario_picker");
  if (picker) {
    picker.addEventListener("change", () => {
      const file = picker.files[0];
      if (file) file.text().then((text) => { document.getElementById("scenario_file").value = text; });
    });
  }
});
