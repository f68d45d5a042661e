"""Search answers school questions: for >= 90% of realistic questions the right page is in the top 3 (Chromium)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import lxml.html
import pytest
import yaml
from helpers import ROOT

from generators.inhoud.content import load_content
from generators.site.urls import VAKCODES as VAKCODES_PAGE

pytestmark = pytest.mark.browser
VARIANTS = ["leerwerktraject", "leer-werktraject", "leer-werktrajecten"]
QUESTIONS = yaml.safe_load((Path(__file__).parent / "zoekvragen.yaml").read_text(encoding="utf-8"))["vragen"]


def wait_for_answer(page, question: str) -> None:  # type: ignore[no-untyped-def]
    """Until the results for `question` are on screen (the status names the question it answers)."""
    page.wait_for_function(
        "q => document.body.dataset.zoekKlaar && document.getElementById('zoekstatus').textContent.includes(`“${q}”`)",
        arg=question.strip(),
        timeout=15_000,
    )


def top3(page, site_url: str, question: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Ask the search page, as a reader does after the first question: type, Enter, results replaced in place."""
    if urlsplit(page.url).path != "/zoeken/":
        page.goto(f"{site_url}/zoeken/")
    page.fill("#zoekvraag", question)
    page.press("#zoekvraag", "Enter")
    wait_for_answer(page, question)
    assert parse_qs(urlsplit(page.url).query) == {"q": [question]}
    links = page.locator("#zoekresultaten li > a")
    titles = links.all_inner_texts()
    assert all(t.strip() and "¶" not in t for t in titles), titles
    return [urljoin(page.url, links.nth(i).get_attribute("href")) for i in range(min(links.count(), 3))]


def test_question_set_is_realistic_and_large_enough() -> None:
    assert len(QUESTIONS) >= 25
    assert all(set(q) == {"vraag", "verwacht"} for q in QUESTIONS)


def article_text(built_site: Path, site_url: str, url: str) -> str:
    """The text of a found page's article, read from the built file (the search ran in the browser)."""
    path = urlsplit(url.removeprefix(site_url)).path.strip("/")
    html = lxml.html.parse(str(built_site / path / "index.html")).getroot()
    for unseen in list(html.iter("script", "style", "template", "noscript")):  # as the reader sees it (innerText)
        unseen.drop_tree()
    return " ".join(" ".join(a.text_content().split()) for a in html.iter("article")).lower()


def test_right_page_in_top_three(page, site_url: str, built_site: Path, meting) -> None:  # type: ignore[no-untyped-def]
    hits, misses = 0, []
    for q in QUESTIONS:
        expected = " ".join(q["verwacht"].lower().split())
        found = any(expected in article_text(built_site, site_url, url) for url in top3(page, site_url, q["vraag"]))
        hits += found
        if not found:
            misses.append(q["vraag"])
    score = hits / len(QUESTIONS)
    meting(f"zoekvragen: {hits}/{len(QUESTIONS)} in top 3 ({score:.0%}); gemist: {misses}")
    assert score >= 0.9, misses


def test_spelling_variants_find_the_same_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Hyphen and plural of one term give the same top 3, the abbreviation finds pages about that term, and singular
    and plural of an ordinary word find the same first page (Dutch stemming)."""
    found = {variant: top3(page, site_url, variant) for variant in VARIANTS}
    assert len(found["leer-werktraject"]) == 3
    assert all(urls == found["leer-werktraject"] for urls in found.values()), found
    for url in top3(page, site_url, "LWT"):
        page.goto(url)
        assert "leer-werktraject" in page.locator("article").inner_text().lower(), url
    assert top3(page, site_url, "leerlingen")[0] == top3(page, site_url, "leerling")[0]


def test_vakcodetabel_is_found_by_profile_name_and_vakcode(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    target = f"{site_url}/{VAKCODES_PAGE.removesuffix('.md')}/"
    for profiel in load_content(ROOT / "content").profielen:
        assert target in top3(page, site_url, f"{profiel.naam} vakcode"), profiel.naam
    page.goto(target)
    text = page.locator("article").inner_text()
    assert all(str(p.vakcode) in text for p in load_content(ROOT / "content").profielen)


def test_a_new_question_replaces_the_results_and_back_shows_the_previous_ones(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """A search from the search page itself does not reload it: the address carries the question, Back and Forward
    show the earlier results again, and a question in the address (a shared link) is answered on arrival."""
    page.goto(f"{site_url}/zoeken/?q={quote('vakcode')}")
    wait_for_answer(page, "vakcode")
    first = page.locator("#zoekresultaten").inner_text()
    page.evaluate("window.zelfdePagina = true")
    second = top3(page, site_url, "beroepspraktijkvorming")
    assert page.locator("#zoekresultaten").inner_text() != first
    page.go_back()
    wait_for_answer(page, "vakcode")
    assert page.locator("#zoekresultaten").inner_text() == first
    assert page.input_value("#zoekvraag") == "vakcode"
    page.go_forward()
    wait_for_answer(page, "beroepspraktijkvorming")
    assert urljoin(page.url, page.locator("#zoekresultaten li > a").first.get_attribute("href")) == second[0]
    assert page.evaluate("window.zelfdePagina") is True  # never reloaded
