// Site search on the static Pagefind index (built at build time, served from this site only).
// Query normalisation: question words are dropped, abbreviations (from content/begrippen.yaml) are expanded,
// and when all words together find too little, each word is searched on its own and the results are merged.

const STOPWORDS = new Set(
  ("aan al alle als bij dan dat de deze die dit door een en er hoe hoeveel hun ik in is je kan kun kunnen " +
   "mag me met moet moeten mijn na naar niet nog of om onze ook op over te tot u uit van voor wat welk welke " +
   "wanneer waar wie wij wil worden wordt ze zijn zo").split(" ")
);
const MIN_RESULTS = 3;

const here = new URL(import.meta.url);
const root = new URL("../", here);

function normalise(query, abbreviations) {
  const words = query
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .split(/\s+/)
    .filter((w) => w && !STOPWORDS.has(w));
  return words.map((w) => abbreviations[w] ?? w);
}

async function run(pagefind, abbreviations, query) {
  const terms = normalise(query, abbreviations);
  if (terms.length === 0) return [];
  const scores = new Map();
  const add = (results, weight) => {
    for (const r of results) {
      const entry = scores.get(r.id) ?? { result: r, score: 0 };
      entry.score += r.score * weight;
      scores.set(r.id, entry);
    }
  };
  const all = await pagefind.search(terms.join(" "));
  add(all.results, 10);
  if (all.results.length < MIN_RESULTS && terms.length > 1) {
    for (const term of terms) add((await pagefind.search(term)).results, 1);
  }
  return [...scores.values()].sort((a, b) => b.score - a.score).map((e) => e.result);
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

async function main() {
  const params = new URLSearchParams(location.search);
  const query = (params.get("q") ?? "").trim();
  const input = document.getElementById("zoekvraag");
  const status = document.getElementById("zoekstatus");
  const list = document.getElementById("zoekresultaten");
  input.value = query;
  if (!query) {
    input.focus();
    return;
  }
  status.textContent = "Bezig met zoeken…";
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ baseUrl: root.pathname });
  const abbreviations = await (await fetch(new URL("zoeken/afkortingen.json", root))).json();
  const results = await run(pagefind, abbreviations, query);
  const items = await Promise.all(results.slice(0, 20).map((r) => r.data()));
  show(list, status, items, query);
  document.body.dataset.zoekKlaar = "ja";
}

main();
