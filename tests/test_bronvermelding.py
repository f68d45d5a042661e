"""Reports are cited by title and section, never by the line numbers of an internal text file (issue 21, item 4):
not in content, not on any built page, not in any Word file the site offers."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from helpers import ROOT, read_yaml

from generators.inhoud.bronlabel import label
from generators.inhoud.content import load_content

# "regel 2975-3024 van de tekst", "(regel 251)", "regel 1507-1511 en 1870-1880": a line of a text file.
LINE_NOTE = re.compile(r"\bregels? \d+", re.IGNORECASE)
# The editor's guide quotes error messages of `wmwm controleer`, which name a line of a YAML file the editor edits.
EDITOR_GUIDE = "redactie/index.html"


def line_notes(text: str) -> list[str]:
    return [text[max(m.start() - 40, 0) : m.end() + 20] for m in LINE_NOTE.finditer(text)]


def test_the_scan_finds_the_old_notes() -> None:
    old = "Brochure (2021), hoofdstuk 05, Erkend leerbedrijf (regel 1556-1575 van de tekst)"
    assert line_notes(old) and line_notes("paragraaf 6.2.5 (regel 4193-4209)") and line_notes("voetnoot 3 (regel 251)")
    assert line_notes("hoofdstuk 05, Erkend leerbedrijf") == []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_content_text_cites_a_line_number() -> None:
    found = {}
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        for text in _strings(read_yaml(path.read_text(encoding="utf-8"))):
            if notes := line_notes(text):
                found[path.relative_to(ROOT).as_posix()] = notes
    assert found == {}


def test_every_report_citation_names_title_and_place() -> None:
    inhoud = load_content(ROOT / "content")
    bronnen = [b for u in inhoud.uitspraken for b in u.bronnen if not b.is_law]
    bronnen += [b for r in inhoud.routes for b in r.bronnen if not b.is_law]
    bronnen += [b for p in inhoud.praktijkvoorbeelden for b in p.bronnen if not b.is_law]
    bronnen += [b for t in inhoud.tabellen for b in t.bronnen if not b.is_law]
    assert len(bronnen) > 100
    titles = {r.id: r.titel for r in inhoud.rapporten}
    for bron in bronnen:
        text = label(bron, inhoud)
        assert text.startswith(titles[bron.rapport or ""]) and line_notes(text) == [], text
        assert bron.vindplaats, f"{text}: zonder vindplaats"


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n"))


@pytest.mark.build
def test_no_page_or_document_cites_a_line_number(built_site: Path) -> None:
    pages = [p for p in sorted(built_site.rglob("*.html")) if "pagefind" not in p.parts]
    documents = sorted(built_site.rglob("*.docx"))
    assert len(pages) > 50 and len(documents) > 2
    found = {}
    for page in pages:
        rel = page.relative_to(built_site).as_posix()
        if rel == EDITOR_GUIDE:
            continue
        if notes := line_notes(lxml.html.parse(str(page)).getroot().text_content()):
            found[rel] = notes
    for document in documents:
        if notes := line_notes(_docx_text(document)):
            found[document.relative_to(built_site).as_posix()] = notes
    assert found == {}
    guide = lxml.html.parse(str(built_site / EDITOR_GUIDE)).getroot().text_content()
    assert [n for n in line_notes(guide) if "van de tekst" in n] == []
