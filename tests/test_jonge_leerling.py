"""A young pupil's working day on the built site: nothing suggests more than 7 hours a day under 16, the werktijden
page names every limit of NRK 3:1 lid 2 with its onderdeel, and every citation of the regulation carries the note
that its version is uncertain."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import docx
import pytest
from lxml import html

pytestmark = pytest.mark.build

# Ways a text can put more than 7 hours in a young pupil's day: "8 uur per dag", "gemiddeld 8 uur per dag",
# a span such as "8.00 tot 16.30 uur". Limits for older pupils are per dienst ("9 uur per dienst") and pass.
PER_DAY = re.compile(r"(?:gemiddeld )?(\d+(?:,\d+)?)\s*uur (?:per|op een) (?:praktijk)?dag")
SPAN = re.compile(r"(?<![\d.:])(\d{1,2})[.:](\d{2})\s*(?:uur\s*)?(?:tot|-|–)\s*(\d{1,2})[.:](\d{2})(?![\d.:])")
MAX_MINUTES = 7 * 60


def too_long(text: str) -> list[str]:
    """The passages that put more than 7 hours in a day, with some context."""
    found = [m for m in PER_DAY.finditer(text) if float(m.group(1).replace(",", ".")) * 60 > MAX_MINUTES]
    for m in SPAN.finditer(text):
        begin, end = int(m.group(1)) * 60 + int(m.group(2)), int(m.group(3)) * 60 + int(m.group(4))
        if end - begin > MAX_MINUTES:
            found.append(m)
    return [text[max(0, m.start() - 80) : m.end() + 20] for m in found]


def test_the_scan_finds_what_the_site_used_to_say() -> None:
    """The scan can fail: the sentences the site carried before are caught, the limits for older pupils are not."""
    assert too_long("640 klokuren in 80 dagen is gemiddeld 8 uur per dag")
    assert too_long("bijvoorbeeld 8.00 tot 16.30 uur met een half uur pauze")
    assert too_long("tot 10 uur per praktijkdag bij het leerbedrijf")
    assert not too_long("ten hoogste 7 uur per dag en 35 uur per week; van 9.00 tot 16.00 uur")
    assert not too_long("ten hoogste 9 uur per dienst, niet tussen 23.00 uur en 6.00 uur")


def page_text(path: Path) -> tuple[html.HtmlElement, str]:
    doc = html.fromstring(path.read_bytes())
    for hidden in doc.xpath("//script|//style|//template"):
        hidden.drop_tree()
    main = (doc.xpath("//article") or [doc])[0]
    return main, " ".join(main.text_content().split())


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join([*(p.text for p in document.paragraphs), *cells]).split())


def test_no_page_form_or_document_suggests_more_than_seven_hours_a_day(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    documents = sorted(built_site.rglob("*.docx"))
    assert len(pages) > 90 and len(documents) >= 3
    found = {str(p.relative_to(built_site)): too_long(page_text(p)[1]) for p in pages}
    found |= {str(d.relative_to(built_site)): too_long(docx_text(d)) for d in documents}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_werktijden_page_names_each_limit_with_its_onderdeel(built_site: Path) -> None:
    main, _ = page_text(built_site / "wat-moet-wat-mag" / "werktijden-en-rust" / "index.html")
    cited: dict[str, list[str]] = {}  # link target -> the statement headings that cite it
    for statement in main.xpath('.//div[contains(@class, "uitspraak")]'):
        heading = " ".join(statement.xpath("./h2")[0].text_content().split())
        for a in statement.xpath('.//a[contains(@href, "/wet/")]'):
            cited.setdefault(a.get("href").split("/wet/")[-1], []).append(heading)
    for onderdeel in "abcd":
        assert f"nrk-3-1/#lid-2-{onderdeel}" in cited, onderdeel
    assert "nrk-3-1/#lid-3" in cited and "nrk-3-1/#lid-1" in cited
    assert any("zondag" in h for h in cited["nrk-3-1/#lid-2-a"])
    assert any("zondag" in h for t, hs in cited.items() if t.startswith("atw-5-6") for h in hs)
    assert any("7 uur per dag" in h for h in cited["nrk-3-1/#lid-2-c"])


def test_every_citation_of_the_regulation_carries_its_version_note(built_site: Path) -> None:
    for artikel in ("nrk-1-1", "nrk-3-1"):
        main, text = page_text(built_site / "wet" / artikel / "index.html")
        assert "Versie onzeker" in text and "wetten.overheid.nl" in text and "16-10-2014" in text
        assert main.xpath('.//*[@id="versienoot"]')
    links = 0
    for path in sorted(built_site.rglob("*.html")):
        main, _ = page_text(path)
        address = "/" + str(path.relative_to(built_site))
        for a in main.xpath(".//a[@href]"):
            target = urlparse(urljoin(address, a.get("href"))).path
            if not target.startswith("/wet/nrk-") or target.removesuffix("index.html") == address.removesuffix(
                "index.html"
            ):
                continue
            links += 1
            context = " ".join((a.getparent().text_content() if a.getparent() is not None else "").split())
            assert "versie onzeker" in context.lower(), (address, a.get("href"), context[:200])
    assert links >= 10
