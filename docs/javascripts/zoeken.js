// Site search on the static Pagefind index (built at build time, served from this site only).
// A result is an answer: Pagefind's sub-results (every statement, lid, onderdeel, FAQ answer and section is a
// heading with an id in the index; generators/site/zoeken.py) are shown under their page, each with the statement's
// label, first citation and who carries it (zoeken/antwoorden.json). Filters (kind of page, label) use Pagefind's
// own filters and counts and live in the address with the question, so a search can be shared.
// Query normalisation: question words are dropped, abbreviations (from content/begrippen.yaml) are expanded,
// and when all words together find too little, each word is searched on its own and the results are merged.
// The first result is the best answer of Pagefind's best pages, ranked on the answers' own text (see "Which answer
// is the best" below).

const STOPWORDS = new Set(
  (
    "aan al alle als betekent betekenis bij dan dat de deze die dit door een en er hoe hoeveel hun ik in is je " +
    "kan kun kunnen vraag vragen " +
    "mag me met moet moeten mijn na naar niet nog of om onze ook op over te tot u uit van voor wat welk welke " +
    "wanneer waar wie wij wil worden wordt ze zijn zo"
  ).split(" "),
);
// For ranking answers also the rest of Snowball's Dutch stop list (snowballstem.org/algorithms/dutch/stop.txt).
const FUNCTION_WORDS = new Set([
  ...STOPWORDS,
  ...(
    "ik hij het zijn was had maar hem zou men zich der daar haar heb heeft hebben want zal zij nu ge geen omdat iets " +
    "toch waren veel meer doen toen ben zonder dus alles onder ja eens hier werd altijd doch wezen ons zelf tegen " +
    "reeds kon niets uw iemand geweest andere"
  ).split(" "),
]);
const MIN_RESULTS = 3;
const PAGES_SHOWN = 10;
const ANSWERS_PER_PAGE = 3;
const FILTERS = [
  { name: "soort", legend: "Soort pagina" },
  { name: "label", legend: "Label van de uitspraak" },
];
const LABEL_ORDER = ["MOET", "MAG", "MAG NIET", "ADVIES", "open vraag"];

const here = new URL(import.meta.url);
const root = new URL("../", here);

function words(query, stop = STOPWORDS) {
  return query
    .toLowerCase()
    .replace(/(?<!\d)[.:]|[.:](?!\d)|[^\p{L}\p{N}\s.:-]/gu, " ") // 2.103 and 3:1 stay one number
    .split(/\s+/)
    .filter((w) => w && !stop.has(w));
}

// The query as typed, and (if it holds abbreviations) once more with them written out.
function variants(terms, abbreviations) {
  const expanded = terms.map((w) => abbreviations[w] ?? w);
  return expanded.join(" ") === terms.join(" ") ? [terms] : [terms, expanded];
}

async function run(pagefind, abbreviations, query, filters) {
  const typed = words(query);
  if (typed.length === 0) return { results: [], counts: {} };
  // Rank: pages that hold every word first, then by how many of the words they hold, then by Pagefind's score.
  const pages = new Map();
  const entry = (r) => {
    if (!pages.has(r.id)) pages.set(r.id, { result: r, all: false, words: 0, score: 0 });
    return pages.get(r.id);
  };
  let found = 0;
  let counts = null;
  for (const terms of variants(typed, abbreviations)) {
    const search = await pagefind.search(terms.join(" "), { filters });
    counts ??= search.totalFilters; // counts for the question without filters: a group keeps its choices
    for (const r of search.results) {
      const e = entry(r);
      e.all = true;
      e.score = Math.max(e.score, r.score);
    }
    found += search.results.length;
  }
  if (found < MIN_RESULTS && typed.length > 1) {
    for (const term of new Set(typed)) {
      // An abbreviation and its written-out form count as one word.
      const hits = new Map();
      for (const form of new Set([term, abbreviations[term] ?? term])) {
        const search = await pagefind.search(form, { filters });
        for (const r of search.results) hits.set(r.id, r);
      }
      for (const r of hits.values()) {
        const e = entry(r);
        e.words += 1;
        e.score = Math.max(e.score, r.score);
      }
    }
  }
  let results = [...pages.values()]
    .sort((a, b) => b.all - a.all || b.words - a.words || b.score - a.score)
    .map((e) => e.result);
  // "Wat betekent BBL?": the begrippen page first, where Pagefind found the words there at all
  if (DEFINITION.test(query) && !filters.soort && !filters.label) {
    const begrip = (await pagefind.search(typed.join(" "), { filters: { ...filters, soort: ["begrip"] } })).results[0];
    if (begrip) results = [begrip, ...results.filter((r) => r.id !== begrip.id)];
  }
  return { results, counts: counts ?? {} };
}

// The key of an answer in zoeken/antwoorden.json: its address relative to the site root, with the anchor.
function answerKey(url) {
  const address = new URL(url, location.href);
  return decodeURIComponent(address.pathname.slice(root.pathname.length)) + address.hash;
}

// --- Which answer is the best ------------------------------------------------------------------------------------
// Pagefind ranks pages; within a page it only says where the words were found. The answers (sub-results: every
// heading with an id, as Pagefind splits a page) of Pagefind's first POOL pages are ranked again, together, on their
// own text, the way a search engine ranks documents (BM25): each word of the question an answer holds counts, the more
// so the fewer of these answers hold it (a word every answer holds, like "leerling", tells little), with diminishing
// returns for a word repeated (K1) and a little less for a long answer (B). A word in the answer's title counts TITLE
// times, a word of its anchor (its short name in the address, like "werktijden-kind-pauze") ANCHOR times more, as
// search engines weigh the words of an address. Words are compared by their Dutch stem (the Snowball stemmer Pagefind
// uses for Dutch), without Snowball's Dutch stop words; a question word that ends a longer word counts SUFFIX (Dutch
// compounds name their kind last: a "samenwerkingsovereenkomst" is an "overeenkomst"), one that begins it PREFIX
// ("kassa" in "kassawerk"). Then what the words miss, as factors:
// - age: "15 jaar", "van 16", "onder de 16", "16 of 17", "18+" and "meerderjarig" in the question are compared with
//   the ages an answer is about (its title, else the leeftijd of the statement's geldt_voor in zoeken/antwoorden.json):
//   AGE_MATCH when they overlap, AGE_OTHER when not;
// - kind: a statement, FAQ answer or lid of a law is an answer; a page's top or a section of an agreement, guide or
//   overview page explains (OTHER_KIND); a begrippen entry answers "wat betekent X" / "wat is X" (BEGRIP_ASKED, and
//   for these questions the begrippen page joins the pool) and otherwise only defines (BEGRIP_NOT_ASKED);
// - a lid the question names exactly ("art 3:1 ... lid 2", not its onderdeel a): REFERENCE;
// - Pagefind's own order of the pages counts a little (PAGE_RANK).
// The constants were set on tests/zoekvragen.yaml (tests/test_zoeken.py prints the rate); K1 is BM25's usual value.
const POOL = 5; // pages whose answers compete for the first place
const TITLE = 3; // a word of the title
const ANCHOR = 3; // a word of the anchor, added
const K1 = 1.2; // BM25: how fast a repeated word stops adding
const B = 0.5; // BM25: how much a long answer is discounted
const PREFIX = 0.2; // a question word that begins a longer word
const SUFFIX = 0.5; // a question word that ends a longer word
const AGE_MATCH = 1.5; // an answer about the age the question names
const AGE_OTHER = 0.3; // an answer about another age
const OTHER_KIND = 0.8; // a section of a page that is not a statement, FAQ answer, lid or begrip
const BEGRIP_ASKED = 2; // a begrippen entry for "wat betekent X"
const BEGRIP_NOT_ASKED = 0.2; // a begrippen entry for any other question
const REFERENCE = 2; // a lid the question names exactly: its article, lid and onderdeel
const PAGE_RANK = 0.1; // each place lower in Pagefind's page order: the score divided by 1 + PAGE_RANK * place

const ANSWER_KINDS = new Set(["uitspraak", "veelgestelde vraag", "wetsartikel"]);
const DEFINITION = /^\s*wat\s+(betekent|betekenen|is|zijn|houdt\b.*\bin\b)|\bbetekenis\b/i;

// Dutch stemmer: the Snowball "dutch" algorithm (snowballstem.org/algorithms/dutch/stemmer.html), the one Pagefind
// stems Dutch with. Input: lower case, without accents.
const isVowel = (c) => c !== undefined && "aeiouyè".includes(c);
function stem(word) {
  if (word.length < 3 || /\d/.test(word)) return word;
  const c = [...word];
  if (c[0] === "y") c[0] = "Y";
  for (let i = 1; i < c.length; i++) {
    if (!isVowel(c[i - 1])) continue;
    if (c[i] === "y") c[i] = "Y";
    else if (c[i] === "i" && isVowel(c[i + 1])) c[i] = "I";
  }
  const region = (from) => {
    for (let i = from + 1; i < c.length; i++) if (isVowel(c[i - 1]) && !isVowel(c[i])) return i + 1;
    return c.length;
  };
  let r1 = region(0);
  const r2 = region(r1);
  r1 = Math.max(r1, 3);
  let s = c.join("");
  const inR = (r, n) => s.length - n >= r;
  const undouble = () => {
    if (/(kk|dd|tt)$/.test(s)) s = s.slice(0, -1);
  };
  const enEnding = (n) => {
    const before = s.slice(0, -n);
    return before && !isVowel(before.at(-1)) && !before.endsWith("gem");
  };
  const step2 = () => {
    if (s.endsWith("e") && inR(r1, 1) && s.length > 1 && !isVowel(s.at(-2))) {
      s = s.slice(0, -1);
      undouble();
      return true;
    }
    return false;
  };
  if (s.endsWith("heden")) {
    if (inR(r1, 5)) s = s.slice(0, -5) + "heid";
  } else if (/en[e]?$/.test(s)) {
    const n = s.endsWith("ene") ? 3 : 2;
    if (inR(r1, n) && enEnding(n)) {
      s = s.slice(0, -n);
      undouble();
    }
  } else if (/se?$/.test(s)) {
    const n = s.endsWith("se") ? 2 : 1;
    const before = s.at(-n - 1);
    if (inR(r1, n) && before !== undefined && !isVowel(before) && before !== "j") s = s.slice(0, -n);
  }
  const eFound = step2();
  if (s.endsWith("heid") && inR(r2, 4) && s.at(-5) !== "c") {
    s = s.slice(0, -4);
    if (s.endsWith("en") && inR(r1, 2) && enEnding(2)) {
      s = s.slice(0, -2);
      undouble();
    }
  }
  if (/(end|ing)$/.test(s)) {
    if (inR(r2, 3)) {
      s = s.slice(0, -3);
      if (s.endsWith("ig") && inR(r2, 2) && s.at(-3) !== "e") s = s.slice(0, -2);
      else undouble();
    }
  } else if (s.endsWith("ig")) {
    if (inR(r2, 2) && s.at(-3) !== "e") s = s.slice(0, -2);
  } else if (s.endsWith("lijk")) {
    if (inR(r2, 4)) {
      s = s.slice(0, -4);
      step2();
    }
  } else if (s.endsWith("baar")) {
    if (inR(r2, 4)) s = s.slice(0, -4);
  } else if (s.endsWith("bar")) {
    if (inR(r2, 3) && eFound) s = s.slice(0, -3);
  }
  if (/[^aeiouyè](aa|ee|oo|uu)[^aeiouyèI]$/.test(s)) s = s.slice(0, -2) + s.at(-1);
  return s.replace(/I/g, "i").replace(/Y/g, "y");
}

const stems = new Map(); // word -> stem, for the whole visit
const stemmed = (w) => {
  if (!stems.has(w)) stems.set(w, stem(w));
  return stems.get(w);
};
const plain = (text) =>
  text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");

// The words of a text, stemmed; "2.103", "3:1" and "10b3" stay one word. A compound with a hyphen gives, in an
// answer's text, its parts and the whole; in the question only the whole, so "leerwerktraject", "leer-werktraject"
// and "leer-werktrajecten" are one question.
function textWords(text, inQuestion = false) {
  const found = [];
  for (const [compound] of plain(text).matchAll(/[\p{L}\p{N}]+(?:[-.:][\p{L}\p{N}]+)*/gu)) {
    const parts = /\d[.:]\d/.test(compound) ? [compound] : compound.split(/[-.:]/);
    if (!inQuestion || parts.length === 1) for (const part of parts) found.push(stemmed(part));
    if (parts.length > 1) found.push(stemmed(parts.join("")));
  }
  return found;
}

// Ages written as words count too ("jonger dan zestien jaar").
const NUMBERS = { twaalf: 12, dertien: 13, veertien: 14, vijftien: 15, zestien: 16, zeventien: 17, achttien: 18 };
// An age is a whole number from 12 to 25 (not a clock time like "19.00", nor a count of pupils or hours).
const N = String.raw`(\d+)(?![.,:]\d)`;
const AGE_PATTERNS = [
  [`\\b${N} (?:of|en|tot) ${N}`, (a, b) => [a, b]],
  [`\\b(?:jonger dan|onder de) ${N}`, (a) => [0, a - 1]],
  [`\\b${N} ?\\+|\\b(?:vanaf|boven de) ${N}|\\b${N} jaar of ouder`, (a) => [a, 99]],
  [`\\bouder dan ${N}`, (a) => [a + 1, 99]],
  [`\\b${N}(?= ?jaar\\b| ?-?jarige?\\b)|\\b(?:van|kind|leerling|stagiair|dochter|zoon|is) ${N}`, (a) => [a, a]],
].map(([pattern, range]) => [new RegExp(pattern, "g"), range]);
const YOUNGEST = 12;
const OLDEST = 25;
// The ages a text names, as a list of [youngest, oldest], or null.
function ages(text) {
  let t = plain(text).replace(/\b[a-z]+\b/g, (w) => NUMBERS[w] ?? w);
  const found = [];
  for (const [pattern, range] of AGE_PATTERNS) {
    t = t.replace(pattern, (match, ...groups) => {
      const numbers = groups
        .slice(0, -2)
        .filter((g) => g !== undefined)
        .map(Number);
      if (numbers.some((n) => n < YOUNGEST || n > OLDEST)) return match;
      found.push(range(...numbers));
      return " ";
    });
  }
  if (/\bmeerderjarig/.test(t)) found.push([18, 99]);
  if (/\bminderjarig/.test(t)) found.push([0, 17]);
  return found.length ? found : null;
}
const overlap = (some, others) => some.some(([a, b]) => others.some(([c, d]) => a <= d && c <= b));

// A reference to a lid of a law: "art 3:1 ... lid 2", "2.103 lid 6 onderdeel a" (article number, lid, onderdeel).
function reference(text) {
  const t = plain(text);
  const lid = t.match(/\blid (\d+)/)?.[1];
  if (!lid) return null;
  return { article: t.match(/\b\d+[.:]\d+[a-z]?\b/)?.[0], lid, onderdeel: t.match(/\bonderdeel ([a-z])\b/)?.[1] };
}

// The same lid and onderdeel (none is none), of the same article when the question names one.
const sameLid = (found, asked) =>
  found.lid === asked.lid && found.onderdeel === asked.onderdeel && (!asked.article || found.article === asked.article);

// The question for the ranking: its stemmed words (abbreviations also written out), its ages, whether it asks what a
// term means, and the lid of a law it names.
function question(query, abbreviations) {
  const typed = words(plain(query), FUNCTION_WORDS);
  const all = [...typed, ...typed.map((w) => abbreviations[w]).filter(Boolean)];
  return {
    terms: [...new Set(all.flatMap((w) => textWords(w, true)))],
    age: ages(query),
    definition: DEFINITION.test(query),
    reference: reference(query),
  };
}

// An answer's words, once per visit: the words of its passage (from its heading to the next one, Pagefind's own split
// of the page into sub-results), a word of its title TITLE times more, a word of its anchor (the answer's short name
// in its address, like "werktijden-kind-pauze") ANCHOR times more, as search engines weigh the words of an address.
const passages = new Map(); // page url#anchor -> { words: Map(stem -> weighted count), length }
const contents = new WeakMap(); // a page's data -> its words
function passage(data, sub) {
  const key = sub.url;
  if (passages.has(key)) return passages.get(key);
  const headings = (data.anchors ?? []).filter((a) => /^h[1-6]$/.test(a.element) && a.id);
  const at = headings.findIndex((a) => a.id === sub.anchor?.id);
  let found = null;
  if (at >= 0) {
    if (!contents.has(data)) contents.set(data, (data.content ?? "").split(/\s+/)); // Pagefind's locations count these
    const all = contents.get(data);
    const text = all.slice(headings[at].location, headings[at + 1]?.location ?? all.length).join(" ");
    const counted = new Map();
    const add = (w, n) => counted.set(w, (counted.get(w) ?? 0) + n);
    const body = textWords(text);
    for (const w of body) add(w, 1);
    for (const w of new Set(textWords(headings[at].text ?? ""))) add(w, TITLE - 1);
    for (const w of new Set(textWords(headings[at].id.replace(/-/g, " ")))) add(w, ANCHOR);
    found = { words: counted, length: body.length };
  }
  passages.set(key, found);
  return found;
}

// How often each question word occurs in an answer (weighted as above), as the end or start of a longer word less.
function frequencies(passage, terms) {
  const f = new Map(terms.map((t) => [t, 0]));
  for (const [w, count] of passage.words) {
    for (const term of terms) {
      if (w === term) f.set(term, f.get(term) + count);
      else if (term.length >= 4 && w.startsWith(term)) f.set(term, f.get(term) + PREFIX * count);
      else if (term.length >= 4 && w.endsWith(term)) f.set(term, f.get(term) + SUFFIX * count);
    }
  }
  return f;
}

// A page's candidate answers: its sub-results (Pagefind's headings with a hit), with a label filter only the
// statements with that label.
function candidates(data, answers, label) {
  let subs = (data.sub_results ?? []).filter((s) => s.url.includes("#"));
  if (label) {
    subs = subs.filter((s) => {
      const a = answers[answerKey(s.url)];
      return a && (label === "open vraag" ? a.open_vraag : a.label === label);
    });
  }
  return subs;
}

// The factor for what the answer is and whom it is about (see above).
function fit(sub, data, answer, asked) {
  let factor = 1;
  const kind = data.filters?.soort?.[0];
  if (kind === "begrip") factor *= asked.definition ? BEGRIP_ASKED : BEGRIP_NOT_ASKED;
  else if (!ANSWER_KINDS.has(kind) || sub.anchor?.element === "h1") factor *= OTHER_KIND;
  const about = ages(sub.title ?? "") ?? (answer?.leeftijd ? [answer.leeftijd] : null);
  if (asked.age && about) factor *= overlap(asked.age, about) ? AGE_MATCH : AGE_OTHER;
  const named = asked.reference && kind === "wetsartikel" && reference(sub.title ?? "");
  if (named && sameLid(named, asked.reference)) factor *= REFERENCE;
  return factor;
}

// The pages with their best answers: the answers of the first POOL pages are scored together, and those pages are
// ordered by their best answer, so the first result is the best answer Pagefind's best pages hold. Later pages keep
// Pagefind's order.
function rankAnswers(items, answers, label, asked) {
  const pages = items.map((data, i) => {
    const subs = candidates(data, answers, label).map((s, j) => ({ s, j, passage: passage(data, s) }));
    for (const h of subs) h.f = h.passage ? frequencies(h.passage, asked.terms) : new Map();
    return { data, i, subs };
  });
  const pool = pages.slice(0, POOL).flatMap((p) => p.subs.filter((h) => h.passage));
  const average = pool.reduce((sum, h) => sum + h.passage.length, 0) / (pool.length || 1);
  const rarity = new Map(
    asked.terms.map((term) => {
      const n = pool.filter((h) => h.f.get(term) > 0).length;
      return [term, Math.log(1 + (pool.length - n + 0.5) / (n + 0.5))];
    }),
  );
  for (const page of pages) {
    for (const h of page.subs) {
      if (!h.passage) {
        h.score = 0;
        continue;
      }
      const norm = K1 * (1 - B + (B * h.passage.length) / average);
      const bm25 = asked.terms.reduce((sum, term) => {
        const f = h.f.get(term);
        return sum + ((rarity.get(term) ?? 0) * f * (K1 + 1)) / (f + norm);
      }, 0);
      const answer = answers[answerKey(h.s.url)];
      h.score = (bm25 * fit(h.s, page.data, answer, asked)) / (1 + PAGE_RANK * page.i);
    }
    page.subs.sort((a, b) => b.score - a.score || a.j - b.j);
    page.best = page.subs[0]?.score ?? 0;
  }
  const first = pages.slice(0, POOL).sort((a, b) => b.best - a.best || a.i - b.i);
  return [...first, ...pages.slice(POOL)].map((p) => ({
    data: p.data,
    subs: p.subs.slice(0, ANSWERS_PER_PAGE).map((h) => h.s),
  }));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function labelBadge(answer) {
  const parts = [];
  if (answer.label) {
    const slug = answer.label.toLowerCase().replace(/\s+/g, "-");
    parts.push(element("span", `soort soort--${slug}`, answer.label));
  }
  if (answer.open_vraag) parts.push(element("span", "soort soort--open-vraag", "open vraag"));
  return parts;
}

function answerItem(sub, answers) {
  const li = element("li", "deelresultaat");
  const answer = answers[answerKey(sub.url)];
  const a = element("a");
  a.href = sub.url;
  let title = sub.title ?? "";
  if (answer?.label && title.startsWith(answer.label)) title = title.slice(answer.label.length).trim();
  if (answer) a.append(...labelBadge(answer), " ");
  a.append(title);
  li.append(a);
  if (answer && (answer.bron || answer.wie)) {
    const herkomst = element("p", "herkomst");
    if (answer.wie) herkomst.append(element("span", "wie", `Wie: ${answer.wie}`));
    if (answer.bron) herkomst.append(element("span", "bron", `Bron: ${answer.bron}`));
    li.append(herkomst);
  }
  const p = element("p", "uittreksel");
  p.innerHTML = sub.excerpt; // Pagefind's excerpt: escaped page text with <mark> around hits
  li.append(p);
  return li;
}

function show(list, status, items, query, answers) {
  list.replaceChildren();
  status.textContent = items.length
    ? `${items.length} ${items.length === 1 ? "pagina" : "pagina's"} gevonden voor “${query}”.`
    : `Niets gevonden voor “${query}”. Probeer een ander woord of kijk bij Begrippen.`;
  for (const { data, subs } of items) {
    const li = element("li", "zoekresultaat");
    const a = element("a", "zoekresultaat-pagina");
    a.href = data.url;
    a.textContent = data.meta?.title ?? data.url;
    li.append(a);
    if (subs.length) {
      const ol = element("ol", "deelresultaten");
      ol.setAttribute("aria-label", `Antwoorden op ${data.meta?.title ?? "deze pagina"}`);
      ol.append(...subs.map((s) => answerItem(s, answers)));
      li.append(ol);
    } else {
      const p = element("p", "uittreksel");
      p.innerHTML = data.excerpt;
      li.append(p);
    }
    list.append(li);
  }
}

function choice(name, value, text, count, checked) {
  const label = element("label", "zoekfilter");
  const input = element("input");
  input.type = "radio";
  input.name = name;
  input.value = value;
  input.checked = checked;
  label.append(input, ` ${text}`);
  if (count !== undefined) label.append(element("span", "aantal", ` (${count})`));
  return label;
}

// One group of radio buttons per filter, with Pagefind's counts of answers to this question (before filtering, so a
// group's choices stay put while the arrow keys move through them).
function showFilters(box, counts, chosen) {
  box.replaceChildren();
  for (const { name, legend } of FILTERS) {
    const values = Object.entries(counts[name] ?? {}).filter(([value, n]) => n > 0 || value === chosen[name]);
    if (!values.length && !chosen[name]) continue;
    if (name === "label") values.sort(([a], [b]) => LABEL_ORDER.indexOf(a) - LABEL_ORDER.indexOf(b));
    else values.sort(([a, n], [b, m]) => m - n || a.localeCompare(b));
    const fieldset = element("fieldset", "zoekfilters");
    fieldset.append(element("legend", "", legend), choice(name, "", "Alle", undefined, !chosen[name]));
    for (const [value, n] of values) fieldset.append(choice(name, value, value, n, chosen[name] === value));
    box.append(fieldset);
  }
}

// Pagefind, the abbreviation list and the answers' labels are loaded once per visit, on the first search.
let engine;
function load() {
  engine ??= (async () => {
    const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({
      baseUrl: root.pathname,
      // a page whose title holds the words ranks above one that only names them; an old article number (10b3)
      // lands on the article that replaced it
      ranking: { metaWeights: { title: 8, oud: 10 } },
    });
    await pagefind.filters(); // loads the filter index: without it a search returns no counts
    const [abbreviations, answers] = await Promise.all(
      ["zoeken/afkortingen.json", "zoeken/antwoorden.json"].map(async (f) => (await fetch(new URL(f, root))).json()),
    );
    return { pagefind, abbreviations, answers };
  })();
  return engine;
}

let latest = 0; // only the newest search may show its results
let started = null; // when the reader pressed Enter or chose a filter (performance.now())

function fromAddress() {
  const params = new URLSearchParams(location.search);
  const chosen = {};
  for (const { name } of FILTERS) if (params.get(name)) chosen[name] = params.get(name);
  return { query: (params.get("q") ?? "").trim(), chosen };
}

// Search for the `q` in the address bar and show the results. `body[data-zoek-klaar]` is set when they are on screen,
// `body[data-zoek-ms]` to the time from Enter to results on screen.
async function searchFromAddress() {
  const { query, chosen } = fromAddress();
  const input = document.getElementById("zoekvraag");
  const status = document.getElementById("zoekstatus");
  const list = document.getElementById("zoekresultaten");
  const box = document.getElementById("zoekfilters");
  const ticket = ++latest;
  const start = started ?? performance.now();
  started = null;
  delete document.body.dataset.zoekKlaar;
  input.value = query;
  if (!query) {
    list.replaceChildren();
    box.replaceChildren();
    status.textContent = "";
    input.focus();
    return;
  }
  status.textContent = "Bezig met zoeken…";
  const { pagefind, abbreviations, answers } = await load();
  const filters = Object.fromEntries(Object.entries(chosen).map(([k, v]) => [k, [v]]));
  const { results, counts } = await run(pagefind, abbreviations, query, filters);
  const pages = await Promise.all(results.slice(0, PAGES_SHOWN).map((r) => r.data()));
  const items = rankAnswers(pages, answers, chosen.label, question(query, abbreviations));
  if (ticket !== latest) return;
  show(list, status, items, query, answers);
  const focused = document.activeElement?.name;
  showFilters(box, counts, chosen);
  if (focused) box.querySelector(`input[name="${focused}"]:checked`)?.focus(); // keep the keyboard where it was
  document.body.dataset.zoekMs = (performance.now() - start).toFixed(1);
  document.body.dataset.zoekKlaar = "ja";
}

// On this page a search form does not reload the page: the address gets the new question and filters (so Back and
// sharing work) and the results are replaced in place. A new question starts without filters.
function go(form, keepFilters) {
  started = performance.now();
  const data = new FormData(form);
  const params = new URLSearchParams({ q: data.get("q") ?? "" });
  const box = document.getElementById("zoekfilters");
  for (const { name } of FILTERS) {
    const value = keepFilters ? box.querySelector(`input[name="${name}"]:checked`)?.value : "";
    if (value) params.set(name, value);
  }
  const address = new URL(location.href);
  address.search = params.toString();
  history.pushState(null, "", address);
  searchFromAddress();
}

function searchInPlace(event) {
  const form = event.target.closest("form[role=search]");
  if (!form || form.method !== "get" || new URL(form.action).pathname !== location.pathname) return;
  event.preventDefault();
  go(form, false);
}

function filterChanged(event) {
  if (!event.target.closest("#zoekfilters")) return;
  go(document.querySelector("form.wmwm-zoekpagina"), true);
}

document.addEventListener("submit", searchInPlace);
document.addEventListener("change", filterChanged);
window.addEventListener("popstate", searchFromAddress);
searchFromAddress();
