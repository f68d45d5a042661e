// Site search on the static Pagefind index (built at build time, served from this site only).
// A result is an answer: Pagefind's sub-results (every statement, lid, onderdeel, FAQ answer and section is a
// heading with an id in the index; generators/site/zoeken.py) are shown under their page, each with the statement's
// label, first citation and who carries it (zoeken/antwoorden.json). Filters (kind of page, label) use Pagefind's
// own filters and counts and live in the address with the question, so a search can be shared.
// Query normalisation: question words are dropped, abbreviations (from content/begrippen.yaml) are expanded,
// and when all words together find too little, each word is searched on its own and the results are merged.

const STOPWORDS = new Set(
  (
    "aan al alle als betekent betekenis bij dan dat de deze die dit door een en er hoe hoeveel hun ik in is je " +
    "kan kun kunnen vraag vragen " +
    "mag me met moet moeten mijn na naar niet nog of om onze ook op over te tot u uit van voor wat welk welke " +
    "wanneer waar wie wij wil worden wordt ze zijn zo"
  ).split(" "),
);
const MIN_RESULTS = 3;
const PAGES_SHOWN = 10;
const ANSWERS_PER_PAGE = 3;
const RERANKED = 1; // pages whose answers compete for the first place (measured: 1 beats 2, 3 and 5)
const TITLE = 4; // a word of the question in an answer's title counts as much as in four places of its text
const FILTERS = [
  { name: "soort", legend: "Soort pagina" },
  { name: "label", legend: "Label van de uitspraak" },
];
const LABEL_ORDER = ["MOET", "MAG", "MAG NIET", "ADVIES", "open vraag"];

const here = new URL(import.meta.url);
const root = new URL("../", here);

function words(query) {
  return query
    .toLowerCase()
    .replace(/(?<!\d)[.:]|[.:](?!\d)|[^\p{L}\p{N}\s.:-]/gu, " ") // 2.103 and 3:1 stay one number
    .split(/\s+/)
    .filter((w) => w && !STOPWORDS.has(w));
}

// The query as typed, and (if it holds abbreviations) once more with them written out.
function variants(terms, abbreviations) {
  const expanded = terms.map((w) => abbreviations[w] ?? w);
  return expanded.join(" ") === terms.join(" ") ? [terms] : [terms, expanded];
}

async function run(pagefind, abbreviations, query, filters) {
  const typed = words(query);
  if (typed.length === 0) return { results: [], counts: {}, terms: [] };
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
  const results = [...pages.values()]
    .sort((a, b) => b.all - a.all || b.words - a.words || b.score - a.score)
    .map((e) => e.result);
  // the words an answer is scored on: as typed and written out, a compound with a hyphen as its parts
  const terms = [
    ...new Set(
      variants(typed, abbreviations)
        .flat()
        .flatMap((w) => w.split(/[\s-]+/))
        .map(plain),
    ),
  ];
  return { results, counts: counts ?? {}, terms: terms.filter(Boolean) };
}

// The key of an answer in zoeken/antwoorden.json: its address relative to the site root, with the anchor.
function answerKey(url) {
  const address = new URL(url, location.href);
  return decodeURIComponent(address.pathname.slice(root.pathname.length)) + address.hash;
}

// Which answer on a page is the best: Pagefind ranks pages, and gives each page's sub-results (its headings with an
// id: statements, leden, questions) with the locations of the hits. Within the page the sub-results are ranked the
// way a search engine ranks pages: each word of the question that a sub-result holds counts, the more so the fewer
// sub-results on the page hold it (a word every statement on the page holds, like "leerling", tells nothing), and
// more in the sub-result's title (TITLE). The words are read at the locations Pagefind found.
const plain = (w) =>
  w
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^\p{L}\p{N}.]/gu, "")
    .replace(/\.$/, "");

function matches(word, term) {
  if (word.startsWith(term)) return word.length - term.length <= 4;
  const stem = term.slice(0, Math.max(3, term.length - 2)); // uur ~ uren, werken ~ werkt, leerlingen ~ leerling
  return word.startsWith(stem) && Math.abs(word.length - term.length) <= 3;
}

function wordsHeld(sub, content, terms) {
  const held = new Map(); // term -> TITLE in the title, 1 in the text
  const at = new Map(); // location -> the terms there
  for (const l of sub.weighted_locations ?? []) {
    const word = plain(content[l.location] ?? "");
    at.set(
      l.location,
      terms.filter((term) => matches(word, term)),
    );
    for (const term of at.get(l.location)) held.set(term, Math.max(held.get(term) ?? 0, l.weight > 1 ? TITLE : 1));
  }
  // two words of the question side by side, as typed ("16 jaar"), count once more
  const pairs = new Set();
  for (const [location, here] of at) {
    for (const term of here) {
      const next = terms[terms.indexOf(term) + 1];
      if (next && (at.get(location + 1) ?? []).includes(next)) pairs.add(term).add(next);
    }
  }
  return { held, pairs };
}

// A page's candidate answers: its sub-results, the page's own top left out when there is more; with a label filter
// only the statements with that label.
function candidates(data, answers, label) {
  let subs = (data.sub_results ?? []).filter((s) => s.url.includes("#"));
  if (label) {
    subs = subs.filter((s) => {
      const a = answers[answerKey(s.url)];
      return a && (label === "open vraag" ? a.open_vraag : a.label === label);
    });
  }
  const inner = subs.filter((s) => s.title !== data.meta?.title); // the page's own heading is the page result
  return inner.length ? inner : subs;
}

// The pages with their best answers. The answers of the first RERANKED pages are scored together (a word is rare when
// few of all these answers hold it), and those pages are ordered by their best answer: the first result is the best
// answer Pagefind's best pages hold. Later pages keep Pagefind's order.
function rankAnswers(items, answers, label, terms) {
  const pages = items.map((data, i) => {
    const content = (data.content ?? "").split(/\s+/);
    const subs = candidates(data, answers, label).map((s, j) => ({ s, j, ...wordsHeld(s, content, terms) }));
    return { data, i, subs };
  });
  const pool = pages.slice(0, RERANKED).flatMap((p) => p.subs);
  const rare = (term) => {
    const n = pool.filter((h) => h.held.has(term)).length;
    return Math.log(1 + (pool.length - n + 0.5) / (n + 0.5));
  };
  const weights = new Map(terms.map((term) => [term, rare(term)]));
  for (const page of pages) {
    for (const h of page.subs) {
      h.score =
        [...h.held].reduce((sum, [term, place]) => sum + place * weights.get(term), 0) +
        [...h.pairs].reduce((sum, term) => sum + weights.get(term), 0);
    }
    page.subs.sort((a, b) => b.score - a.score || a.j - b.j);
    page.best = page.subs[0]?.score ?? 0;
  }
  const first = pages.slice(0, RERANKED).sort((a, b) => b.best - a.best || a.i - b.i);
  return [...first, ...pages.slice(RERANKED)].map((p) => ({
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
  const { results, counts, terms } = await run(pagefind, abbreviations, query, filters);
  const pages = await Promise.all(results.slice(0, PAGES_SHOWN).map((r) => r.data()));
  const items = rankAnswers(pages, answers, chosen.label, terms);
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
