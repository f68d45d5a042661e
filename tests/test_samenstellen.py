"""'Stel uw overeenkomst samen' in a real Chromium: the browser's Word file equals the CLI's, byte for byte in the XML.

Builds a copy of the project with one extra test agreement (every field type, conditions, both rules), serves it,
fills each form with normal and hostile values, and compares the download with `Agreements.tailored` in-process.
"""

from __future__ import annotations

import base64
import io
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from helpers import CASES, HOSTILE, ROOT, TABLE, axe_serious, other_requests, raw_of, valid_values
from lxml import etree
from ooxml import ooxml_problems

from generators.inhoud.content import load_content
from generators.inhoud.model import Inhoud, Overeenkomst
from generators.inhoud.publication import site_meta
from generators.overeenkomsten.documenten import Agreements
from generators.overeenkomsten.regels import InvoerError, check_values
from generators.site.samenstellen import form_groups

TEST_ID = "testovereenkomst-samenstellen"
FILLED_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*)\.xml|docProps/(core|custom|app)\.xml)$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ONE_LINE_HOSTILE = [
    '& <b>x</b> *y* _z_ [a](b) | "q" ‘q’ {{ x }} <w:t>x</w:t>',
    "Ş̌çhøøl 🏫 مدرسة النور # {x} ~~doorgestreept~~ `code` \\backslash",
]


class Site:
    """The shared built site (real content plus the test agreement), served on 127.0.0.1."""

    def __init__(self, root: Path, url: str) -> None:
        self.root = root
        self.url = url
        self.inhoud: Inhoud = load_content(root / "content")
        self.builder = Agreements(root, site_meta(self.inhoud))
        self.agreements = {o.id: o for o in self.inhoud.overeenkomsten}


@pytest.fixture(scope="module")
def site(built_project: Path, site_url: str) -> Site:
    return Site(built_project, site_url)


def open_form(page, site: Site, agreement: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site.url}/overeenkomsten/{agreement}/samenstellen/")
    page.wait_for_selector(".wmwm-samenstellen[data-klaar='ja']")


# --- values ------------------------------------------------------------------------------------------------


def controls(o: Overeenkomst) -> dict[str, str]:
    return {f.naam: f.control for _, fields in form_groups(o) for f in fields}


def form_values(o: Overeenkomst, kind: str) -> dict[str, Any]:
    """Values a person types: 'normaal', 'vijandig' (hostile text, line breaks where a field allows them),
    'anders' (every ja/nee 'nee', the last choice, optional fields left empty) or 'volwassen' (a pupil of 18 or
    older at the start, so no parent signs). Hidden fields are left out."""
    kinds = controls(o)
    values = valid_values(o, HOSTILE[:3] if kind == "vijandig" else "Waarde")
    needed_for_minors = {n for r in o.regels if r.soort == "verplicht-als" for n in r.velden}
    for veld in o.velden:
        if veld.type == "tekst" and kinds[veld.naam] == "input" and kind == "vijandig":
            values[veld.naam] = ONE_LINE_HOSTILE[len(values[veld.naam]) % 2]
        if veld.type == "lijst" and kind == "vijandig":
            values[veld.naam] = [ONE_LINE_HOSTILE[0], "tweede; met puntkomma", ONE_LINE_HOSTILE[1]]
        if kind == "volwassen" and veld.type == "datum" and "geboor" in veld.naam:
            values[veld.naam] = "2000-01-01"
        if kind == "volwassen" and veld.naam in needed_for_minors:
            values[veld.naam] = ""
        if kind == "anders":
            if veld.type == "ja/nee":
                values[veld.naam] = "nee"
            elif veld.type == "keuze":
                values[veld.naam] = veld.keuzes[-1]
            elif not veld.verplicht and veld.naam not in needed_for_minors:
                values[veld.naam] = ""
    return {v.naam: values[v.naam] for v in o.velden if v.naam in counting(o, values)}


def counting(o: Overeenkomst, values: dict[str, Any]) -> set[str]:
    """The fields whose condition holds on the checked values (the form shows only these)."""
    waarden = check_values(o, values).waarden
    velden = {v.naam: v for v in o.velden}

    def counts(naam: str) -> bool:
        als = velden[naam].als
        return als is None or (counts(als.veld) and waarden.get(als.veld) in als.is_)

    return {naam for naam in velden if counts(naam)}


def fill_form(page, o: Overeenkomst, values: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    kinds = controls(o)
    for veld in o.velden:
        if veld.naam not in values:
            continue
        value = values[veld.naam]
        kind = kinds[veld.naam]
        if kind == "radios":
            if value:
                page.locator(f'input[name="{veld.naam}"]').and_(page.locator(f"[value={value!r}]")).check()
        elif kind == "select":
            page.select_option(f"#veld-{veld.naam}", value)
        else:
            page.fill(f"#veld-{veld.naam}", "\n".join(value) if isinstance(value, list) else value)


def browser_raw(page) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return page.evaluate("() => window.wmwmSamenstellen.values().raw")  # type: ignore[no-any-return]


def normalised(values: dict[str, Any]) -> dict[str, Any]:
    """What a browser field gives back: a list as its text area (one item per line), line breaks as \\n."""
    return {k: "\n".join(v) if isinstance(v, list) else v.replace("\r\n", "\n") for k, v in values.items()}


# --- DOCX ------------------------------------------------------------------------------------------------------


def filled_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every CRC checks out
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if FILLED_PARTS.match(n)}


def body_text(xml: str) -> str:
    root = etree.fromstring(xml.encode("utf-8"))
    paras = []
    for para in root.iter(f"{W}p"):
        paras.append("".join("\n" if n.tag == f"{W}br" else (n.text or "") for n in para.iter(f"{W}t", f"{W}br")))
    return "\n".join(paras)


def download(page) -> tuple[bytes, float]:  # type: ignore[no-untyped-def]
    page.wait_for_selector("#wmwm-controle:not([hidden])")
    with page.expect_download() as info:
        started = time.perf_counter()
        page.click("#wmwm-download")
    path = info.value.path()
    elapsed = (time.perf_counter() - started) * 1000
    return Path(path).read_bytes(), elapsed


# --- tests -------------------------------------------------------------------------------------------------


def test_form_says_niet_verplicht_only_where_no_rule_requires_the_field() -> None:
    """The parent's details are optional fields, but the minority rule requires them: no '(niet verplicht)'."""
    o = next(o for o in load_content(ROOT / "content").overeenkomsten if o.id == "leer-werkovereenkomst")
    optional = {f.naam for _, fields in form_groups(o) for f in fields if f.optional}
    minors = {n for r in o.regels if r.soort == "verplicht-als" for n in r.velden}
    assert minors == {"ouder_naam", "ouder_adres", "ouder_telefoon"}
    assert not optional & minors
    assert optional == {v.naam for v in o.velden if not v.verplicht} - minors


def test_test_agreement_covers_every_kind_of_field(form_project: Path) -> None:
    o = next(o for o in load_content(form_project / "content").overeenkomsten if o.id == TEST_ID)
    assert {v.type for v in o.velden} == {"tekst", "datum", "getal", "keuze", "ja/nee", "lijst"}
    assert set(controls(o).values()) == {"input", "textarea", "radios", "select"}
    assert {r.soort for r in o.regels} == {"na", "verplicht-als"}


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["normaal", "vijandig", "anders", "volwassen"])
def test_browser_file_equals_cli_file(page, site: Site, kind: str, meting) -> None:  # type: ignore[no-untyped-def]
    for agreement, o in sorted(site.agreements.items()):
        open_form(page, site, agreement)
        values = form_values(o, kind)
        fill_form(page, o, values)
        raw = browser_raw(page)
        assert raw == normalised(values), agreement
        page.click("#wmwm-formulier button[type=submit]")
        data, elapsed = download(page)
        ms = page.evaluate("() => window.wmwmSamenstellen.lastMs")
        meting(f"{agreement} ({kind}): klik tot bestand {elapsed:.0f} ms (in de pagina {ms:.0f} ms)")
        docx.Document(io.BytesIO(data))  # python-docx opens it
        expected = site.builder.tailored(o, raw)
        got, want = filled_parts(data), filled_parts(expected)
        assert body_text(got["word/document.xml"]) == body_text(want["word/document.xml"]), agreement
        assert got == want, agreement
        assert data == expected, agreement  # the whole file, byte for byte
        assert ooxml_problems(data) == [], agreement
        if kind == "vijandig":
            assert ONE_LINE_HOSTILE[0] in body_text(got["word/document.xml"])
        assert "⟦" not in got["word/document.xml"]
    assert other_requests(page.requests, site.url) == []
    assert len(page.downloads) == len(site.agreements)


DOCX_AS_BASE64 = """async (raw) => {
  const bytes = await window.wmwmSamenstellen.docx(raw);
  let text = "";
  for (let i = 0; i < bytes.length; i += 32768) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
  return btoa(text);
}"""


@pytest.mark.browser
def test_browser_file_equals_cli_file_for_the_case_table(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    """Every accepted case of the shared table (tests/gevallen/invoer.yaml): the same Word file, byte for byte."""
    o = site.agreements[TABLE["overeenkomst"]]
    open_form(page, site, o.id)
    accepted = [c for c in CASES if "fouten" not in c["verwacht"]]
    assert len(accepted) >= 20
    for case in accepted:
        raw = raw_of(case)
        got = base64.b64decode(page.evaluate(DOCX_AS_BASE64, raw))
        assert got == site.builder.tailored(o, raw), case["naam"]
    assert other_requests(page.requests, site.url) == []


def error_list(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("#foutoverzicht li a").all_inner_texts()  # type: ignore[no-any-return]


def python_errors(o: Overeenkomst, raw: dict[str, Any]) -> list[tuple[str, str]]:
    try:
        check_values(o, raw)
    except InvoerError as exc:
        return [(f.veld, f.melding) for f in exc.fouten]
    return []


@pytest.mark.browser
def test_invalid_input_shows_error_summary_and_no_download(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    o = site.agreements[TEST_ID]
    open_form(page, site, TEST_ID)
    page.click("#wmwm-formulier button[type=submit]")
    summary = page.locator("#foutoverzicht")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "foutoverzicht"
    assert page.title().startswith("Fout: ")
    required = [v.naam for v in o.velden if v.verplicht and v.als is None]
    assert [h.split("#")[-1] for h in page.locator("#foutoverzicht li a").evaluate_all("a => a.map(x => x.href)")] == [
        f"veld-{n}" for n in required
    ]
    assert error_list(page) == [m for _, m in python_errors(o, {})]
    first = page.locator(f"#veld-{required[0]}")
    assert first.get_attribute("aria-invalid") == "true"
    assert f"fout-{required[0]}" in (first.get_attribute("aria-describedby") or "")
    assert page.locator(f"#fout-{required[0]}").inner_text().endswith(python_errors(o, {})[0][1])
    page.locator("#foutoverzicht li a").first.click()
    assert page.evaluate("document.activeElement.id") == f"veld-{required[0]}"

    values = form_values(o, "normaal")
    values.update(
        uren="1.500,5", vergoeding="-3", einddatum="2026-08-31", ouder_naam="", school_naam="bel\x07", sector="zorg"
    )
    fill_form(page, o, values)
    page.click("#wmwm-formulier button[type=submit]")
    want = python_errors(o, browser_raw(page))
    assert {v for v, _ in want} == {"uren", "vergoeding", "einddatum", "ouder_naam", "school_naam"}
    assert error_list(page) == [m for _, m in want]
    assert page.locator("#wmwm-controle").is_hidden()
    assert page.downloads == []
    assert other_requests(page.requests, site.url) == []


@pytest.mark.browser
def test_browser_decides_on_the_normalised_answer(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    """'Ja', 'JA' and ' ja ' keep the clause they control, as 'ja' does; 'nee' drops it."""
    o = site.agreements["leer-werkovereenkomst"]
    open_form(page, site, o.id)
    values = {**form_values(o, "normaal"), "stagevergoeding_bedrag": "125,50"}
    chosen = {}
    for spelling in ["ja", "Ja", "JA", " ja ", "nee"]:
        raw = {**values, "stagevergoeding": spelling}
        result = page.evaluate("raw => window.wmwmSamenstellen.check(raw)", raw)
        assert result["fouten"] == []
        assert result["waarden"]["stagevergoeding"] == spelling.strip().lower()
        chosen[spelling] = page.evaluate("raw => window.wmwmSamenstellen.invulling(raw).voorwaarden", raw)
    assert chosen["Ja"] == chosen["JA"] == chosen[" ja "] == chosen["ja"] != chosen["nee"]


@pytest.mark.browser
def test_a_young_pupils_working_day_in_the_form(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    """A 15-year-old from 8.00 to 16.30 with half an hour's break is refused with Python's words (field, 7 hours,
    NRK 3:1 lid 2 onder c) and nothing downloads; from 16, a Sunday only warns and the download works."""
    o = site.agreements["leer-werkovereenkomst"]
    values = {**form_values(o, "normaal"), "werktijd_begin": "8.00", "werktijd_einde": "16.30", "pauze_minuten": "30"}
    open_form(page, site, o.id)
    fill_form(page, o, values)
    page.click("#wmwm-formulier button[type=submit]")
    want = python_errors(o, browser_raw(page))
    assert [v for v, _ in want] == ["werktijd_einde"]
    assert "ten hoogste 7 uur per dag" in want[0][1] and "art. 3:1 lid 2 onder c" in want[0][1]
    assert error_list(page) == [want[0][1]]
    assert page.downloads == []

    values.update(werktijd_begin="9.00", leerling_geboortedatum="2010-03-15", praktijkdagen="za en zo")
    fill_form(page, o, values)
    page.click("#wmwm-formulier button[type=submit]")
    box = page.locator("#wmwm-waarschuwingen")
    box.wait_for(state="visible")
    warnings = [w.melding for w in check_values(o, browser_raw(page)).waarschuwingen]
    assert len(warnings) == 1 and "Arbeidstijdenwet art. 5:6 lid 1 en 3" in warnings[0]
    assert box.locator("li").all_inner_texts() == warnings
    data, _ = download(page)
    assert "zaterdag en zondag" in "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


@pytest.mark.browser
def test_conditional_field_shows_and_hides(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    open_form(page, site, TEST_ID)
    begeleider = page.locator('.wmwm-veld[data-veld="begeleider"]')
    assert begeleider.is_hidden()
    page.check("#veld-extra_begeleiding")  # 'ja'
    assert begeleider.is_visible()
    page.check("#veld-extra_begeleiding-2")  # 'nee'
    assert begeleider.is_hidden()


@pytest.mark.browser
def test_keyboard_only(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    o = site.agreements[TEST_ID]
    values = form_values(o, "normaal")
    open_form(page, site, TEST_ID)
    for _ in range(200):  # Tab from the top of the page to the first field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == f"veld-{o.velden[0].naam}":
            break
    kinds = controls(o)
    for veld in o.velden:
        if veld.naam not in values:
            continue
        assert page.evaluate("document.activeElement.name") == veld.naam
        value = values[veld.naam]
        if kinds[veld.naam] == "radios":
            options = veld.keuzes if veld.type == "keuze" else ["ja", "nee"]
            page.keyboard.press("Space")
            for _ in range(options.index(value)):
                page.keyboard.press("ArrowDown")
        elif kinds[veld.naam] == "select":
            for _ in range(veld.keuzes.index(value) + 1):
                page.keyboard.press("ArrowDown")
        elif veld.type == "datum":
            y, m, d = value.split("-")
            page.keyboard.type(f"{m}{d}{y}")  # Chromium's date field in the en-US locale reads mm/dd/yyyy
        else:
            page.keyboard.type("\n".join(value) if isinstance(value, list) else value)
        page.keyboard.press("Tab")
        while page.evaluate("document.activeElement.name") == veld.naam:
            page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the submit button has focus
    assert page.evaluate("document.activeElement.id") == "wmwm-controle"
    page.keyboard.press("Tab")  # the first 'Wijzig' link
    assert page.evaluate("document.activeElement.textContent").startswith("Wijzig")
    page.locator("#wmwm-download").focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert Path(info.value.path()).read_bytes() == site.builder.tailored(o, browser_raw(page))


@pytest.mark.browser
@pytest.mark.parametrize("state", ["leeg", "fouten", "controle"])
def test_form_has_no_serious_accessibility_violations(page, site: Site, state: str) -> None:  # type: ignore[no-untyped-def]
    o = site.agreements[TEST_ID]
    open_form(page, site, TEST_ID)
    if state != "leeg":
        if state == "controle":
            fill_form(page, o, form_values(o, "normaal"))
        page.click("#wmwm-formulier button[type=submit]")
    assert axe_serious(page) == []


@pytest.mark.browser
def test_the_download_is_named_after_the_pupil(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    """As the batch names its files: the pupil's name made safe for every file system."""
    o = site.agreements["leer-werkovereenkomst"]
    open_form(page, site, o.id)
    fill_form(page, o, {**form_values(o, "normaal"), "leerling_naam": "Zoë O'Brien"})
    page.click("#wmwm-formulier button[type=submit]")
    page.wait_for_selector("#wmwm-controle:not([hidden])")
    with page.expect_download() as info:
        page.click("#wmwm-download")
    assert info.value.suggested_filename == "zoe-o-brien.docx"
    assert "zoe-o-brien.docx" in page.locator("#wmwm-status").inner_text()
