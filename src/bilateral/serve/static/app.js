// bilateral dashboard: the few scripts the pages use. Every page works without them.
"use strict";

(function () {
  // An ingest job: poll its state and show progress and results as they come.
  const job = document.getElementById("job");
  if (job && (job.dataset.state === "queued" || job.dataset.state === "running")) {
    const id = job.dataset.job;
    const state = document.getElementById("job-state");
    const bar = document.getElementById("job-progress");
    const counts = document.getElementById("job-counts");
    const list = document.getElementById("job-results");
    const show = function (j) {
      state.textContent = j.state;
      job.dataset.state = j.state;
      bar.max = Math.max(j.total, 1);
      bar.value = j.processed;
      bar.textContent = j.processed + " of " + j.total;
      counts.textContent = j.processed + " of " + j.total + " read: " + j.stored + " stored, " + j.duplicate +
        " already in the store, " + j.failed + " failed; " + j.events + " events.";
      list.replaceChildren();
      for (const r of j.results) {
        const li = document.createElement("li");
        if (r.doc_id) {
          const a = document.createElement("a");
          a.href = "/documents/" + encodeURIComponent(r.doc_id);
          a.textContent = r.title || r.doc_id;
          li.append(a, " " + r.outcome + ", " + r.events + " events");
        } else {
          li.append(r.input + ": " + r.outcome + " ");
          if (r.error) {
            const s = document.createElement("span");
            s.className = "error";
            s.textContent = r.error.message;
            li.append(s);
          }
        }
        list.append(li);
      }
    };
    const poll = function () {
      fetch("/api/v1/jobs/" + encodeURIComponent(id), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (body) {
          if (!body.ok) { counts.textContent = body.error.message; return; }
          show(body.job);
          if (body.job.state === "queued" || body.job.state === "running") { setTimeout(poll, 400); }
        })
        .catch(function () { setTimeout(poll, 1500); });
    };
    setTimeout(poll, 200);
  }

  // Uploads: say at once when a file is over the server's limit.
  const file = document.getElementById("file");
  if (file) {
    file.addEventListener("change", function () {
      const max = Number(file.dataset.max || 0);
      const f = file.files && file.files[0];
      file.setCustomValidity(f && max && f.size > max ? "The file is over " + max.toLocaleString() + " bytes." : "");
      file.reportValidity();
    });
  }

  // A form being sent: its button says so and cannot be pressed twice.
  for (const form of document.querySelectorAll("form[method=post]")) {
    form.addEventListener("submit", function () {
      const b = form.querySelector("button[type=submit]");
      if (b) { b.disabled = true; b.textContent = "Sending…"; }
    });
  }
})();
