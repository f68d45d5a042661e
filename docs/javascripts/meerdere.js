/* 'Meerdere leerlingen tegelijk': reads a filled-in XLSX or CSV, checks every row as the single form does, and makes
   one ZIP with a Word file per good row, all in the browser. The headers, row messages, file names and overview follow
   `invulbestand` in spec.json (generators/overeenkomsten/batch.py INVULBESTAND), so this page says exactly what
   `wmwm overeenkomst ID --csv` says about the same file; tests/test_meerdere.py holds both to it. */
import { fill, invulling } from "./docx_vullen.js";
import * as regels from "./regels.js";
import { boot, offerDownload, showSummary, templateLoader } from "./samenstellen.js";
import { format, parseCsv, safeName, tableRows } from "./tabel.js";
import * as zip from "./zip.js";

const XLSX_READER = "vendor/read-excel-file/read-excel-file.min.js";
const ZIP_TYPE = "application/zip";

function readerUrl() {
  return new URL(XLSX_READER, import.meta.url);
}

/* read-excel-file, served from this site, loaded only when an XLSX file is chosen (a classic script, vendored as
   published: it names itself window.readXlsxFile). */
function xlsxReader() {
  if (window.readXlsxFile) return Promise.resolve(window.readXlsxFile);
  return new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = readerUrl();
    tag.onload = () => resolve(window.readXlsxFile);
    tag.onerror = () => reject(new Error("De Excel-lezer kon niet worden geladen. Vernieuw de pagina."));
    document.head.append(tag);
  });
}

/* A cell as text, as batch.read_xlsx: strings as typed, numbers as written in the file, a date cell as JJJJ-MM-DD
   and a time cell (a date on the first day of either date system) as UU:MM. */
function cellText(value) {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    const day = iso.slice(0, 10);
    return day === "1899-12-30" || day === "1899-12-31" || day === "1904-01-01" ? iso.slice(11, 16) : day;
  }
  return String(value);
}

async function readTable(file, M) {
  if (/\.xlsx$/i.test(file.name)) {
    const read = await xlsxReader();
    const sheets = await read(file, { trim: false, parseNumber: (text) => text });
    return sheets[0].data.map((row) => row.map(cellText));
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch (exc) {
    throw new Error(M.geen_utf8, { cause: exc });
  }
  return parseCsv(text, M);
}

/* ---- The page -------------------------------------------------------------------------------------------- */

function start(root, spec) {
  const M = spec.invulbestand;
  /* "1 overeenkomst", "2 rijen": a count in the right number, as formats.aantal in Python. */
  const count = (n, word) => n.toLocaleString("nl-NL") + " " + spec.aantallen[word][n === 1 ? 0 : 1];
  const check = (raw) => regels.check(spec, raw);
  /* The blank file's example row, left exactly as it was, as batch.is_example. */
  const isExample = (raw) => {
    const kept = Object.entries(raw).filter(([, v]) => v !== "");
    const example = Object.entries(spec.voorbeeld).filter(([, v]) => v !== "");
    return kept.length === example.length && kept.every(([k, v]) => spec.voorbeeld[k] === v);
  };
  const labels = Object.fromEntries(spec.velden.map((v) => [v.naam, v.label]));
  const [input, dropZone, summary, outcome, counts, warnings, make, fixHint, progress, status] = [
    "wmwm-bestand",
    "wmwm-sleepvak",
    "foutoverzicht",
    "wmwm-uitslag",
    "wmwm-telling",
    "wmwm-let-op",
    "wmwm-maak",
    "wmwm-herstel",
    "wmwm-voortgang",
    "wmwm-status",
  ].map((id) => root.querySelector("#" + id));
  const title = document.title;
  const loadTemplate = templateLoader(root, spec);
  const api = { lastMs: null, checked: null };
  let checked = null;
  window.wmwmMeerdere = api; // the tests' and benchmarks' handle on the page, not used by other modules

  function showProblems(messages) {
    const focus = () => input.focus();
    showSummary(
      summary,
      messages.map((tekst) => ({ tekst: tekst, doel: "wmwm-bestand", focus: focus })),
      title,
    );
  }

  /* Check every row; nothing is made until the user asks for it. */
  async function choose(file) {
    checked = null;
    outcome.hidden = true;
    status.textContent = "Het bestand wordt gelezen en gecontroleerd…";
    let rows;
    try {
      rows = tableRows(await readTable(file, M), M);
    } catch (exc) {
      status.textContent = "";
      showProblems([file.name + ": " + exc.message]);
      summary.focus();
      return;
    }
    const good = [];
    const failed = [];
    const warned = [];
    const messages = (number, problems, template) =>
      problems.map((f) => format(template, { rij: number, kolom: labels[f.veld] || f.veld, melding: f.melding }));
    const examples = [];
    for (const [number, raw] of rows) {
      if (isExample(raw)) {
        examples.push(format(M.voorbeeld_overgeslagen, { rij: number }));
        continue;
      }
      const result = check(raw);
      if (result.fouten.length) failed.push([number, messages(number, result.fouten, M.rij)]);
      else {
        good.push([number, raw, result]);
        if (result.waarschuwingen.length) warned.push([number, messages(number, result.waarschuwingen, M.let_op)]);
      }
    }
    checked = { file: file, good: good, failed: failed, warned: warned };
    api.checked = { goed: good.length, fout: failed.map(([number, messages]) => [number, messages]) };
    showProblems(failed.flatMap(([, messages]) => messages));
    const total = good.length + failed.length;
    counts.textContent = failed.length
      ? count(total, "rij") + " gelezen: " + good.length + " goed, " + failed.length + " met fouten (zie boven)."
      : total === 0
        ? "Het bestand bevat nog geen leerling."
        : total === 1
          ? "De rij is goed."
          : "Alle " + count(total, "rij") + " zijn goed.";
    const notes = examples.concat(warned.flatMap(([, lines]) => lines));
    warnings
      .querySelector("ul")
      .replaceChildren(...notes.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
    warnings.hidden = notes.length === 0;
    make.hidden = good.length === 0;
    make.textContent = !failed.length
      ? good.length === 1
        ? "Maak de overeenkomst"
        : "Maak de overeenkomsten"
      : good.length === 1
        ? "Maak de overeenkomst van de goede rij"
        : "Maak de " + good.length + " goede rijen";
    fixHint.hidden = failed.length === 0;
    outcome.hidden = false;
    status.textContent = "";
    (failed.length ? summary : outcome).focus();
  }

  function overview(made) {
    const lines = [format(M.overzicht, { gemaakt: made.length, overgeslagen: checked.failed.length })];
    for (const [number, name] of made) lines.push(format(M.gemaakt, { rij: number, bestand: name }));
    for (const [, messages] of checked.failed) lines.push(...messages);
    for (const [, messages] of checked.warned) lines.push(...messages);
    return lines.join("\n") + "\n";
  }

  function fileName(number, raw, used) {
    const base =
      (spec.naamveld ? safeName(String(raw[spec.naamveld] || ""), M.naam_lengte) : "") ||
      format(M.zonder_naam, { id: spec.id, rij: number });
    let name = format(M.bestand, { naam: base });
    for (let volgnummer = 2; used.has(name); volgnummer++) name = format(M.bestand_dubbel, { naam: base, volgnummer });
    used.add(name);
    return name;
  }

  async function makeAll() {
    if (!checked) return;
    const started = performance.now();
    const { good } = checked;
    const encoder = new TextEncoder();
    const used = new Set();
    const entries = [];
    const made = [];
    make.disabled = true;
    progress.max = good.length;
    progress.value = 0;
    progress.hidden = false;
    try {
      const template = await loadTemplate();
      for (const [number, raw, result] of good) {
        const docx = fill(template, invulling(spec, result));
        const name = fileName(number, raw, used);
        entries.push(zip.stored(zip.named(name), docx));
        made.push([number, name]);
        progress.value = made.length;
        status.textContent = "Bezig: " + made.length + " van " + good.length + " gemaakt.";
        if (made.length % 20 === 0) await new Promise((resolve) => setTimeout(resolve)); // let the page show it
      }
      entries.push(zip.stored(zip.named(M.overzicht_bestand), encoder.encode(overview(made))));
      const zipName = spec.id + "-overeenkomsten.zip";
      offerDownload(zip.write(entries), zipName, ZIP_TYPE);
      api.lastMs = performance.now() - started;
      status.textContent =
        "Klaar: " +
        count(made.length, "overeenkomst") +
        " gemaakt, " +
        count(checked.failed.length, "rij") +
        " overgeslagen. Het bestand " +
        zipName +
        " staat in uw downloads; " +
        M.overzicht_bestand +
        " daarin noemt wat er is gemaakt en overgeslagen.";
    } catch (exc) {
      status.textContent = "De overeenkomsten konden niet worden gemaakt: " + exc.message;
    } finally {
      make.disabled = false;
      progress.hidden = true;
    }
  }

  input.addEventListener("change", () => {
    if (input.files.length) choose(input.files[0]);
  });
  dropZone.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropZone.classList.add("wmwm-sleepvak--actief");
  });
  dropZone.addEventListener("dragleave", () => dropZone.classList.remove("wmwm-sleepvak--actief"));
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropZone.classList.remove("wmwm-sleepvak--actief");
    if (event.dataTransfer.files.length) choose(event.dataTransfer.files[0]);
  });
  make.addEventListener("click", makeAll);
  root.dataset.klaar = "ja";
}

boot(".wmwm-meerdere", start, "Deze pagina kon niet worden geladen. Vernieuw de pagina.");
