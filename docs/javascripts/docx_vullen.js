/* Fill an agreement's one template DOCX in the browser: generators/docx/fill.py, step for step.
   The template marks regions `⟦als:N⟧` … `⟦/als⟧` (kept when condition N holds), paragraphs for the blank
   document only `⟦blanco⟧`, bulleted list paragraphs `⟦lijst:veld⟧` (one per item), clause numbers `⟦#artikel⟧`
   and `⟦#lid⟧`, and values `⟦veld⟧`. Parts that hold tokens are stored, the others keep their compressed bytes,
   so the file equals the one the CLI makes, byte for byte (tests/test_samenstellen.py). */
import * as zip from "./zip.js";

const TOKEN = /⟦([^⟦⟧<>]*)⟧/g;
const TEXT_RUN = /(<w:t(?: [^>]*)?>)([^<]*)(<\/w:t>)/g;
const BLOCK = /<w:tbl>.*?<\/w:tbl>|<w:p(?: [^>]*)?\/>|<w:p(?: [^>]*)?>.*?<\/w:p>/gs;
const REGION_START = /⟦als:(\d+)⟧/;
const REGION_END = "⟦/als⟧";
const BLANK_ONLY = "⟦blanco⟧";
const LIST_ITEM = /⟦lijst:([a-z][a-z0-9_]*)⟧/;
const NUMBER = /⟦#(artikel|lid)⟧/g;
const FILLED_PARTS = /^(word\/(document|header\d*|footer\d*)\.xml|docProps\/(core|custom|app)\.xml)$/;
const BREAK = '</w:t><w:br/><w:t xml:space="preserve">';

function escapeXml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/* Replace every token `lookup` knows (it returns null otherwise); in Word parts only inside text runs. */
function fillTokens(xml, lookup, word) {
  const inText = (t) =>
    t.replace(TOKEN, (whole, name) => {
      const value = lookup(name);
      if (value === null) return whole;
      let escaped = escapeXml(value);
      if (word) escaped = escaped.replace(/\r\n/g, "\n").replace(/\r/g, "\n").replace(/\n/g, BREAK);
      return escaped;
    });
  if (!word) return inText(xml);
  return xml.replace(TEXT_RUN, (whole, open, body, close) =>
    body.includes("⟦") ? '<w:t xml:space="preserve">' + inText(body) + close : whole,
  );
}

/* Keep what the conditions allow, number clauses, repeat list paragraphs, fill values: one pass per block. */
function blocks(xml, invulling) {
  const open = [];
  const counters = { artikel: 0, lid: 0 };
  const blank = invulling.voorwaarden === null;
  const teksten = (name) =>
    Object.prototype.hasOwnProperty.call(invulling.teksten, name) ? invulling.teksten[name] : null;
  const number = (whole, kind) => {
    counters[kind] += 1;
    if (kind === "artikel") {
      counters.lid = 0;
      return String(counters.artikel);
    }
    return counters.artikel + "." + counters.lid;
  };
  return xml.replace(BLOCK, (whole) => {
    let text = whole;
    const start = REGION_START.exec(text);
    if (start) {
      open.push(blank || invulling.voorwaarden[Number(start[1])]);
      return "";
    }
    if (text.includes(REGION_END)) {
      open.pop();
      return "";
    }
    if (!open.every(Boolean)) return "";
    if (text.includes(BLANK_ONLY)) {
      if (!blank) return "";
      text = text.split(BLANK_ONLY).join("");
    }
    text = text.replace(NUMBER, number);
    const item = LIST_ITEM.exec(text);
    if (item) {
      const name = item[0].slice(1, -1);
      const items = invulling.lijsten[item[1]] || [];
      return items.map((value) => fillTokens(text, (n) => (n === name ? value : teksten(n)), true)).join("");
    }
    return fillTokens(text, teksten, true);
  });
}

/* The template unpacked once: every entry, and the text of the parts that hold tokens. */
export async function unpack(buffer) {
  const entries = zip.read(buffer);
  const decoder = new TextDecoder("utf-8");
  return Promise.all(
    entries.map(async (entry) => {
      if (!FILLED_PARTS.test(entry.name)) return { entry: entry, text: null };
      const xml = decoder.decode(await zip.content(entry));
      return { entry: entry, text: xml.includes("⟦") ? xml : null };
    }),
  );
}

/* invulling: {teksten: {veld: text}, lijsten: {veld: [items]}, voorwaarden: [bool] or null for the blank}. */
export function fill(parts, invulling) {
  const encoder = new TextEncoder();
  const teksten = (name) =>
    Object.prototype.hasOwnProperty.call(invulling.teksten, name) ? invulling.teksten[name] : null;
  const entries = parts.map((p) => {
    if (p.text === null) return p.entry;
    const xml =
      p.entry.name === "word/document.xml"
        ? blocks(p.text, invulling)
        : fillTokens(p.text, teksten, p.entry.name.startsWith("word/"));
    return zip.stored(p.entry, encoder.encode(xml));
  });
  return zip.write(entries);
}

/* What goes into the document (documenten.Agreements.tailored): texts, list items, which regions hold. */
export function invulling(spec, result) {
  const teksten = {};
  const lijsten = {};
  for (const veld of spec.velden) {
    teksten[veld.naam] = veld.naam in result.teksten ? result.teksten[veld.naam] : "";
    if (veld.type === "lijst") lijsten[veld.naam] = result.waarden[veld.naam] || [];
  }
  for (const naam of spec.afgeleide_teksten) teksten[naam] = naam in result.teksten ? result.teksten[naam] : "";
  const voorwaarden = spec.voorwaarden.map((c) => c.is.includes(result.waarden[c.veld]));
  return { teksten: teksten, lijsten: lijsten, voorwaarden: voorwaarden };
}
