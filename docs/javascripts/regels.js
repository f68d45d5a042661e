/* The declared rules of an agreement, interpreted in the browser: the exported check(spec, raw).

   `spec` is the agreement's spec (generators/inhoud/regelspec.py), shipped as spec.json: fields, rules with their
   parameters resolved, messages, and the regular expressions for whitespace, line breaks and forbidden characters.
   The semantics are written down once, in the docstring of generators/overeenkomsten/regels.py; this module follows
   that text.
   Result: {waarden, teksten, fouten: [{veld, melding}], waarschuwingen: [{veld, melding}]}; dates in `waarden` are
   ISO strings, numbers are numbers. tests/gevallen/invoer.yaml holds Python and this module to the same answers. */
const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;
const compiled = new WeakMap();

function patterns(spec) {
  let p = compiled.get(spec);
  if (!p) {
    const t = spec.tekens;
    p = {
      trim: new RegExp("^(?:" + t.witruimte + ")+|(?:" + t.witruimte + ")+$", "gu"),
      regeleinde: new RegExp(t.regeleinde, "u"),
      regeleindeSplit: new RegExp(t.regeleinde, "gu"),
      verboden: new RegExp(t.verboden, "u"),
      getal: new RegExp(t.getal, "u"),
      puntDecimaal: new RegExp(t.punt_decimaal, "u"),
      datum: new RegExp(t.datum, "u"),
      tijd: new RegExp(t.tijd, "u"),
      dagenScheiding: new RegExp(t.dagen_scheiding, "u"),
    };
    compiled.set(spec, p);
  }
  return p;
}

function fillIn(template, values) {
  return template.replace(PLACEHOLDER, (whole, key) =>
    Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole,
  );
}

/* ---- Decimal numbers as plain strings ("-1234.50"): exact comparison and Dutch notation ------------------ */

function parts(plain) {
  const neg = plain.startsWith("-");
  const [whole, frac = ""] = (neg ? plain.slice(1) : plain).split(".");
  return { neg: neg, whole: whole.replace(/^0+(?=\d)/, ""), frac: frac };
}

function compareDecimal(a, b) {
  const x = parts(a);
  const y = parts(b);
  const scale = Math.max(x.frac.length, y.frac.length);
  const big = (p) => BigInt((p.neg ? "-" : "") + p.whole + p.frac.padEnd(scale, "0"));
  const d = big(x) - big(y);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

function formatNumber(plain) {
  const p = parts(plain);
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

/* ---- Dates: {iso, y, m, d} ------------------------------------------------------------------------------- */

function parseDate(text, re) {
  const match = re.exec(text);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  if (y < 1 || m < 1 || m > 12 || d < 1) return null;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > days[m - 1]) return null;
  return { iso: text, y: y, m: m, d: d };
}

function age(born, on) {
  return on.y - born.y - (on.m < born.m || (on.m === born.m && on.d < born.d) ? 1 : 0);
}

/* The day the pupil turns `years` (29 February: 1 March in other years, as `age` counts). */
function birthday(born, years) {
  const y = born.y + years;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const [m, d] = born.m === 2 && born.d === 29 && !leap ? [3, 1] : [born.m, born.d];
  const pad = (n, w) => String(n).padStart(w, "0");
  return { iso: pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2), y: y, m: m, d: d };
}

function dateText(maanden, day) {
  return day.d + " " + maanden[day.m - 1] + " " + day.y;
}

/* ---- One value ------------------------------------------------------------------------------------------- */

class Refused extends Error {}

function makeParser(spec) {
  const re = patterns(spec);
  const M = spec.meldingen;
  const trim = (s) => s.replace(re.trim, "");
  const lines = (s) =>
    s
      .split(re.regeleindeSplit)
      .map(trim)
      .filter((line) => line !== "");

  function asText(value) {
    if (typeof value === "boolean") return value ? "ja" : "nee";
    if (typeof value === "number") return String(value).replace(".", ",");
    return value === undefined || value === null ? "" : String(value);
  }

  function empty(value) {
    if (Array.isArray(value)) return !value.some((item) => lines(asText(item)).length > 0);
    return trim(asText(value)) === "";
  }

  function checkCharacters(text) {
    const bad = re.verboden.exec(text);
    if (bad) {
      const code = "U+" + bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
      throw new Refused(fillIn(M.stuurteken, { code: code }));
    }
  }

  function number(veld, text) {
    const match = re.getal.exec(text);
    if (!match) {
      if (re.puntDecimaal.test(text)) {
        if (veld.decimalen)
          throw new Refused(fillIn(M.punt_decimaal, { waarde: text, voorbeeld: text.replace(".", ",") }));
        throw new Refused(fillIn(M.heel_getal, { waarde: text }));
      }
      throw new Refused(fillIn(M.getal, { waarde: text }));
    }
    const sign = match[1];
    const whole = match[2].replace(/[^0-9]/g, "");
    const frac = match[3] || "";
    if (frac && !veld.decimalen) {
      if (frac.length === 3 && whole.length <= 3 && whole === match[2] && whole[0] !== "0") {
        const meant = sign + whole + frac;
        throw new Refused(
          fillIn(M.duizendtal, { waarde: text, bedoeld: formatNumber(meant), kaal: String(BigInt(meant)) }),
        );
      }
      throw new Refused(fillIn(M.heel_getal, { waarde: text }));
    }
    if (frac.length > veld.decimalen) throw new Refused(fillIn(M.decimalen, { aantal: veld.decimalen, waarde: text }));
    if (whole.replace(/^0+/, "").length + frac.length > spec.max_cijfers)
      throw new Refused(fillIn(M.te_lang, { waarde: text }));
    const plain = sign + whole + (frac ? "." + frac : "");
    for (const [key, outside] of [
      ["min", (c) => c < 0],
      ["max", (c) => c > 0],
    ]) {
      if (veld[key] !== null && outside(compareDecimal(plain, veld[key]))) {
        const bron = veld[key + "_bron"] ? " (" + veld[key + "_bron"] + ")" : "";
        throw new Refused(fillIn(M[key], { [key]: veld[key + "_tekst"], waarde: formatNumber(plain), bron: bron }));
      }
    }
    return { waarde: Number(plain) + 0, tekst: formatNumber(plain), plain: plain };
  }

  function days(veld, text) {
    const names = {};
    for (const day of spec.weekdagen) for (const alias of day) names[alias] = day[0];
    const found = [];
    for (const word of text.split(re.dagenScheiding)) {
      if (word === "" || word.toLowerCase() === "en") continue;
      const day = Object.prototype.hasOwnProperty.call(names, word.toLowerCase()) ? names[word.toLowerCase()] : null;
      if (day === null) throw new Refused(fillIn(M.dag, { woord: word }));
      if (found.includes(day)) throw new Refused(fillIn(M.dag_dubbel, { dag: day }));
      found.push(day);
    }
    for (const [key, outside] of [
      ["min", (n, b) => n < b],
      ["max", (n, b) => n > b],
    ]) {
      if (veld[key] !== null && outside(found.length, Number(veld[key])))
        throw new Refused(fillIn(M["dagen_" + key], { aantal: found.length, [key]: veld[key + "_tekst"] }));
    }
    const tekst = found.length === 1 ? found[0] : found.slice(0, -1).join(", ") + " en " + found[found.length - 1];
    return { waarde: found, tekst: tekst };
  }

  /* {waarde, tekst} of one non-empty value (dates also carry {datum}, numbers {plain}), or Refused. */
  function parse(veld, value) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) throw new Refused(M.een_waarde);
    if (veld.type === "lijst") {
      const items = (Array.isArray(value) ? value : [value]).flatMap((item) => lines(asText(item)));
      items.forEach(checkCharacters);
      return { waarde: items, tekst: items.join("\n") };
    }
    if (Array.isArray(value)) throw new Refused(M.een_waarde);
    const text = asText(value);
    if (veld.type === "tekst") {
      checkCharacters(text);
      return { waarde: text, tekst: re.regeleinde.test(text) ? lines(text).join(", ") : text };
    }
    const trimmed = trim(text);
    if (veld.type === "ja/nee") {
      const t = trimmed.toLowerCase();
      if (t !== "ja" && t !== "nee") throw new Refused(fillIn(M.ja_nee, { waarde: text }));
      return { waarde: t, tekst: t };
    }
    if (veld.type === "keuze") {
      const chosen = veld.keuzes.find((k) => k.toLowerCase() === trimmed.toLowerCase());
      if (chosen === undefined) throw new Refused(fillIn(M.keuze, { keuzes: veld.keuzes.join(", "), waarde: trimmed }));
      return { waarde: chosen, tekst: chosen };
    }
    if (veld.type === "datum") {
      if (!re.datum.test(trimmed)) throw new Refused(fillIn(M.datum, { waarde: trimmed }));
      const day = parseDate(trimmed, re.datum);
      if (!day) throw new Refused(fillIn(M.bestaat_niet, { waarde: trimmed }));
      return { waarde: day.iso, tekst: dateText(spec.maanden, day), datum: day };
    }
    if (veld.type === "tijd") {
      const match = re.tijd.exec(trimmed);
      if (!match) throw new Refused(fillIn(M.tijd, { waarde: trimmed }));
      const hours = Number(match[1]);
      return { waarde: String(hours).padStart(2, "0") + ":" + match[2], tekst: hours + "." + match[2] };
    }
    if (veld.type === "dagen") return days(veld, trimmed);
    return number(veld, trimmed);
  }

  return { parse: parse, empty: empty, trim: trim };
}

/* ---- Rules ----------------------------------------------------------------------------------------------- */

function clock(value) {
  const [h, m] = value.split(":");
  return Number(h) * 60 + Number(m);
}

/* The longer of one working day (begin to end, less the break) and the average over the days, in minutes. */
function minutesPerDay(parsed, velden) {
  const [begin, einde, pauze, klokuren, dagen] = velden.map((n) => parsed[n]);
  const day = clock(einde.waarde) - clock(begin.waarde) - Number(pauze.plain);
  const average = Math.round((Number(klokuren.plain) * 60) / Number(dagen.plain));
  return Math.max(day, average);
}

/* A clock hour from the spec as a school writes it: "7" -> "7.00", "6.5" -> "6.30". */
function hour(hours) {
  if (hours === null) return "";
  const minutes = Math.trunc(Number(hours) * 60);
  return Math.floor(minutes / 60) + "." + String(minutes % 60).padStart(2, "0");
}

function duration(M, minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes - hours * 60;
  return rest ? fillIn(M.duur_minuten, { uren: hours, minuten: rest }) : fillIn(M.duur, { uren: hours });
}

/* One derived value (and its date text), when its inputs are there; otherwise it stays absent. */
function derive(spec, afgeleid, parsed, troubled, waarden, teksten) {
  const inputs = [afgeleid.geboortedatum, afgeleid.peildatum].concat(afgeleid.datum ? [afgeleid.einddatum] : []);
  if (afgeleid.datum) teksten[afgeleid.datum] = "";
  if (inputs.some((n) => !(n in parsed) || troubled.has(n))) return;
  const born = parsed[afgeleid.geboortedatum].datum;
  const years = age(born, parsed[afgeleid.peildatum].datum);
  if (afgeleid.soort === "jonger-dan") {
    waarden[afgeleid.naam] = compareDecimal(String(years), afgeleid.grens) < 0 ? "ja" : "nee";
    return;
  }
  const fase = afgeleid.fasen.find((f) => f.tot === null || compareDecimal(String(years), f.tot) < 0);
  const turns = fase.overgang ? birthday(born, Number(fase.tot)) : null;
  const reached = turns !== null && turns.iso <= parsed[afgeleid.einddatum].waarde;
  waarden[afgeleid.naam] = reached ? fase.overgang : fase.naam;
  if (reached) teksten[afgeleid.datum] = dateText(spec.maanden, turns);
}

/* The problems one rule finds; a rule whose inputs are missing or in trouble says nothing. */
function rule(spec, regel, parsed, troubled, waarden) {
  const velden = regel.velden;
  const leeftijdVelden = [regel.geboortedatum, regel.peildatum].filter((n) => n);
  const inputs = {
    na: velden,
    "ten-hoogste": velden,
    leeftijd: leeftijdVelden,
    "verplicht-als": regel.als ? [regel.als.veld] : [],
    "uren-per-dag": velden.concat(leeftijdVelden),
    "dag-niet": velden.concat(leeftijdVelden),
    tijdvak: velden.concat(leeftijdVelden),
    pauze: velden.concat(leeftijdVelden),
  }[regel.soort];
  const known = (n) => n in parsed || n in waarden;
  if (inputs.some((n) => !known(n) || troubled.has(n))) return [];
  if (regel.soort === "verplicht-als") {
    if (!regel.als.is.includes(waarden[regel.als.veld])) return [];
    return velden.filter((n) => !(n in parsed) && !troubled.has(n)).map((n) => ({ veld: n, melding: regel.melding }));
  }
  const years = leeftijdVelden.length ? age(parsed[regel.geboortedatum].datum, parsed[regel.peildatum].datum) : 0;
  let melding = regel.melding;
  const shown = (naam) => (naam in parsed ? parsed[naam].tekst : "");
  const values = { eerste: shown(velden[0]), tweede: shown(velden[velden.length - 1]), leeftijd: years };
  const below = (limit) => limit === null || compareDecimal(String(years), limit) < 0;
  let wrong;
  if (regel.soort === "na") {
    wrong = parsed[velden[1]].waarde <= parsed[velden[0]].waarde; // ISO dates and "HH:MM" times compare as text
  } else if (regel.soort === "ten-hoogste") {
    wrong = compareDecimal(parsed[velden[0]].plain, parsed[velden[1]].plain) > 0;
  } else if (regel.soort === "leeftijd") {
    values.min = formatNumber(regel.min === null ? "0" : regel.min);
    values.max = formatNumber(regel.max === null ? "0" : regel.max);
    wrong =
      (regel.min !== null && compareDecimal(String(years), regel.min) < 0) ||
      (regel.max !== null && compareDecimal(String(years), regel.max) > 0);
  } else {
    const band = regel.grenzen.find((g) => below(g.tot));
    if (!band) return [];
    melding = band.melding;
    if (regel.soort === "dag-niet") {
      values.dag = band.dag;
      wrong = band.dag !== null && parsed[velden[0]].waarde.includes(band.dag);
    } else if (regel.soort === "tijdvak") {
      const minutes = clock(parsed[velden[0]].waarde);
      values.vroegst = hour(band.vroegst);
      values.laatst = hour(band.laatst);
      wrong =
        (band.vroegst !== null && minutes < Number(band.vroegst) * 60) ||
        (band.laatst !== null && minutes > Number(band.laatst) * 60);
    } else if (regel.soort === "pauze") {
      if (band.na === null || band.minuten === null) return [];
      const [begin, einde, pauze] = velden.map((n) => parsed[n]);
      const pause = Number(pauze.plain);
      const work = clock(einde.waarde) - clock(begin.waarde) - pause;
      values.uren = duration(spec.meldingen, work);
      values.na = formatNumber(band.na);
      values.minuten = formatNumber(band.minuten);
      wrong = work > Number(band.na) * 60 && pause < Number(band.minuten);
    } else {
      const minutes = minutesPerDay(parsed, velden);
      values.uren = duration(spec.meldingen, minutes);
      values.max = formatNumber(band.max);
      wrong = compareDecimal(String(minutes), String(Number(band.max) * 60)) > 0;
    }
  }
  return wrong ? [{ veld: regel.veld, melding: fillIn(melding, values) }] : [];
}

/* ---- check ----------------------------------------------------------------------------------------------- */

export function check(spec, raw) {
  const p = makeParser(spec);
  const M = spec.meldingen;
  const velden = Object.fromEntries(spec.velden.map((v) => [v.naam, v]));
  const fouten = Object.keys(raw)
    .filter((naam) => !(naam in velden))
    .map((naam) => ({ veld: naam, melding: M.onbekend }));
  const result = { waarden: {}, teksten: {}, fouten: fouten, waarschuwingen: [] };
  const refused = {};
  const parsed = {};
  for (const veld of spec.velden) {
    const value = raw[veld.naam];
    if (p.empty(value)) continue;
    try {
      parsed[veld.naam] = p.parse(veld, value);
    } catch (exc) {
      if (!(exc instanceof Refused)) throw exc;
      refused[veld.naam] = fillIn(M.veld, { label: veld.label, melding: exc.message });
    }
  }
  const counts = (naam) => {
    const als = velden[naam].als;
    return als === null || (counts(als.veld) && als.veld in parsed && als.is.includes(parsed[als.veld].waarde));
  };
  const stored = {};
  for (const veld of spec.velden) {
    const naam = veld.naam;
    if (!counts(naam)) {
      if (naam in parsed || naam in refused) {
        const values = {
          label: veld.label,
          voorwaarde: velden[veld.als.veld].label,
          waarden: veld.als.is.join(" of "),
        };
        result.waarschuwingen.push({ veld: naam, melding: fillIn(M.niet_gebruikt, values) });
      }
      result.teksten[naam] = "";
    } else if (naam in refused) {
      fouten.push({ veld: naam, melding: refused[naam] });
    } else if (naam in parsed) {
      stored[naam] = parsed[naam];
      result.waarden[naam] = parsed[naam].waarde;
      result.teksten[naam] = parsed[naam].tekst;
    } else {
      result.teksten[naam] = "";
      if (veld.verplicht) fouten.push({ veld: naam, melding: fillIn(M.verplicht, { label: veld.label }) });
    }
  }
  const troubled = new Set(fouten.map((f) => f.veld));
  for (const afgeleid of spec.afgeleid) derive(spec, afgeleid, stored, troubled, result.waarden, result.teksten);
  for (const regel of spec.regels) {
    for (const found of rule(spec, regel, stored, troubled, result.waarden)) {
      if (regel.ernst === "waarschuwing") result.waarschuwingen.push(found);
      else {
        fouten.push(found);
        troubled.add(found.veld);
      }
    }
  }
  // unknown fields first, then as the form shows them (a stable sort keeps a field's own order)
  const order = Object.fromEntries(spec.velden.map((v, i) => [v.naam, i]));
  const place = (f) => (f.veld in order ? order[f.veld] : -1);
  result.fouten = fouten.slice().sort((a, b) => place(a) - place(b));
  return result;
}
