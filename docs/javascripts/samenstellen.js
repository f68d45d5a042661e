/* 'Stel je overeenkomst samen': checks the values and builds the Word file in the browser, so nothing leaves it.
   Everything agreement-specific comes from spec.json, which generators/site/samenstellen.py makes from the YAML: the
   fields, the rules and messages of generators/overeenkomsten/values.py, the agreement's one template DOCX and the
   conditions its regions are marked with. The checks below mirror values.py; the fill is docx_vullen.js.
   tests/test_samenstellen.py holds them to the same output. */
(function () {
  "use strict";

  const script = document.currentScript;
  const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  /* ---- Text as Python sees it (whitespace, digits, characters XML cannot hold) ---------------------------- */

  function inRanges(code, ranges) {
    for (const r of ranges) if (code >= r[0] && code <= r[1]) return true;
    return false;
  }

  function makeText(tekens) {
    const isSpace = (ch) => inRanges(ch.charCodeAt(0), tekens.witruimte);
    function strip(s) {
      let a = 0;
      let b = s.length;
      while (a < b && isSpace(s[a])) a++;
      while (b > a && isSpace(s[b - 1])) b--;
      return s.slice(a, b);
    }
    function asciiDigits(s) {
      let out = "";
      for (const ch of s) {
        const code = ch.codePointAt(0);
        if (/\p{Nd}/u.test(ch)) {
          let zero = 0;
          for (const z of tekens.cijfer_nul) if (z <= code) zero = z;
          out += String(code - zero);
        } else out += ch;
      }
      return out;
    }
    function badChar(s) {
      for (const ch of s) {
        const code = ch.length === 1 ? ch.charCodeAt(0) : -1; // astral characters are never forbidden
        if (code >= 0 && inRanges(code, tekens.stuurtekens)) return "U+" + code.toString(16).toUpperCase().padStart(4, "0");
      }
      return null;
    }
    return { strip: strip, asciiDigits: asciiDigits, badChar: badChar };
  }

  /* ---- Numbers and dates, as values.py and views.format_number ------------------------------------------- */

  function decimalParts(plain) {
    // plain: -?digits(.digits)?
    const neg = plain.startsWith("-");
    const body = neg ? plain.slice(1) : plain;
    const [whole, frac = ""] = body.split(".");
    return { neg: neg, whole: whole.replace(/^0+(?=\d)/, ""), frac: frac };
  }

  function compareDecimal(a, b) {
    const x = decimalParts(a);
    const y = decimalParts(b);
    const scale = Math.max(x.frac.length, y.frac.length);
    const big = (p) => BigInt((p.neg ? "-" : "") + p.whole + p.frac.padEnd(scale, "0"));
    const d = big(x) - big(y);
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }

  function formatNumber(plain) {
    const p = decimalParts(plain);
    const zero = /^0*$/.test(p.whole + p.frac);
    const groups = [];
    let whole = p.whole;
    while (whole.length > 3) {
      groups.unshift(whole.slice(-3));
      whole = whole.slice(0, -3);
    }
    groups.unshift(whole);
    return (p.neg && !zero ? "-" : "") + groups.join(".") + (p.frac ? "," + p.frac : "");
  }

  function parseDate(text) {
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) return null;
    const [y, m, d] = text.split("-").map(Number);
    if (y < 1 || m < 1 || m > 12 || d < 1) return null;
    const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (d > days[m - 1]) return null;
    return { datum: true, y: y, m: m, d: d };
  }

  function compareDates(a, b) {
    return a.y - b.y || a.m - b.m || a.d - b.d;
  }

  function age(born, on) {
    return on.y - born.y - (on.m < born.m || (on.m === born.m && on.d < born.d) ? 1 : 0);
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  /* ---- check_values ------------------------------------------------------------------------------------ */

  function makeChecker(spec) {
    const text = makeText(spec.tekens);
    const M = spec.meldingen;

    function switchValue(value) {
      return value === undefined || value === null ? "" : text.strip(String(value));
    }

    function empty(value) {
      return (
        value === undefined ||
        value === null ||
        (typeof value === "string" && text.strip(value) === "") ||
        (Array.isArray(value) && value.length === 0)
      );
    }

    function checkText(s) {
      const code = text.badChar(s);
      if (code) throw new Error(format(M.stuurteken, { code: code }));
    }

    function parse(veld, value) {
      if (veld.type === "lijst") {
        const items = (Array.isArray(value) ? value : String(value).split(";")).map((i) => text.strip(String(i))).filter((i) => i);
        items.forEach(checkText);
        return [items, items.join("\n")];
      }
      if (veld.type === "ja/nee") {
        const t = switchValue(value).toLowerCase();
        if (t !== "ja" && t !== "nee") throw new Error(format(M.ja_nee, { waarde: value }));
        return [t === "ja", t];
      }
      if (veld.type === "tekst") {
        checkText(value);
        return [value, value];
      }
      const t = text.strip(String(value));
      if (veld.type === "keuze") {
        if (!veld.keuzes.includes(t)) throw new Error(format(M.keuze, { keuzes: veld.keuzes.join(", "), waarde: t }));
        return [t, t];
      }
      if (veld.type === "datum") {
        const day = parseDate(t);
        if (!day) throw new Error(format(M.datum, { waarde: t }));
        return [day, day.d + " " + spec.maanden[day.m - 1] + " " + day.y];
      }
      if (!/^-?\p{Nd}+([.,]\p{Nd}+)?$/u.test(t)) throw new Error(format(M.getal, { waarde: t }));
      const plain = text.asciiDigits(t).replace(",", ".");
      if (veld.min !== undefined && compareDecimal(plain, veld.min) < 0)
        throw new Error(format(M.min, { min: veld.min_tekst, waarde: formatNumber(plain) }));
      if (veld.max !== undefined && compareDecimal(plain, veld.max) > 0)
        throw new Error(format(M.max, { max: veld.max_tekst, waarde: formatNumber(plain) }));
      return [plain, formatNumber(plain)];
    }

    /* The ja/nee waarden rules settle, such as whether the pupil is a minor at the start (values._outcomes). */
    function outcomes(parsed) {
      const out = {};
      for (const regel of spec.regels) {
        const born = parsed[regel.geboortedatum || ""];
        const on = parsed[regel.peildatum || ""];
        if (regel.uitkomst && born && born.datum && on && on.datum) out[regel.uitkomst] = age(born, on) < 18 ? "ja" : "nee";
      }
      return out;
    }

    function rules(parsed) {
      const fouten = [];
      for (const regel of spec.regels) {
        if (regel.soort === "na") {
          const first = parsed[regel.velden[0]];
          const second = parsed[regel.velden[1]];
          if (first && first.datum && second && second.datum && compareDates(second, first) <= 0)
            fouten.push({ veld: regel.velden[1], melding: regel.melding });
        } else if (regel.soort === "verplicht-als-minderjarig") {
          const born = parsed[regel.geboortedatum || ""];
          const on = parsed[regel.peildatum || ""];
          if (born && born.datum && on && on.datum && age(born, on) < 18)
            for (const naam of regel.velden) if (empty(parsed[naam])) fouten.push({ veld: naam, melding: regel.melding });
        }
      }
      return fouten;
    }

    /* Display text per field, or every problem; the same order and words as values.check_values. */
    function check(raw) {
      const fouten = [];
      const parsed = {};
      const shown = {};
      for (const veld of spec.velden) {
        const value = raw[veld.naam];
        const active = !veld.als || veld.als.is.includes(switchValue(raw[veld.als.veld]));
        if (empty(value)) {
          if (veld.verplicht && active) fouten.push({ veld: veld.naam, melding: format(M.verplicht, { label: veld.label }) });
          shown[veld.naam] = "";
          continue;
        }
        try {
          [parsed[veld.naam], shown[veld.naam]] = parse(veld, value);
        } catch (exc) {
          fouten.push({ veld: veld.naam, melding: format(M.veld, { label: veld.label, melding: exc.message }) });
        }
      }
      fouten.push(...rules(parsed));
      const waarden = {};
      for (const veld of spec.velden)
        if (veld.naam in parsed) waarden[veld.naam] = veld.type === "ja/nee" ? shown[veld.naam] : parsed[veld.naam];
      return { fouten: fouten, shown: shown, waarden: Object.assign(waarden, outcomes(parsed)) };
    }

    return { check: check, switchValue: switchValue, strip: text.strip };
  }

  /* ---- The page ----------------------------------------------------------------------------------------- */

  function start(root, spec) {
    const checker = makeChecker(spec);
    const form = root.querySelector("#wmwm-formulier");
    const summary = root.querySelector("#foutoverzicht");
    const review = root.querySelector("#wmwm-controle");
    const status = root.querySelector("#wmwm-status");
    const velden = Object.fromEntries(spec.velden.map((v) => [v.naam, v]));
    const title = document.title;
    let template = null;
    const api = { spec: spec, values: () => collect(), check: checker.check, lastMs: null };
    window.wmwmSamenstellen = api;

    const wrapper = (naam) => root.querySelector('.wmwm-veld[data-veld="' + naam + '"]');
    const control = (naam) => root.querySelector("#veld-" + naam);

    function rawValue(naam) {
      const veld = velden[naam];
      const radios = form.querySelectorAll('input[type="radio"][name="' + naam + '"]');
      if (radios.length) {
        const checked = Array.from(radios).find((r) => r.checked);
        return checked ? checked.value : "";
      }
      const value = control(naam).value;
      if (veld.type === "lijst") return value.split("\n").filter((line) => checker.strip(line) !== "");
      return value;
    }

    /* A field counts only while its condition holds; hidden fields send nothing, as if never filled. */
    function collect() {
      const visible = {};
      const raw = {};
      const isVisible = (naam, depth) => {
        if (naam in visible) return visible[naam];
        const als = velden[naam].als;
        let result = true;
        if (als && depth < 50) {
          const source = isVisible(als.veld, depth + 1) ? rawValue(als.veld) : undefined;
          result = als.is.includes(checker.switchValue(source));
        }
        visible[naam] = result;
        return result;
      };
      for (const veld of spec.velden) if (isVisible(veld.naam, 0)) raw[veld.naam] = rawValue(veld.naam);
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
      if (!target) return;
      target.focus({ preventScroll: true });
      wrapper(naam).scrollIntoView({ block: "start" });
    }

    function showErrors(fouten) {
      const list = summary.querySelector("ul");
      list.replaceChildren();
      for (const fout of fouten) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = "#veld-" + fout.veld;
        link.textContent = fout.melding;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          focusField(fout.veld);
        });
        item.append(link);
        list.append(item);
      }
      for (const veld of spec.velden)
        setError(veld.naam, fouten.filter((f) => f.veld === veld.naam).map((f) => f.melding));
      summary.hidden = fouten.length === 0;
      document.title = fouten.length ? "Fout: " + title : title;
      if (fouten.length) summary.focus();
    }

    function showReview(raw, shown, visible) {
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

    function loadTemplate() {
      if (!template) {
        template = fetch(new URL(spec.sjabloon, specUrl(root)))
          .then((response) => {
            if (!response.ok) throw new Error("Het sjabloon kon niet worden geladen");
            return response.arrayBuffer();
          })
          .then(window.WmwmDocx.unpack);
        template.catch(() => (template = null));
      }
      return template;
    }

    /* What goes into the document (documenten.Agreements.tailored): texts, list items, which regions hold. */
    function invulling(result) {
      const teksten = {};
      const lijsten = {};
      for (const veld of spec.velden) {
        teksten[veld.naam] = veld.naam in result.shown ? result.shown[veld.naam] : "";
        if (veld.type === "lijst") lijsten[veld.naam] = result.waarden[veld.naam] || [];
      }
      const voorwaarden = spec.voorwaarden.map((c) => c.is.includes(result.waarden[c.veld]));
      return { teksten: teksten, lijsten: lijsten, voorwaarden: voorwaarden };
    }

    async function download() {
      const started = performance.now();
      const { raw } = collect();
      const result = checker.check(raw);
      if (result.fouten.length) {
        review.hidden = true;
        form.hidden = false;
        showErrors(result.fouten);
        return;
      }
      try {
        const docx = window.WmwmDocx.fill(await loadTemplate(), invulling(result));
        const url = URL.createObjectURL(new Blob([docx], { type: DOCX_TYPE }));
        const link = document.createElement("a");
        link.href = url;
        link.download = spec.bestandsnaam;
        link.hidden = true;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        api.lastMs = performance.now() - started;
        status.textContent = "Het bestand " + spec.bestandsnaam + " is gemaakt en staat in je downloads.";
      } catch (exc) {
        status.textContent = "Het bestand kon niet worden gemaakt: " + exc.message;
      }
    }

    form.addEventListener("input", applyConditions);
    form.addEventListener("change", applyConditions);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const { raw, visible } = collect();
      const result = checker.check(raw);
      if (result.fouten.length) {
        showErrors(result.fouten);
        return;
      }
      showErrors([]);
      showReview(raw, result.shown, visible);
    });
    root.querySelector("#wmwm-download").addEventListener("click", download);
    applyConditions();
    root.dataset.klaar = "ja";
  }

  function specUrl(root) {
    return new URL("../" + root.dataset.map + "/spec.json", script.src);
  }

  function init() {
    const root = document.querySelector(".wmwm-samenstellen");
    if (!root) return;
    fetch(specUrl(root))
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((spec) => start(root, spec))
      .catch(() => {
        const message = document.createElement("p");
        message.className = "wmwm-foutmelding";
        message.textContent = "Het formulier kon niet worden geladen. Vernieuw de pagina of download het voorbeeld.";
        root.prepend(message);
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
