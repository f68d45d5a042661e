"""Search lands on the answer (issue 24): the project's own questions (tests/zoekvragen.yaml) find the right page in
the top 3 and, as first result, the statement, lid or FAQ answer that answers them; each result shows its label,
citation and wie; filters by kind and label work by keyboard and live in the address; the vocabulary of the field
(content/zoekwoorden.yaml) is checked by controleer, shown on the begrippen page and applied to the index."""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import lxml.html
import pytest
from helpers import ROOT, axe_serious, other_requests, read_yaml, wmwm

from generators.inhoud.content import load_content
from generators.site.urls import VAKCODES as VAKCODES_PAGE
from generators.site.zoeken import OLDEST, age_range, page_kind, search_copy, vocabulary

VARIANTS = ["leerwerktraject", "leer-werktraject", "leer-werktrajecten"]
QUESTIONS = read_yaml((Path(__file__).parent / "zoekvragen.yaml").read_text(encoding="utf-8"))["vragen"]
TOP3_GOAL = 0.95  # issue 24: the right page in the top 3
# Issue 24: >= 80% with the right statement or lid as first result; measured now: 61/74, 82% (see the printed line).
# Never lower it; raise it as the ranking improves.
ANSWER_FLOOR = 0.80


def wait_for_answer(page, question: str) -> None:  # type: ignore[no-untyped-def]
    """Until the results for `question` are on screen (the status names the question it answers)."""
    page.wait_for_function(
        "q => document.body.dataset.zoekKlaar && document.getElementById('zoekstatus').textContent.includes(`“${q}”`)",
        arg=question.strip(),
        timeout=15_000,
    )


def ask(page, site_url: str, question: str) -> None:  # type: ignore[no-untyped-def]
    """Ask the search page, as a reader does after the first question: type, Enter, results replaced in place."""
    if urlsplit(page.url).path != "/zoeken/":
        page.goto(f"{site_url}/zoeken/")
    page.fill("#zoekvraag", question)
    page.press("#zoekvraag", "Enter")
    wait_for_answer(page, question)
    assert parse_qs(urlsplit(page.url).query) == {"q": [question]}


def top3(page, site_url: str, question: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The first three pages found (absolute URLs, no anchor)."""
    ask(page, site_url, question)
    links = page.locator("#zoekresultaten .zoekresultaat-pagina")
    titles = links.all_inner_texts()
    assert all(t.strip() and "¶" not in t for t in titles), titles
    return [urljoin(page.url, links.nth(i).get_attribute("href")) for i in range(min(links.count(), 3))]


def first_answer(page) -> str:  # type: ignore[no-untyped-def]
    """The first result as `page/#anchor` from the site root: the best answer under the first page."""
    href = page.locator("#zoekresultaten .deelresultaat > a").first.get_attribute("href")
    address = urlsplit(urljoin(page.url, href))
    return f"{address.path.lstrip('/')}#{address.fragment}"


def built_page(built_site: Path, address: str) -> lxml.html.HtmlElement:
    path = urlsplit(address).path.strip("/")
    return lxml.html.parse(str(built_site / path / "index.html")).getroot()


def article_text(built_site: Path, site_url: str, url: str) -> str:
    """The text of a found page's article, read from the built file (the search ran in the browser)."""
    html = built_page(built_site, url.removeprefix(site_url))
    for unseen in list(html.iter("script", "style", "template", "noscript")):  # as the reader sees it (innerText)
        unseen.drop_tree()
    return " ".join(" ".join(a.text_content().split()) for a in html.iter("article")).lower()


# --- The question set and the vocabulary (no browser) -----------------------------------------------------------


def test_question_set_is_large_and_names_the_answers() -> None:
    assert len(QUESTIONS) >= 60
    assert all(set(q) == {"vraag", "verwacht", "antwoord"} for q in QUESTIONS)
    assert all(q["antwoord"] and all("#" in a for a in q["antwoord"]) for q in QUESTIONS)
    assert len({q["vraag"] for q in QUESTIONS}) == len(QUESTIONS)


def test_controleer_rejects_a_search_word_for_an_unknown_term(content_project: Path) -> None:
    words = content_project / "content" / "zoekwoorden.yaml"
    text = words.read_text(encoding="utf-8")
    line = text.count("\n") + 1  # the new entry's begrip line
    words.write_text(text + "  - begrip: stageplaats\n    ook_wel: [werkplek]\n", encoding="utf-8")
    count = len(read_yaml(text)["zoekwoorden"])
    result = wmwm("controleer", "--inhoud", str(content_project / "content"), cwd=content_project)
    assert result.returncode == 1
    assert f"content/zoekwoorden.yaml:{line}:" in result.stderr
    assert f"zoekwoorden[{count}].begrip: begrip 'stageplaats' bestaat niet" in result.stderr, result.stderr


def test_search_copy_makes_each_lid_an_answer_and_adds_the_words_of_the_field() -> None:
    page = (
        '<html><body><div data-pagefind-body><h1 id="art">Art. 2.38</h1><div class="wettekst">'
        '<p class="lid" id="lid-9" data-zoek-titel="Art. 2.38 WVO 2020 lid 9">Het buitenschoolse praktijkgedeelte '
        "omvat ten minste 640 klokuren.</p></div></div></body></html>"
    )
    words = [(re.compile(r"\bbuitenschool\w*[\s-]*praktijkgedeelt\w*", re.I), "stage, werkplek")]
    copy, _ = search_copy(page, "wet/wvo2020-2-38/index.html", words)
    root = lxml.html.fromstring(copy)
    heading = root.get_element_by_id("lid-9")
    assert heading.tag == "h4" and heading.text_content() == "Art. 2.38 WVO 2020 lid 9"
    lid = root.find_class("lid")[0]
    assert lid.get("id") is None  # the answer's id moved to its heading (one id per page)
    assert lid.text_content().endswith("(ook wel: stage, werkplek)")
    assert root.xpath("//*[@data-pagefind-filter='soort:wetsartikel']")


def test_ages_of_a_statement_come_from_its_geldt_voor_and_the_begrippen_page_is_its_own_kind() -> None:
    """The search page compares ages in the question with these (docs/javascripts/zoeken.js), and searches the
    begrippen page first for "wat betekent ..." (filter soort: begrip)."""
    assert age_range("onder-16") == (0, 15)
    assert age_range("onder-16 16-17") == (0, 17)
    assert age_range("18-plus") == (18, OLDEST)
    assert age_range("gemengd") is None and age_range("") is None
    assert page_kind("begrippen/index.html") == "begrip"


# --- The built site -------------------------------------------------------------------------------------------------


@pytest.mark.build
def test_every_expected_answer_exists(built_site: Path) -> None:
    missing = []
    for q in QUESTIONS:
        for address in q["antwoord"]:
            page, anchor = address.split("#")
            if not built_page(built_site, page).xpath(f"//*[@id='{anchor}']"):
                missing.append(address)
    assert missing == []


@pytest.mark.build
def test_answers_carry_the_ages_of_their_statement(built_site: Path) -> None:
    answers = json.loads((built_site / "zoeken" / "antwoorden.json").read_text(encoding="utf-8"))
    by_id = {u.id: u for u in load_content(ROOT / "content").uitspraken}
    with_age = {key: a["leeftijd"] for key, a in answers.items() if a.get("leeftijd")}
    assert with_age
    for key, ages in with_age.items():
        statement = by_id[key.split("#")[1]]
        assert tuple(ages) == age_range(" ".join(statement.geldt_voor["leeftijd"])), key
    assert answers["wat-moet-wat-mag/werktijden-en-rust/#werktijden-jeugdige-pauze"]["leeftijd"] == [16, 17]


@pytest.mark.build
def test_begrippen_page_shows_the_words_of_the_field_and_the_index_uses_them(built_site: Path) -> None:
    inhoud = load_content(ROOT / "content")
    html = built_page(built_site, "begrippen/")
    for entry in inhoud.zoekwoorden:
        shown = (
            html.get_element_by_id(entry.begrip)
            .getparent()
            .xpath(f"./h2[@id='{entry.begrip}']/following-sibling::p[@class='ook-wel'][1]")
        )
        assert shown and all(w in shown[0].text_content() for w in entry.ook_wel), entry.begrip
    applied = dict((words, pattern) for pattern, words in vocabulary(built_site))
    assert any("stage" in words.split(", ") for words in applied), applied
    assert (built_site / "zoeken" / "antwoorden.json").exists()


# --- In the browser -------------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_questions_land_on_the_page_and_on_the_answer(page, site_url: str, built_site: Path, meting) -> None:  # type: ignore[no-untyped-def]
    pages_right, answers_right, missed_pages, missed_answers, times = 0, 0, [], [], []
    for q in QUESTIONS:
        expected = " ".join(q["verwacht"].lower().split())
        found = any(expected in article_text(built_site, site_url, url) for url in top3(page, site_url, q["vraag"]))
        times.append(float(page.evaluate("document.body.dataset.zoekMs")))
        answer = first_answer(page)
        pages_right += found
        answers_right += answer in q["antwoord"]
        if not found:
            missed_pages.append(q["vraag"])
        if answer not in q["antwoord"]:
            missed_answers.append(f"{q['vraag']} -> {answer}")
    n = len(QUESTIONS)
    warm = times[1:]  # the first search loads Pagefind
    meting(f"zoekvragen: juiste pagina in de top 3: {pages_right}/{n} ({pages_right / n:.0%}); gemist: {missed_pages}")
    meting(f"zoekvragen: juiste uitspraak of lid als eerste resultaat: {answers_right}/{n} ({answers_right / n:.0%})")
    meting("zoekvragen, eerste resultaat gemist: " + "; ".join(missed_answers))
    meting(
        f"zoeken, Enter tot resultaten op het scherm (warm, {len(warm)} vragen): mediaan "
        f"{statistics.median(warm):.0f} ms, p90 {statistics.quantiles(warm, n=10)[-1]:.0f} ms, "
        f"hoogste {max(warm):.0f} ms (doel < 150 ms); eerste vraag {times[0]:.0f} ms"
    )
    assert pages_right / n >= TOP3_GOAL, missed_pages
    assert answers_right / n >= ANSWER_FLOOR, missed_answers


@pytest.mark.browser
def test_exact_article_numbers_land_on_the_lid_or_the_concordance(page, site_url: str, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    for question, expected in [
        ("2.103 lid 6", "wet/wvo2020-2-103/#lid-6"),
        ("art 2.38 lid 9", "wet/wvo2020-2-38/#lid-9"),
    ]:
        ask(page, site_url, question)
        assert first_answer(page) == expected, question
    ask(page, site_url, "10b3")
    address, anchor = first_answer(page).split("#")
    assert anchor == "vervangt"
    assert "10b3" in built_page(built_site, address).get_element_by_id("vervangt").getnext().text_content()


@pytest.mark.browser
def test_each_answer_shows_its_label_citation_and_wie(page, site_url: str, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Every statement among the results shows the label, first citation and wie of the statement it links to."""
    checked = 0
    for question in ["Mag een leerling een hele week op stage zijn?", "pauze leerling 16 jaar stage"]:
        ask(page, site_url, question)
        for item in page.locator("#zoekresultaten .deelresultaat").all():
            href = item.locator("a").first.get_attribute("href") or ""
            address = urlsplit(urljoin(page.url, href))
            target = built_page(built_site, address.path).get_element_by_id(address.fragment)
            block = target.getparent()
            if "uitspraak" not in (block.get("class") or ""):
                continue
            label = " ".join(block.find_class("soort")[0].text_content().split())
            wie = block.find_class("wie-partij")[0].text_content().strip()
            sources = block.xpath("./p[@class='bronnen-kop']/following-sibling::ul[1]/li")
            bron = " ".join(sources[0].text_content().split())
            assert item.locator(".soort").first.inner_text() == label
            assert item.locator(".herkomst .wie").inner_text() == f"Wie: {wie}"
            assert item.locator(".herkomst .bron").inner_text() == f"Bron: {bron}"
            checked += 1
    assert checked >= 4


@pytest.mark.browser
def test_filters_and_answers_work_by_keyboard_and_live_in_the_address(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/zoeken/")
    page.focus("#zoekvraag")
    page.keyboard.type("stage")
    page.keyboard.press("Enter")
    wait_for_answer(page, "stage")
    counts = page.locator("#zoekfilters label").all_inner_texts()
    assert any(re.search(r"uitspraak \(\d+\)", c) for c in counts), counts
    # Tab past the button to the first group (kind of page), arrow to its first value: a new search, in the address
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "soort"
    for _ in range(len(counts)):  # on to "uitspraak", one arrow key (and one search) at a time
        before = page.url
        page.keyboard.press("ArrowDown")
        page.wait_for_function("u => location.href !== u && document.body.dataset.zoekKlaar", arg=before)
        assert page.evaluate("document.activeElement.name") == "soort"  # the keyboard stays where it was
        if parse_qs(urlsplit(page.url).query)["soort"] == ["uitspraak"]:
            break
    assert page.locator("#zoekfilters input[name=soort][value='uitspraak']").is_checked()
    pages = page.locator("#zoekresultaten .zoekresultaat-pagina").all()
    assert pages and all("/wat-moet-wat-mag/" in (a.get_attribute("href") or "") for a in pages)
    # the label group: MOET first
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "label"
    before = page.url
    page.keyboard.press("ArrowDown")
    page.wait_for_function("u => location.href !== u && document.body.dataset.zoekKlaar", arg=before)
    assert parse_qs(urlsplit(page.url).query)["label"] == ["MOET"]
    badges = page.locator("#zoekresultaten .deelresultaat .soort").all_inner_texts()
    assert badges and set(badges) == {"MOET"}, badges
    shared = page.url
    # a shared address gives the same search with the same filters
    page.goto(shared)
    wait_for_answer(page, "stage")
    assert page.locator("#zoekfilters input[name=label][value='MOET']").is_checked()
    # Tab on into the results and open the first answer with Enter: it lands on the statement, marked
    first = page.locator("#zoekresultaten .deelresultaat > a").first
    page.focus("#zoekvraag")
    for _ in range(10):  # button, the two filter groups, the first page, its first answer
        page.keyboard.press("Tab")
        if first.evaluate("a => a === document.activeElement"):
            break
    assert first.evaluate("a => a === document.activeElement")
    href = urljoin(page.url, first.get_attribute("href") or "")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    anchor = urlsplit(href).fragment
    assert page.evaluate(
        "id => { const r = document.getElementById(id).getBoundingClientRect(); "
        "return r.top >= 0 && r.top < innerHeight }",
        anchor,
    )
    marked = page.evaluate(
        "id => getComputedStyle(document.getElementById(id).closest('.uitspraak')).outlineStyle", anchor
    )
    assert marked == "solid"


@pytest.mark.browser
def test_search_page_with_results_and_filters_is_accessible_and_stays_on_this_site(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/zoeken/?q={quote('stage leerling 15 jaar')}&soort=uitspraak")
    wait_for_answer(page, "stage leerling 15 jaar")
    assert page.locator("#zoekresultaten .deelresultaat").count() > 0
    assert axe_serious(page) == []
    assert other_requests(page.requests, site_url) == []


@pytest.mark.browser
def test_spelling_variants_find_the_same_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Hyphen and plural of one term give the same top 3, the abbreviation finds pages about that term, singular
    and plural of an ordinary word find the same first page (Dutch stemming), a missing diaeresis finds the same
    first answer, and a common misspelling from the vocabulary finds the term."""
    found = {variant: top3(page, site_url, variant) for variant in VARIANTS}
    assert len(found["leer-werktraject"]) == 3
    assert all(urls == found["leer-werktraject"] for urls in found.values()), found
    for url in top3(page, site_url, "LWT"):
        page.goto(url)
        assert "leer-werktraject" in page.locator("article").inner_text().lower(), url
    assert top3(page, site_url, "leerlingen")[0] == top3(page, site_url, "leerling")[0]
    ask(page, site_url, "geïntegreerde leerroute")
    with_diaeresis = first_answer(page)
    ask(page, site_url, "geintegreerde leerroute")
    assert first_answer(page) == with_diaeresis
    for url in top3(page, site_url, "leerwerktrajekt"):
        page.goto(url)
        assert "leer-werktraject" in page.locator("article").inner_text().lower(), url


@pytest.mark.browser
def test_vakcodetabel_is_found_by_profile_name_and_vakcode(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    target = f"{site_url}/{VAKCODES_PAGE.removesuffix('.md')}/"
    for profiel in load_content(ROOT / "content").profielen:
        assert target in top3(page, site_url, f"{profiel.naam} vakcode"), profiel.naam
    page.goto(target)
    text = page.locator("article").inner_text()
    assert all(str(p.vakcode) in text for p in load_content(ROOT / "content").profielen)


@pytest.mark.browser
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
    href = page.locator("#zoekresultaten .zoekresultaat-pagina").first.get_attribute("href")
    assert urljoin(page.url, href) == second[0]
    assert page.evaluate("window.zelfdePagina") is True  # never reloaded
