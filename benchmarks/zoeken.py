"""Benchmark: which search answers school questions best — Material's lunr search, raw Pagefind, or our search page.

Why: generators/site/zoeken.py chose Pagefind plus the query normalisation of docs/javascripts/zoeken.js over
mkdocs-material's built-in (lunr) search. This script is the measurement behind that choice, so it can be repeated
whenever content, questions or libraries change.

In one run it builds the real site, and a variant of it with Material's own search plugin and header search box
(from a private copy of the project), serves both on 127.0.0.1 and drives Debian's Chromium. For every question in
tests/zoekvragen.yaml it checks whether a page whose article text contains the expected phrase is in the top 3 of
  (a) Material's lunr search (typed into its search box),
  (b) raw Pagefind (`pagefind.search(vraag)`, no normalisation),
  (c) the project's search page /zoeken/?q=… (Pagefind + stop words, abbreviations, per-word merging),
and it tries a few single words (plural, hyphen, abbreviation). It prints hits per engine, the missed questions,
and the median latency per engine. It is a measurement, not a test: it always exits 0.

Run: .venv/bin/python benchmarks/zoeken.py
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import yaml
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM_FLAGS, copy_project, serve  # noqa: E402

from generators.site.bouw import build_site  # noqa: E402

QUESTIONS: list[dict[str, str]] = yaml.safe_load((ROOT / "tests" / "zoekvragen.yaml").read_text(encoding="utf-8"))[
    "vragen"
]
SINGLE_WORDS = [
    "leerling",
    "leerlingen",
    "leer-werktraject",
    "leerwerktraject",
    "LWT",
    "BBL",
    "samenwerkingsovereenkomsten",
]
TOP = 3
TIMEOUT_MS = 20_000

# Material (nl) shows one of these in .md-search-result__meta while it has no answer yet.
MATERIAL_WAITING = ["Typ om te beginnen met zoeken", "Zoeken initialiseren"]


# ---------------------------------------------------------------------------------------------------------------
# Building and serving


def enable_material_search(project: Path) -> None:
    """Turn the copy back into a site with Material's lunr search and its own header search box."""
    config_file = project / "mkdocs.yml"
    config: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugins: list[Any] = config["plugins"]
    position = next(i for i, p in enumerate(plugins) if p == "wmwm" or (isinstance(p, dict) and "wmwm" in p))
    plugins.insert(position, {"search": {"lang": "nl"}})
    features: list[str] = config["theme"].setdefault("features", [])
    features += [f for f in ("search.suggest", "search.highlight") if f not in features]
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "templates" / "theme" / "partials" / "header.html").unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------------------------
# The three engines. Each returns (page URLs in rank order, latency in ms, total number of results).


@dataclass
class Answer:
    urls: list[str]
    ms: float
    count: int


def page_url(here: str, href: str) -> str:
    """Absolute URL of the page a result points to, without ?h= highlighting and #anchor."""
    parts = urlsplit(urljoin(here, href))
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def distinct(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urls))


_MATERIAL_ARM = """
(waiting) => {
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  const answered = () =>
    !waiting.includes(meta.textContent.trim()) && (list.children.length > 0 || meta.textContent.includes("Geen"));
  window.__antwoord = new Promise((resolve) => {
    document.querySelector("input.md-search__input").addEventListener("keyup", () => {
      const start = performance.now();
      const done = () => {
        const hrefs = [...list.querySelectorAll(".md-search-result__item > a")].map((a) => a.getAttribute("href"));
        resolve({hrefs, ms: performance.now() - start, count: parseInt(meta.textContent, 10) || 0});
      };
      if (answered()) return done();  // Material answers synchronously on keyup once the index is loaded
      const observer = new MutationObserver(() => answered() && (observer.disconnect(), done()));
      observer.observe(meta.parentElement, {childList: true, subtree: true, characterData: true});
    }, {once: true});
  });
}
"""


def material_search(page: Page, base: str, query: str) -> Answer:
    """Material's lunr search, through its own header search box on a fresh start page."""
    page.goto(base + "/")
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function(
        "(text) => document.querySelector('.md-search-result__meta')?.textContent.trim() === text",
        arg=MATERIAL_WAITING[0],
        timeout=TIMEOUT_MS,
    )  # the worker has loaded the lunr index
    # fill() sends no keyup, so Material does not search yet; the one key press below starts the measured search.
    box.fill(query)
    page.evaluate(_MATERIAL_ARM, MATERIAL_WAITING)
    box.press("End")
    result = page.evaluate("() => window.__antwoord")
    urls = distinct([page_url(page.url, h) for h in result["hrefs"]])
    return Answer(urls[:TOP], result["ms"], int(result["count"]))


_PAGEFIND_QUERY = """
async ([query, limit]) => {
  const pagefind = window.__pagefind ??= await import("/pagefind/pagefind.js");
  const start = performance.now();
  const search = await pagefind.search(query);
  const top = await Promise.all(search.results.slice(0, limit).map((r) => r.data()));
  return {urls: top.map((d) => d.url), ms: performance.now() - start, count: search.results.length};
}
"""


def pagefind_search(page: Page, base: str, query: str) -> Answer:
    """Pagefind as it comes: the question as typed, no normalisation."""
    if not page.url.startswith(base):
        page.goto(base + "/")
        page.evaluate(_PAGEFIND_QUERY, ["opwarmen", TOP])  # load the wasm and the index metadata once
    result = page.evaluate(_PAGEFIND_QUERY, [query, TOP])
    return Answer(distinct([page_url(page.url, u) for u in result["urls"]])[:TOP], result["ms"], int(result["count"]))


_ZOEKEN_DONE = """
() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {ready: window.__klaar, interactive: nav.domInteractive};
}
"""
_ZOEKEN_WATCH = """
new MutationObserver((_, observer) => {
  if (document.body?.dataset.zoekKlaar) { window.__klaar = performance.now(); observer.disconnect(); }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-zoek-klaar"]});
"""


def project_search(page: Page, base: str, query: str) -> Answer:
    """The site's own search page. Latency: from the moment the page is interactive to results shown."""
    page.goto(f"{base}/zoeken/?q={quote(query)}")
    page.wait_for_selector("body[data-zoek-klaar]", timeout=TIMEOUT_MS)
    times = page.evaluate(_ZOEKEN_DONE)
    links = page.locator("#zoekresultaten li > a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    urls = distinct([page_url(page.url, h) for h in hrefs])
    return Answer(urls[:TOP], times["ready"] - times["interactive"], len(hrefs))


# ---------------------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Score:
    engine: str
    hits: int = 0
    missed: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    words: dict[str, int] = field(default_factory=dict)


class ArticleText:
    """Article text per page URL, read once through the browser (what a reader sees)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cache: dict[str, str] = {}

    def __call__(self, url: str) -> str:
        if url not in self.cache:
            self.page.goto(url)
            article = self.page.locator("article")
            self.cache[url] = article.first.inner_text().lower() if article.count() else ""
        return self.cache[url]


Engine = Callable[[Page, str, str], Answer]


def measure(browser: Browser, name: str, engine: Engine, base: str) -> Score:
    context = browser.new_context()
    context.add_init_script(_ZOEKEN_WATCH)
    page, text = context.new_page(), ArticleText(context.new_page())
    score = Score(name)
    for q in QUESTIONS:
        answer = engine(page, base, q["vraag"])
        score.latencies.append(answer.ms)
        if any(q["verwacht"].lower() in text(url) for url in answer.urls):
            score.hits += 1
        else:
            score.missed.append(q["vraag"])
    for word in SINGLE_WORDS:
        score.words[word] = engine(page, base, word).count
    context.close()
    return score


def report(scores: list[Score]) -> None:
    total = len(QUESTIONS)
    print(f"\nZoekvragen (tests/zoekvragen.yaml): juiste pagina in de top {TOP}, {total} vragen\n")
    print(f"{'zoekmachine':<28} {'treffers':>9} {'%':>5} {'mediaan ms':>11}")
    for s in scores:
        print(f"{s.engine:<28} {f'{s.hits}/{total}':>9} {s.hits / total:>5.0%} {statistics.median(s.latencies):>11.1f}")
    print("\nGemist:")
    for s in scores:
        print(f"  {s.engine}: " + ("; ".join(s.missed) or "niets"))
    print("\nLosse woorden (aantal resultaten; 0 = niets gevonden; de zoekpagina toont er hoogstens 20):")
    width = max(len(w) for w in SINGLE_WORDS)
    print(f"  {'woord':<{width}} " + " ".join(f"{s.engine:>28}" for s in scores))
    for word in SINGLE_WORDS:
        print(f"  {word:<{width}} " + " ".join(f"{s.words[word]:>28}" for s in scores))
    print(
        "\nLatentie: (a) laatste toetsaanslag tot resultaten getoond; (b) pagefind.search + data() van de top 3;"
        "\n(c) pagina interactief tot resultaten getoond (inclusief laden van pagefind.js en afkortingen.json)."
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wmwm-zoekbench-") as tmp_name:
        tmp = Path(tmp_name)
        start = time.perf_counter()
        build_site(ROOT, tmp / "pagefind")
        variant = copy_project(tmp / "material-project")
        enable_material_search(variant)
        build_site(variant, tmp / "material")
        print(f"Twee sites gebouwd in {time.perf_counter() - start:.1f} s", flush=True)

        executable = shutil.which("chromium")
        if not executable:
            print("Debian-pakket chromium ontbreekt; installeer het met apt (zie README).")
            return
        with serve(tmp / "pagefind") as pagefind_url, serve(tmp / "material") as material_url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
            scores = [
                measure(browser, "(a) Material lunr", material_search, material_url),
                measure(browser, "(b) Pagefind, kaal", pagefind_search, pagefind_url),
                measure(browser, "(c) zoekpagina /zoeken/", project_search, pagefind_url),
            ]
            browser.close()
        report(scores)


if __name__ == "__main__":
    main()
