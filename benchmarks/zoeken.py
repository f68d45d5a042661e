"""Benchmark: which search answers school questions best — Material's lunr search, raw Pagefind, or our search page.

Why: generators/site/zoeken.py chose Pagefind plus the query normalisation of docs/javascripts/zoeken.js over
mkdocs-material's built-in (lunr) search. This script is the measurement behind that choice, so it can be repeated
whenever content, questions or libraries change.

In one run it builds the real site (`wmwm bouw`), and a variant with Material's own search plugin and header search
box: the same generated tree (step 1 of the build, generators/site/genereer.py) with the search plugin added to its
mkdocs.yml and the theme's own header, rendered by mkdocs (step 2) and not finished (step 3 would remove lunr). It
serves both on 127.0.0.1 and drives Debian's Chromium. For every question in tests/zoekvragen.yaml it checks whether
a page whose article text contains the expected phrase is in the top 3 of
  (a) Material's lunr search (typed into its search box),
  (b) raw Pagefind (`pagefind.search(vraag)`, no normalisation),
  (c) the project's search page /zoeken/?q=… (Pagefind + stop words, abbreviations, per-word merging),
and, for the search page, whether its first result is one of the question's answers (statement, lid, FAQ answer:
`antwoord`) and the time from Enter to results on screen on a warm page (goal: under 150 ms). It tries a few single
words (plural, hyphen, abbreviation). It prints hits per engine, the missed questions and the median latency per
engine. It is a measurement, not a test: it always exits 0.

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
from urllib.parse import urljoin, urlsplit

import yaml
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM_FLAGS, serve  # noqa: E402

from generators.inhoud.content import load_content  # noqa: E402
from generators.site.bouw import build_site  # noqa: E402
from generators.site.genereer import Tree, generate  # noqa: E402
from generators.site.motor import render  # noqa: E402

QUESTIONS: list[dict[str, Any]] = yaml.safe_load((ROOT / "tests" / "zoekvragen.yaml").read_text(encoding="utf-8"))[
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


def build_material_variant(tree: Tree) -> None:
    """The generated tree with Material's lunr search and its own header search box, rendered by mkdocs."""
    generate(ROOT, load_content(ROOT / "content"), tree)
    config: dict[str, Any] = yaml.safe_load(tree.config.read_text(encoding="utf-8"))
    config["plugins"] = [{"search": {"lang": "nl"}}]
    features: list[str] = config["theme"].setdefault("features", [])
    features += [f for f in ("search.suggest", "search.highlight") if f not in features]
    theme = tree.folder / "thema"  # the project's theme without its own header (which has no lunr search box)
    shutil.copytree(config["theme"]["custom_dir"], theme)
    (theme / "partials" / "header.html").unlink(missing_ok=True)
    config["theme"]["custom_dir"] = str(theme)
    tree.config.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    render(tree.config)


# ---------------------------------------------------------------------------------------------------------------
# The three engines. Each returns (page URLs in rank order, latency in ms, total number of results).


@dataclass
class Answer:
    urls: list[str]
    ms: float
    count: int
    first: str = ""  # the first result as page/#anchor (the search page only)


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


def project_search(page: Page, base: str, query: str) -> Answer:
    """The site's own search page, as a reader uses it after the first question: type, Enter, results replaced in
    place. Latency: Enter to results on screen, as the page measures it (body[data-zoek-ms])."""
    if not page.url.startswith(f"{base}/zoeken/"):
        page.goto(f"{base}/zoeken/")
    page.fill("#zoekvraag", query)
    page.press("#zoekvraag", "Enter")
    page.wait_for_function(
        "q => document.body.dataset.zoekKlaar && document.getElementById('zoekstatus').textContent.includes(`“${q}”`)",
        arg=query.strip(),
        timeout=TIMEOUT_MS,
    )
    links = page.locator("#zoekresultaten .zoekresultaat-pagina")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    answers = page.locator("#zoekresultaten .deelresultaat > a")
    first = urlsplit(urljoin(page.url, answers.first.get_attribute("href") or "")) if answers.count() else None
    return Answer(
        distinct([page_url(page.url, h) for h in hrefs])[:TOP],
        float(page.evaluate("document.body.dataset.zoekMs")),
        answers.count(),
        f"{first.path.lstrip('/')}#{first.fragment}" if first else "",
    )


# ---------------------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Score:
    engine: str
    hits: int = 0
    missed: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    words: dict[str, int] = field(default_factory=dict)
    answers: int = 0  # first result is one of the question's answers (search page only)


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
    page, text = context.new_page(), ArticleText(context.new_page())
    score = Score(name)
    for q in QUESTIONS:
        answer = engine(page, base, q["vraag"])
        score.latencies.append(answer.ms)
        if any(q["verwacht"].lower() in text(url) for url in answer.urls):
            score.hits += 1
        else:
            score.missed.append(q["vraag"])
        score.answers += answer.first in q["antwoord"]
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
    project = scores[-1]
    warm = project.latencies[1:]
    print(
        f"\n{project.engine}: eerste resultaat is het antwoord (uitspraak, lid, vraag) bij {project.answers}/{total}"
        f" ({project.answers / total:.0%}); Enter tot resultaten, warm: mediaan {statistics.median(warm):.0f} ms,"
        f" hoogste {max(warm):.0f} ms (doel < 150 ms)"
    )
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
        "\n(c) Enter tot resultaten getoond (de eerste vraag laadt pagefind.js, afkortingen.json en antwoorden.json)."
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wmwm-zoekbench-") as tmp_name:
        tmp = Path(tmp_name)
        start = time.perf_counter()
        build_site(ROOT, tmp / "pagefind")
        material = Tree(tmp / "material")
        build_material_variant(material)
        print(f"Twee sites gebouwd in {time.perf_counter() - start:.1f} s", flush=True)

        executable = shutil.which("chromium")
        if not executable:
            print("Debian-pakket chromium ontbreekt; installeer het met apt (zie README).")
            return
        with serve(tmp / "pagefind") as pagefind_url, serve(material.site_dir) as material_url, sync_playwright() as p:
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
