/* 'Stel uw overeenkomst samen': checks the values and builds the Word file in the browser, so nothing leaves it.
   Everything agreement-specific comes from spec.json, which generators/site/samenstellen.py makes from the YAML: the
   declared rules (checked by regels.js), the agreement's one template DOCX and the conditions its regions are marked
   with. The fill is docx_vullen.js. tests/test_samenstellen.py holds them to the CLI's output. */
import { fill, invulling, unpack } from "./docx_vullen.js";
import * as regels from "./regels.js";
import { format, safeName } from "./tabel.js";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/* ---- Shared with meerdere.js (many agreements at once) ------------------------------------------------- */

/* The agreement's template, fetched and unpacked once; a failed fetch is tried again next time. */
export function templateLoader(root, spec) {
  let template = null;
  return () => {
    if (!template) {
      template = fetch(new URL(spec.sjabloon, specUrl(root)))
        .then((response) => {
          if (!response.ok) throw new Error("Het sjabloon kon niet worden geladen");
          return response.arrayBuffer();
        })
        .then(unpack);
      template.catch(() => (template = null));
    }
    return template;
  };
}

/* Hand bytes to the browser as a download (a blob: URL made here, so nothing goes over the network). */
export function offerDownload(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type: type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/* The GOV.UK error summary: one link per problem ({tekst, doel: element id, focus}); 'Fout: ' in the title. */
export function showSummary(summary, problems, title) {
  const list = summary.querySelector("ul");
  list.replaceChildren();
  for (const problem of problems) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = "#" + problem.doel;
    link.textContent = problem.tekst;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      problem.focus();
    });
    item.append(link);
    list.append(item);
  }
  summary.hidden = problems.length === 0;
  document.title = problems.length ? "Fout: " + title : title;
}

function specUrl(root) {
  return new URL("../" + root.dataset.map + "/spec.json", import.meta.url);
}

/* Fetch the spec.json of the element `selector` and start it, or say it failed. A module runs once the page is
   parsed, so the element is there. */
export function boot(selector, startPage, failure) {
  const root = document.querySelector(selector);
  if (!root) return;
  fetch(specUrl(root))
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then((spec) => startPage(root, spec))
    .catch(() => {
      const message = document.createElement("p");
      message.className = "wmwm-foutmelding";
      message.textContent = failure;
      root.prepend(message);
    });
}

/* ---- The page ----------------------------------------------------------------------------------------- */

function start(root, spec) {
  const check = (raw) => regels.check(spec, raw);
  const form = root.querySelector("#wmwm-formulier");
  const summary = root.querySelector("#foutoverzicht");
  const review = root.querySelector("#wmwm-controle");
  const status = root.querySelector("#wmwm-status");
  const velden = Object.fromEntries(spec.velden.map((v) => [v.naam, v]));
  const title = document.title;
  const loadTemplate = templateLoader(root, spec);
  const api = { spec: spec, values: () => collect(), check: check, lastMs: null };
  api.invulling = (raw) => invulling(spec, check(raw));
  api.docx = (raw) => makeDocx(check(raw));
  window.wmwmSamenstellen = api; // the tests' and benchmarks' handle on the page, not used by other modules

  const wrapper = (naam) => root.querySelector('.wmwm-veld[data-veld="' + naam + '"]');
  const control = (naam) => root.querySelector("#veld-" + naam);

  function rawValue(naam) {
    const radios = form.querySelectorAll('input[type="radio"][name="' + naam + '"]');
    if (radios.length) {
      const checked = Array.from(radios).find((r) => r.checked);
      return checked ? checked.value : "";
    }
    return control(naam).value;
  }

  /* A field is shown while it counts (its condition holds on the checked values); hidden fields send nothing. */
  function collect() {
    const all = Object.fromEntries(spec.velden.map((v) => [v.naam, rawValue(v.naam)]));
    const { waarden } = check(all);
    const counts = (naam) => {
      const als = velden[naam].als;
      return !als || (counts(als.veld) && als.is.includes(waarden[als.veld]));
    };
    const visible = Object.fromEntries(spec.velden.map((v) => [v.naam, counts(v.naam)]));
    const raw = Object.fromEntries(spec.velden.filter((v) => visible[v.naam]).map((v) => [v.naam, all[v.naam]]));
    return { raw: raw, visible: visible };
  }

  function applyConditions() {
    const { visible } = collect();
    for (const veld of spec.velden) wrapper(veld.naam).hidden = !visible[veld.naam];
  }

  function setError(naam, meldingen) {
    const box = root.querySelector("#fout-" + naam);
    const inputs = wrapper(naam).querySelectorAll("input, select, textarea");
    box.replaceChildren();
    box.hidden = meldingen.length === 0;
    wrapper(naam).classList.toggle("wmwm-veld--fout", meldingen.length > 0);
    meldingen.forEach((melding, i) => {
      if (i) box.append(document.createElement("br"));
      const label = document.createElement("span");
      label.className = "wmwm-verborgen";
      label.textContent = "Fout: ";
      box.append(label, melding);
    });
    inputs.forEach((input) => {
      if (meldingen.length) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  }

  function focusField(naam) {
    const target = control(naam);
    if (!target) return root.querySelector("#wmwm-gebruik").focus(); // not a field: the kept answers file
    target.focus({ preventScroll: true });
    wrapper(naam).scrollIntoView({ block: "start" });
  }

  function showErrors(fouten) {
    showSummary(
      summary,
      fouten.map((fout) => ({ tekst: fout.melding, doel: "veld-" + fout.veld, focus: () => focusField(fout.veld) })),
      title,
    );
    for (const veld of spec.velden)
      setError(
        veld.naam,
        fouten.filter((f) => f.veld === veld.naam).map((f) => f.melding),
      );
    if (fouten.length) summary.focus();
  }

  function showWarnings(waarschuwingen) {
    const box = review.querySelector("#wmwm-waarschuwingen");
    const list = box.querySelector("ul");
    list.replaceChildren(
      ...waarschuwingen.map((w) => {
        const item = document.createElement("li");
        item.textContent = w.melding;
        return item;
      }),
    );
    box.hidden = waarschuwingen.length === 0;
  }

  function showReview(result, visible) {
    const shown = result.teksten;
    showWarnings(result.waarschuwingen);
    const list = review.querySelector("dl");
    list.replaceChildren();
    for (const veld of spec.velden) {
      if (!visible[veld.naam]) continue;
      const row = document.createElement("div");
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      const action = document.createElement("dd");
      const link = document.createElement("a");
      const hidden = document.createElement("span");
      dt.textContent = veld.label;
      dd.textContent = shown[veld.naam] === "" ? "Niet ingevuld" : shown[veld.naam];
      dd.className = "wmwm-waarde";
      action.className = "wmwm-actie";
      link.href = "#veld-" + veld.naam;
      hidden.className = "wmwm-verborgen";
      hidden.textContent = " " + veld.label;
      link.append("Wijzig", hidden);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        review.hidden = true;
        form.hidden = false;
        focusField(veld.naam);
      });
      action.append(link);
      row.append(dt, dd, action);
      list.append(row);
    }
    form.hidden = true;
    summary.hidden = true;
    review.hidden = false;
    status.textContent = "";
    review.focus();
    loadTemplate().catch((exc) => (status.textContent = exc.message)); // start fetching now: the download is instant
  }

  /* The Word file for checked values: the download, and what the tests compare with the CLI's file. */
  async function makeDocx(result) {
    return fill(await loadTemplate(), invulling(spec, result));
  }

  /* Named after the pupil, as the batch names its files (batch.file_name); the agreement's name without one. */
  function fileName(raw) {
    const M = spec.invulbestand;
    const base = spec.naamveld ? safeName(String(raw[spec.naamveld] || ""), M.naam_lengte) : "";
    return base ? format(M.bestand, { naam: base }) : spec.bestandsnaam;
  }

  /* The values checked when the review was shown: the download fills those, without checking them again (the
     review screen has no fields; changing an answer goes back to the form and through 'Ga verder'). */
  let reviewed = null;

  async function download() {
    const started = performance.now();
    if (reviewed === null) return;
    const { raw, result } = reviewed;
    try {
      const docx = await makeDocx(result);
      const name = fileName(raw);
      offerDownload(docx, name, DOCX_TYPE);
      api.lastMs = performance.now() - started;
      status.textContent = "Het bestand " + name + " is gemaakt en staat in uw downloads.";
    } catch (exc) {
      status.textContent = "Het bestand kon niet worden gemaakt: " + exc.message;
    }
  }

  /* Only a field that a condition reads can show or hide others: typing elsewhere checks nothing. */
  const conditionSources = new Set(spec.velden.filter((v) => v.als).map((v) => v.als.veld));
  for (const afgeleid of spec.afgeleid) {
    if (conditionSources.has(afgeleid.naam))
      [afgeleid.geboortedatum, afgeleid.peildatum, afgeleid.einddatum].forEach((n) => n && conditionSources.add(n));
  }
  const onEdit = (event) => {
    reviewed = null;
    if (conditionSources.has(event.target.name)) applyConditions();
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const { raw, visible } = collect();
    const result = check(raw);
    if (result.fouten.length) {
      reviewed = null;
      showErrors(result.fouten);
      return;
    }
    reviewed = { raw: raw, result: result };
    showErrors([]);
    showReview(result, visible);
  });
  /* Kept answers: every filled-in field as {naam: waarde}, the same JSON `wmwm overeenkomst ID --gegevens` reads. */
  function saveAnswers() {
    const all = Object.fromEntries(spec.velden.map((v) => [v.naam, rawValue(v.naam)]).filter(([, v]) => v !== ""));
    offerDownload(
      new TextEncoder().encode(JSON.stringify(all, null, 2) + "\n"),
      spec.id + "-antwoorden.json",
      "application/json",
    );
    keptStatus.textContent = "Uw antwoorden staan in " + spec.id + "-antwoorden.json in uw downloads.";
  }

  /* Fill in kept answers; they are checked like typed ones: unknown fields and refused values are listed. */
  async function useAnswers(file) {
    let data = null;
    try {
      data = JSON.parse(await file.text());
    } catch {
      data = null;
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      showErrors([{ veld: "gebruik", melding: file.name + ": dit is geen bestand met bewaarde antwoorden" }]);
      return;
    }
    for (const veld of spec.velden) {
      if (!(veld.naam in data)) continue;
      const value = Array.isArray(data[veld.naam]) ? data[veld.naam].join("\n") : String(data[veld.naam] ?? "");
      const radios = form.querySelectorAll('input[type="radio"][name="' + veld.naam + '"]');
      if (radios.length) radios.forEach((r) => (r.checked = r.value === value));
      else control(veld.naam).value = value;
    }
    applyConditions();
    review.hidden = true;
    form.hidden = false;
    const fouten = check(data).fouten.filter((f) => f.veld in data);
    showErrors(fouten);
    keptStatus.textContent = fouten.length
      ? "De bewaarde antwoorden zijn ingevuld; herstel de fouten hierboven."
      : "De bewaarde antwoorden zijn ingevuld. Vul de rest aan en kies 'Ga verder'.";
  }

  const keptStatus = root.querySelector("#wmwm-bewaar-status");
  const keptFile = root.querySelector("#wmwm-gebruik");
  root.querySelector("#wmwm-bewaar").addEventListener("click", saveAnswers);
  keptFile.addEventListener("change", () => {
    if (keptFile.files.length) useAnswers(keptFile.files[0]);
  });
  root.querySelector("#wmwm-download").addEventListener("click", download);
  applyConditions();
  root.dataset.klaar = "ja";
}

boot(
  ".wmwm-samenstellen",
  start,
  "Het formulier kon niet worden geladen. Vernieuw de pagina of download het voorbeeld.",
);
