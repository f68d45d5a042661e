// Site search on the static Pagefind index (built at build time, served from this site only).
// Query normalisation: question words are dropped, abbreviations (from content/begrippen.yaml) are expanded,
// and when all words together find too little, each word is searched on its own and the results are merged.

const STOPWORDS = new Set(
  ("aan al alle als betekent betekenis bij dan dat de deze die dit door een en er hoe hoeveel hun ik in is je " +
   "kan kun kunnen vraag vragen " +
   "mag me met moet moeten mijn na naar niet nog of om onze ook op over te tot u uit van voor wat welk welke " +
   "wanneer waar wie wij wil worden wordt ze zijn zo").split(" ")
);
const MIN_RESULTS = 3;

const here = new URL(import.meta.url);
const root = new URL("../", here);

function words(query) {
  return query
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .split(/\s+/)
    .filter((w) => w && !STOPWORDS.has(w));
}

// The query as typed, and (if it holds abbreviations) once more with them written out.
function variants(terms, abbreviations) {
  const expanded = terms.map((w) => abbreviations[w] ?? w);
  return expanded.join(" ") === terms.join(" ") ? [terms] : [terms, expanded];
}

async function run(pagefind, abbreviations, query) {
  const typed = words(query);
  if (typed.length === 0) return [];
  // Rank: pages that hold every word first, then by how many of the words they hold, then by Pagefind's score.
  const pages = new Map();
  const entry = (r) => {
    if (!pages.has(r.id)) pages.set(r.id, { result: r, all: false, words: 0, score: 0 });
    return pages.get(r.id);
  };
  let found = 0;
  for (const terms of variants(typed, abbreviations)) {
    const results = (await pagefind.search(terms.join(" "))).results;
    for (const r of results) {
      const e = entry(r);
      e.all = true;
      e.score = Math.max(e.score, r.score);
    }
    found += results.length;
  }
  if (found < MIN_RESULTS && typed.length > 1) {
    for (const term of new Set(typed)) {
      // An abbreviation and its written-out form count as one word.
      const hits = new Map();
      for (const form of new Set([term, abbreviations[term] ?? term])) {
        for (const r of (await pagefind.search(form)).results) hits.set(r.id, r);
      }
      for (const r of hits.values()) {
        const e = entry(r);
        e.words += 1;
        e.score = Math.max(e.score, r.score);
      }
    }
  }
  return [...pages.values()]
    .sort((a, b) => b.all - a.all || b.words - a.words || b.score - a.score)
    .map((e) => e.result);
}

function show(list, status, items, query) {
  list.replaceChildren();
  status.textContent = items.length
    ? `${items.length} ${items.length === 1 ? "resultaat" : "resultaten"} voor “${query}”.`
    : `Niets gevonden voor “${query}”. Probeer een ander woord of kijk bij Begrippen.`;
  for (const data of items) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = data.url;
    a.textContent = data.meta?.title ?? data.url;
    const p = document.createElement("p");
    p.innerHTML = data.excerpt; // Pagefind's excerpt: escaped page text with <mark> around hits
    li.append(a, p);
    list.append(li);
  }
}

// Pagefind and the abbreviation list are loaded once per visit, on the first search.
let engine;
function load() {
  engine ??= (async () => {
    const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname });
    const abbreviations = await (await fetch(new URL("zoeken/afkortingen.json", root))).json();
    return { pagefind, abbreviations };
  })();
  return engine;
}

let latest = 0; // only the newest search may show its results

// Search for the `q` in the address bar and show the results. `body[data-zoek-klaar]` is set when they are on screen.
async function searchFromAddress() {
  const query = (new URLSearchParams(location.search).get("q") ?? "").trim();
  const input = document.getElementById("zoekvraag");
  const status = document.getElementById("zoekstatus");
  const list = document.getElementById("zoekresultaten");
  const ticket = ++latest;
  delete document.body.dataset.zoekKlaar;
  input.value = query;
  if (!query) {
    list.replaceChildren();
    status.textContent = "";
    input.focus();
    return;
  }
  status.textContent = "Bezig met zoeken…";
  const { pagefind, abbreviations } = await load();
  const results = await run(pagefind, abbreviations, query);
  const items = await Promise.all(results.slice(0, 20).map((r) => r.data()));
  if (ticket !== latest) return;
  show(list, status, items, query);
  document.body.dataset.zoekKlaar = "ja";
}

// On this page a search form does not reload the page: the address gets the new `q` (so Back and sharing work) and
// the results are replaced in place.
function searchInPlace(event) {
  const form = event.target.closest("form[role=search]");
  if (!form || form.method !== "get" || new URL(form.action).pathname !== location.pathname) return;
  event.preventDefault();
  const query = new FormData(form).get("q") ?? "";
  const address = new URL(location.href);
  address.search = new URLSearchParams({ q: query }).toString();
  history.pushState(null, "", address);
  searchFromAddress();
}

document.addEventListener("submit", searchInPlace);
window.addEventListener("popstate", searchFromAddress);
searchFromAddress();
