"""Stappenplan op maat in a real Chromium: the checklist equals the Python computation (markers such as "Vanaf de
16e verjaardag" included), links resolve, keyboard only, axe clean, only GETs of the site's own files, a one-column
A4 print; the time to the checklist is measured."""

from __future__ import annotations

import functools
import re
import statistics
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlparse

import lxml.etree
import lxml.html
import pytest
from helpers import ROOT, axe_serious, other_requests, pdf_text
from ooxml import ooxml_problems

from generators.inhoud.content import load_content
from generators.inhoud.model import Inhoud
from generators.inhoud.publication import site_meta
from generators.inhoud.stappenplan import stappenplan
from generators.site.stappenplan_docx import stappenplan_docx
from generators.site.views import SOORT_LABEL

pytestmark = pytest.mark.browser

ANSWER_SETS = {
    "lwt-start-jong": {
        "route": "leer-werktraject",
        "situatie": "eerste-leerling",
        "leeftijd": "onder-16",
        "samenwerkingsovereenkomst": "nee",
        "leerbedrijf": "weet-niet",
    },
    "lwt-loopt-jong": {
        "route": "leer-werktraject",
        "situatie": "loopt-al",
        "leeftijd": "onder-16",
        "samenwerkingsovereenkomst": "ja",
        "leerbedrijf": "ja",
    },
    "lwt-loopt-volwassen": {
        "route": "leer-werktraject",
        "situatie": "loopt-al",
        "leeftijd": "18-plus",
        "samenwerkingsovereenkomst": "ja",
        "leerbedrijf": "ja",
    },
    "doorlopende-leerroute": {
        "route": "doorlopende-leerroute",
        "situatie": "orienteren",
        "leeftijd": "16-17",
        "samenwerkingsovereenkomst": "nee",
    },
    "entree-gemengd": {
        "route": "entreeopleiding",
        "situatie": "eerste-leerling",
        "leeftijd": "gemengd",
        "samenwerkingsovereenkomst": "ja",
    },
}


@pytest.fixture(scope="module")
def inhoud() -> Inhoud:
    return load_content(ROOT / "content")


@pytest.fixture(autouse=True)
def private_and_without_errors(page, site_url: str):  # type: ignore[no-untyped-def]
    """Every test here: no script errors, and no request other than GETs of the site's own files."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield
    assert errors == []
    assert other_requests(page.requests, site_url) == []


def plan_url(site_url: str, answers: dict[str, str]) -> str:
    return f"{site_url}/stappenplan/?{urlencode({**answers, 'scherm': 'plan'})}"


def answer_by_clicking(page, inhoud: Inhoud, answers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Answer each question on its own screen by clicking the label, as a user would."""
    for vraag in inhoud.vragen:
        if vraag.id not in answers:
            continue
        assert page.locator("legend h2").inner_text() == vraag.vraag
        tekst = next(a.tekst for a in vraag.antwoorden if a.id == answers[vraag.id])
        page.get_by_label(tekst, exact=True).check()
        page.get_by_role("button", name="Ga verder").click()


Checklist = list[tuple[str, str, list[tuple[str, str]]]]


def shown_checklist(page) -> Checklist:  # type: ignore[no-untyped-def]
    """(phase, block, [(statement id, marker as shown or "")]) as the page shows them."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#stappenplan-lijst ul[data-rubriek]')].map(ul => [
            ul.closest('section').dataset.fase, ul.dataset.rubriek,
            [...ul.querySelectorAll('li[data-id]')].map(li => [
                li.dataset.id, (li.querySelector('.wmwm-stap-regel .wmwm-later') || {}).textContent || ''])])"""
    )


def python_checklist(inhoud: Inhoud, answers: dict[str, str]) -> Checklist:
    plan = stappenplan(inhoud, answers)
    marker = {uid: f"{label}:" for uid, label in plan.later.items()}
    return [
        (f.fase.id, b.rubriek.id, [(u.id, marker.get(u.id, "")) for u in b.items])
        for f in plan.fasen
        for b in f.blokken
        if b.items
    ]


def as_lists(checklist: Checklist) -> list[list[object]]:
    """JSON from the page has lists where Python has tuples."""
    return [[fase, rubriek, [list(item) for item in items]] for fase, rubriek, items in checklist]


def test_answer_sets_give_different_checklists_equal_to_python(page, site_url: str, inhoud: Inhoud) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, Checklist] = {}
    for name, answers in ANSWER_SETS.items():
        page.goto(site_url + "/stappenplan/")
        answer_by_clicking(page, inhoud, answers)
        assert page.locator("#vraag-titel").inner_text() == "Controleer uw antwoorden"
        page.click("#toon-plan")
        assert dict(urlparse_query(page.url)) == {**answers, "scherm": "plan"}
        shown = shown_checklist(page)
        expected = python_checklist(inhoud, answers)
        assert as_lists(shown) == as_lists(expected), name
        done = page.eval_on_selector_all("li.wmwm-stap-item--klaar", "els => els.map(e => e.dataset.id)")
        assert set(done) == stappenplan(inhoud, answers).klaar, name
        seen[name] = expected
        page.goto(plan_url(site_url, answers))  # the address alone gives the same plan (bookmark, share)
        assert as_lists(shown_checklist(page)) == as_lists(expected)
    as_text = {repr(v) for v in seen.values()}
    assert len(as_text) == len(ANSWER_SETS)
    assert stappenplan(inhoud, ANSWER_SETS["lwt-loopt-volwassen"]).klaar  # settled items are shown as done
    assert stappenplan(inhoud, ANSWER_SETS["lwt-start-jong"]).later  # and some are marked for later


def test_under_16_the_16_17_rules_are_marked_in_words(page, site_url: str, inhoud: Inhoud) -> None:  # type: ignore[no-untyped-def]
    """Pupils who start under 16 see the 16-17 rules too, each marked by text (not only by colour)."""
    answers = ANSWER_SETS["lwt-start-jong"]
    plan = stappenplan(inhoud, answers)
    page.goto(plan_url(site_url, answers))
    item = page.locator('li[data-id="werktijden-jeugdige-maximale-arbeidstijd"]')
    marker = item.locator(".wmwm-stap-regel .wmwm-later")
    assert marker.is_visible() and marker.inner_text() == "Vanaf de 16e verjaardag:"
    assert marker.evaluate("e => getComputedStyle(e).borderBottomStyle") == "dashed"
    soort = SOORT_LABEL[next(u.soort for u in inhoud.uitspraken if u.id == "werktijden-jeugdige-maximale-arbeidstijd")]
    assert item.locator(".wmwm-stap-regel").inner_text().startswith(f"{soort} Vanaf de 16e verjaardag: ")
    marked = page.eval_on_selector_all("li:has(.wmwm-later)", "els => els.map(e => e.dataset.id)")
    assert marked == [uid for uid in plan.ids() if uid in plan.later] and len(marked) >= 5
    own = page.locator('li[data-id="werktijden-kind-veiligheid-en-ontwikkeling"]')
    assert own.count() == 1 and own.locator(".wmwm-later").count() == 0


def urlparse_query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlparse(url).query)


@functools.cache
def ids_in(html: Path) -> frozenset[str]:
    """Every id in a built page (many checklist items link into the same law page: read each page once)."""
    return frozenset(e.get("id") for e in lxml.html.parse(str(html)).iter(tag=lxml.etree.Element) if e.get("id"))


def test_every_item_links_to_an_existing_lid_anchor(page, site_url: str, built_site: Path, inhoud: Inhoud) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for answers in ANSWER_SETS.values():
        page.goto(plan_url(site_url, answers))
        items = page.eval_on_selector_all(
            "li[data-id]",
            "els => els.map(li => [li.dataset.id, [...li.querySelectorAll('.wmwm-bronnen a')].map(a => a.href)])",
        )
        assert items
        for uid, links in items:
            statement = next(u for u in inhoud.uitspraken if u.id == uid)
            law = [b for b in statement.bronnen if b.is_law]
            assert len(links) == len(statement.bronnen)
            for href in links:
                parsed = urlparse(href)
                html = built_site / parsed.path.lstrip("/") / "index.html"
                assert html.exists(), href
                # no fragment: an article without leden
                assert not parsed.fragment or parsed.fragment in ids_in(html), href
                checked += 1
            wet_links = [h for h in links if "/wet/" in h]
            assert len(wet_links) == len(law)
            assert all(("#lid-" in h) == (b.lid is not None) for h, b in zip(wet_links, law, strict=True))
    assert checked > 50


def test_route_chooser_and_back_links(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/stappenplan/")
    page.get_by_label("Dat weet ik nog niet", exact=True).check()
    page.get_by_role("button", name="Ga verder").click()
    assert page.locator("#vraag-titel").inner_text() == "Welke route past bij uw leerlingen?"
    assert page.get_by_role("link", name="de routes naast elkaar").get_attribute("href") == "../routes/"
    page.get_by_role("link", name="Kies een route").click()
    page.get_by_label("Leer-werktraject", exact=True).check()
    page.get_by_role("button", name="Ga verder").click()
    assert page.locator("legend h2").inner_text() == "Hoe ver is de school?"
    page.get_by_role("link", name="Terug").click()
    assert page.locator("legend h2").inner_text().startswith("Om welke route")
    assert page.locator("#antwoord-route-1").is_checked()
    page.go_back()
    assert page.locator("legend h2").inner_text() == "Hoe ver is de school?"


def test_no_answer_gives_an_error_summary(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/stappenplan/")
    page.get_by_role("button", name="Ga verder").click()
    summary = page.locator(".wmwm-foutoverzicht")
    assert summary.is_visible() and "Kies een antwoord" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('wmwm-foutoverzicht')")
    assert page.url.endswith("/stappenplan/")


def test_keyboard_only(page, site_url: str, inhoud: Inhoud) -> None:  # type: ignore[no-untyped-def]
    answers = ANSWER_SETS["lwt-start-jong"]
    page.goto(site_url + "/stappenplan/")
    for _ in range(200):  # Tab from the top of the page to the first radio
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "route":
            break
    for vraag in inhoud.vragen:
        if vraag.id not in answers:
            continue
        if page.evaluate("document.activeElement.name") != vraag.id:  # focus is on the question heading
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == vraag.id
        page.keyboard.press("Space")
        for _ in range([a.id for a in vraag.antwoorden].index(answers[vraag.id])):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")  # to 'Ga verder'
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "vraag-titel"
    assert page.locator("#vraag-titel").inner_text() == "Controleer uw antwoorden"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "toon-plan":
            break
    page.keyboard.press("Enter")
    assert page.locator("#vraag-titel").inner_text() == "Uw stappenplan"
    assert as_lists(shown_checklist(page)) == as_lists(python_checklist(inhoud, answers))


@pytest.mark.parametrize("screen", ["vraag", "fout", "routekeuze", "controle", "plan"])
def test_every_screen_is_accessible(page, site_url: str, screen: str) -> None:  # type: ignore[no-untyped-def]
    answers = ANSWER_SETS["lwt-start-jong"]
    url = {
        "vraag": "/stappenplan/?route=leer-werktraject",
        "fout": "/stappenplan/",
        "routekeuze": "/stappenplan/?route=weet-niet",
        "controle": "/stappenplan/?" + urlencode(answers),
        "plan": "/stappenplan/?" + urlencode({**answers, "scherm": "plan"}),
    }[screen]
    page.goto(site_url + url)
    if screen == "fout":
        page.get_by_role("button", name="Ga verder").click()
    assert axe_serious(page) == []


def test_print_is_one_column_a4(page, site_url: str, inhoud: Inhoud, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    answers = ANSWER_SETS["lwt-start-jong"]
    page.goto(plan_url(site_url, answers))
    pdf = tmp_path / "stappenplan.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:.*\(A4\)", info), info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    plan = stappenplan(inhoud, answers)
    statements = [u for f in plan.fasen for b in f.blokken for u in b.items]
    letters = _letters(flat)  # pdftotext splits words at line-end hyphens
    positions = [letters.find(_letters(u.regel)) for u in statements]
    assert -1 not in positions, [u.id for u, p in zip(statements, positions, strict=True) if p == -1]
    assert positions == sorted(positions)  # read top to bottom in checklist order: one column
    assert plan.later
    for u in statements:  # the marker is printed right before the rule it belongs to
        marked = _letters(SOORT_LABEL[u.soort] + plan.later[u.id] + u.regel) if u.id in plan.later else ""
        assert marked.lower() in letters.lower(), u.id
    assert letters.count(_letters("Vanaf de 16e verjaardag")) == len(plan.later)
    for hidden in ("Zoeken", "Terug", "Afdrukken", "Stel de leer-werkovereenkomst samen", "Vier wegen naar mbo"):
        assert hidden not in flat
    layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert not [line for line in layout.stdout.splitlines() if re.search(r"\S {6,}\S", line.strip())]


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def test_time_from_last_answer_to_checklist(page, site_url: str, inhoud: Inhoud, meting) -> None:  # type: ignore[no-untyped-def]
    answers = ANSWER_SETS["lwt-start-jong"]
    last = inhoud.vragen[-1]
    before = {k: v for k, v in answers.items() if k != last.id}
    to_check, to_plan = [], []
    for _ in range(10):
        page.goto(f"{site_url}/stappenplan/?{urlencode(before)}")
        tekst = next(a.tekst for a in last.antwoorden if a.id == answers[last.id])
        page.get_by_label(tekst, exact=True).check()
        to_check.append(page.evaluate(PAINTED_AFTER_CLICK, "#stappenplan button[type=submit]"))
        assert page.locator("#vraag-titel").inner_text() == "Controleer uw antwoorden"
        to_plan.append(page.evaluate(PAINTED_AFTER_CLICK, "#toon-plan"))
        assert page.locator("li[data-id]").count() == len(stappenplan(inhoud, answers).ids())
    meting(
        f"stappenplan: laatste antwoord -> controlescherm mediaan {statistics.median(to_check):.1f} ms; "
        f"'Toon het stappenplan' -> lijst van {len(stappenplan(inhoud, answers).ids())} stappen op het scherm "
        f"mediaan {statistics.median(to_plan):.1f} ms, max {max(to_plan):.1f} ms (doel < 100 ms, 10 keer)"
    )


# From the click to the frame after the new screen is painted (requestAnimationFrame runs before the paint,
# the timeout after it).
PAINTED_AFTER_CLICK = """selector => new Promise(resolve => {
    const t0 = performance.now();
    document.querySelector(selector).click();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
})"""


@pytest.mark.office
@pytest.mark.parametrize("name", ["lwt-loopt-volwassen", "entree-gemengd", "lwt-loopt-jong"])
def test_word_file_from_the_browser_equals_python_and_opens_in_libreoffice(  # type: ignore[no-untyped-def]
    page, site_url: str, built_project: Path, inhoud: Inhoud, tmp_path: Path, name: str
) -> None:
    answers = ANSWER_SETS[name]
    page.goto(plan_url(site_url, answers))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download als Word-bestand").click()
    assert info.value.suggested_filename == "stappenplan.docx"
    data = Path(info.value.path()).read_bytes()
    expected = stappenplan_docx(inhoud, built_project, site_meta(inhoud), answers)
    assert data == expected  # the browser fills the same template the same way
    assert ooxml_problems(data) == []
    docx = tmp_path / "stappenplan.docx"
    docx.write_bytes(data)
    letters = _letters(pdf_text(docx))
    plan = stappenplan(inhoud, answers)
    chosen = [u for f in plan.fasen for b in f.blokken for u in b.items]
    positions = [letters.find(_letters(u.regel)) for u in chosen]
    assert -1 not in positions and positions == sorted(positions)
    others = [u for u in inhoud.uitspraken if u.id not in plan.ids()]
    assert [u.id for u in others if _letters(u.regel) in letters] == []
    for vraag in inhoud.vragen:
        antwoord = next((a.tekst for a in vraag.antwoorden if a.id == answers.get(vraag.id)), None)
        assert _letters(f"{vraag.kort}: {antwoord}" if antwoord else vraag.kort) in letters or antwoord is None
        assert antwoord is not None or _letters(vraag.kort) not in letters  # a question not asked is left out
    assert letters.count(_letters("Al geregeld, volgens uw antwoorden")) == len(plan.klaar) > 0
    assert letters.count(_letters("Vanaf de 16e verjaardag")) == len(plan.later)
    for uid, marker in plan.later.items():  # each marker stands right before its rule, in its paragraph
        u = next(x for x in chosen if x.id == uid)
        assert _letters(SOORT_LABEL[u.soort] + marker + u.regel) in letters, uid
