"""Site search: the Pagefind index of the built pages, the answers' labels, and the abbreviation map.

Input: the built site folder (step 3 of the build, after the engine wrote the HTML); the content, for the
abbreviations (step 1). Output, inside the site: `pagefind/` (the static index), `zoeken/antwoorden.json` (label,
first citation, wie and ages of every statement, by page#anchor, for the results list and its ranking) and
`zoeken/afkortingen.json`.

Pagefind indexes a *search copy* of the pages, so the pages a reader gets stay as the engine wrote them:
- every answer is a heading with an id, because Pagefind makes sub-results of headings only: a statement or FAQ
  answer already is one; a lid, onderdeel or concordance of a law article (an element with `data-zoek-titel`) gets a
  heading with that title and its id, so "2.38 lid 9" lands on the lid and "10b3" on the concordance;
- the words of the field (content/zoekwoorden.yaml, as the begrippen page shows them: `p.ook-wel`) are added once
  to every answer that uses the term, so "stage" finds the buitenschoolse praktijkgedeelte;
- filters: the kind of page (`soort`, from its folder) and, in the templates, each statement's label (`label`);
- weights: citations under a statement count double, a lid's title as much as a page title; the "Hier gebruikt"
  lists of law pages, the statements repeated on route pages and the changelog are left out (they repeat what the
  statements' own pages answer).
docs/javascripts/zoeken.js shows each page's best sub-results with their label, citation and wie.
Pagefind was chosen over mkdocs-material's lunr search by measurement (benchmarks/zoeken.py): it stems Dutch
plurals and joins hyphenated compounds, where lunr found nothing for "leerwerktraject".
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

import lxml.html
from lxml.html import HtmlElement

from generators.inhoud.model import Inhoud
from generators.inhoud.problems import WmwmError
from generators.site import urls

ANSWERS = "zoeken/antwoorden.json"
BEGRIPPEN_PAGE = PurePosixPath(urls.BEGRIPPEN).with_suffix("").as_posix() + "/index.html"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Weight of the heading an answer gets in the search copy (an h1 weighs 7, h2 6 ... h6 2): a lid's number and
# article ("2.38 lid 9") count as much as a page title; `data-zoek-gewicht` on the element says otherwise.
ANSWER_WEIGHT = 7
# Blocks that get the field's words when their text uses a term of the site.
TEXT_BLOCKS = ("p", "li", "dd", "dt", "td", "th", *HEADINGS)


def _folder(page: str) -> str:
    return PurePosixPath(page).parent.as_posix() + "/"


# The kind of each page (the `soort` filter), by the folder it is in; the first match counts.
KINDS: tuple[tuple[str, str], ...] = (
    (_folder(urls.UITSPRAKEN), "uitspraak"),
    (_folder(urls.WET), "wetsartikel"),
    (_folder(urls.ROUTES), "route"),
    (_folder(urls.OVEREENKOMSTEN), "overeenkomst"),
    (_folder(urls.STAPPENPLAN), "stappenplan"),
    (PurePosixPath(urls.VEELGESTELDE_VRAGEN).with_suffix("").as_posix() + "/", "veelgestelde vraag"),
    # the search page looks here first for "wat betekent ..." (docs/javascripts/zoeken.js)
    (PurePosixPath(urls.BEGRIPPEN).with_suffix("").as_posix() + "/", "begrip"),
)
OTHER_KIND = "uitleg"
# Pages that are not answers: the changelog names every topic it changed, the search page finds nothing.
NOT_INDEXED = tuple(
    PurePosixPath(p).with_suffix("").as_posix() + "/index.html" for p in (urls.WIJZIGINGEN, "zoeken.md")
)


class SearchIndexError(WmwmError):
    """The search index could not be built (message in Dutch)."""


@dataclass(frozen=True)
class Answer:
    """What a result shows beside a statement: its label, first citation and who carries it; and the ages it is
    about (youngest, oldest), from the statement's geldt_voor, which the search page compares with ages in the
    question ("leerling van 16")."""

    label: str
    bron: str
    wie: str
    open_vraag: bool
    leeftijd: tuple[int, int] | None = None


# The answers of the stappenplan's leeftijd question, as the statements' geldt_voor names them: onder-16, 16-17,
# 18-plus.
_AGE_ANSWER = re.compile(r"^(?:onder-(?P<onder>\d+)|(?P<van>\d+)-(?P<tot>\d+)|(?P<vanaf>\d+)-plus)$")
OLDEST = 99


def age_range(answers: str) -> tuple[int, int] | None:
    """(youngest, oldest) of the ages `answers` (space separated, `data-zoek-leeftijd`) cover; None if none is an
    age."""
    ranges = []
    for answer in answers.split():
        m = _AGE_ANSWER.match(answer)
        if not m:
            continue
        if m["onder"]:
            ranges.append((0, int(m["onder"]) - 1))
        elif m["van"]:
            ranges.append((int(m["van"]), int(m["tot"])))
        else:
            ranges.append((int(m["vanaf"]), OLDEST))
    return (min(r[0] for r in ranges), max(r[1] for r in ranges)) if ranges else None


def page_kind(page: str) -> str:
    """The kind of a built page, `page` relative to the site (`wet/wvo2020-2-38/index.html`)."""
    return next((kind for folder, kind in KINDS if page.startswith(folder)), OTHER_KIND)


# --- The words of the field ------------------------------------------------------------------------------------


def _form_pattern(form: str) -> str:
    """A regex for one way the site writes a term: each word may take an ending (leerbedrijf -> leerbedrijven,
    buitenschools -> buitenschoolse), a hyphen may be a space or nothing."""
    parts = []
    for word in re.split(r"[\s-]+", form.strip().lower()):
        stem = word[:-1] if len(word) > 5 else word
        parts.append(re.escape(stem) + r"\w*")
    return r"\b" + r"[\s-]*".join(parts)


def vocabulary(site: Path) -> list[tuple[re.Pattern[str], str]]:
    """(how the site writes a term, the field's words for it), read from the begrippen page: what it shows is what
    the index applies."""
    page = site / BEGRIPPEN_PAGE
    if not page.exists():
        return []
    found = []
    for p in lxml.html.parse(str(page)).getroot().find_class("ook-wel"):
        term, *others = (p.get("data-zoek-vormen") or "").split("|")
        # "praktijkopleider of praktijkbegeleider": in the term each is a way the site writes it ("16 of 17" is one)
        forms = [f for f in [*term.split(" of "), *others] if f.strip()]
        words = " ".join(p.text_content().split()).removeprefix("Ook wel:").strip().rstrip(".")
        if forms and words:
            pattern = re.compile("|".join(_form_pattern(f) for f in forms), re.IGNORECASE)
            found.append((pattern, words))
    return found


def _own_text(element: HtmlElement) -> str:
    """The text of a block without the text of blocks nested in it (a lid's onderdelen are their own blocks)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in ("ol", "ul", "p", "div", "table", "dl"):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _add_field_words(body: HtmlElement, words: list[tuple[re.Pattern[str], str]]) -> None:
    """Once per answer (the passage from one heading or lid to the next): a passage that uses a term ten times
    should not outrank one that answers the question."""
    given: set[str] = set()
    for block in list(body.iter(*TEXT_BLOCKS)):
        if block.tag in HEADINGS or block.get("data-zoek-titel"):
            given = set()
        if block.xpath("ancestor-or-self::*[@data-pagefind-meta or @data-pagefind-ignore or @class='wie']"):
            continue  # metadata is matched as a whole, with its own weight; 'Wie: Leerbedrijf' is a label
        text = _own_text(block)
        extra = [w for pattern, w in words if w not in given and pattern.search(text)]
        if not extra:
            continue
        given.update(extra)
        span = lxml.html.fromstring(f"<span class='zoekwoorden'> (ook wel: {'; '.join(extra)})</span>")
        if block.tag in HEADINGS:  # a heading's text is its sub-result's title: the words go just below it
            p = lxml.html.fromstring("<p></p>")
            p.append(span)
            block.addnext(p)
            p.tail, block.tail = block.tail, None
        else:
            block.append(span)


# --- The search copy -------------------------------------------------------------------------------------------


def _answer(block: HtmlElement) -> tuple[str, Answer] | None:
    heading = next((h for h in block if h.tag in HEADINGS and h.get("id")), None)
    label = block.find_class("soort")
    if heading is None or not label:
        return None
    wie = block.find_class("wie-partij")
    sources = block.xpath("./p[@class='bronnen-kop']/following-sibling::ul[1]/li")
    return heading.get("id", ""), Answer(
        label=" ".join(label[0].text_content().split()),
        bron=" ".join(sources[0].text_content().split()) if sources else "",
        wie=" ".join(wie[0].text_content().split()) if wie else "",
        open_vraag=bool(block.xpath(".//div[contains(@class, 'admonition') and contains(@class, 'question')]")),
        leeftijd=age_range(block.get("data-zoek-leeftijd", "")),
    )


def search_copy(html: str, page: str, words: list[tuple[re.Pattern[str], str]]) -> tuple[str, dict[str, Answer]]:
    """The page as Pagefind should read it (see the module docstring), and the answers on it by anchor."""
    root = lxml.html.document_fromstring(html)
    body = next(iter(root.xpath("//*[@data-pagefind-body]")), None)
    answers: dict[str, Answer] = {}
    if body is None:
        return html, answers
    kind = lxml.html.fromstring("<span></span>")
    kind.set("data-pagefind-filter", f"soort:{page_kind(page)}")
    body.insert(0, kind)

    for element in body.xpath(".//*[@data-zoek-weglaten]"):
        element.set("data-pagefind-ignore", "all")
    for block in body.find_class("uitspraak"):
        found = _answer(block)
        if found:
            answers[found[0]] = found[1]
        for source in block.xpath("./p[@class='bronnen-kop']/following-sibling::ul[1]/li"):
            source.set("data-pagefind-weight", "2")
    _add_field_words(body, words)
    for element in body.xpath(".//*[@data-zoek-titel][@id]"):
        heading = lxml.html.fromstring("<h4></h4>")
        heading.text = element.get("data-zoek-titel")
        heading.set("id", element.get("id", ""))
        heading.set("data-pagefind-weight", element.get("data-zoek-gewicht", str(ANSWER_WEIGHT)))
        del element.attrib["id"]
        element.addprevious(heading)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>"), answers


def prepare(site: Path, copy: Path) -> None:
    """Write the search copy of every page of `site` to `copy`, and the answers' labels to `site`."""
    shutil.rmtree(copy, ignore_errors=True)
    words = vocabulary(site)
    answers: dict[str, dict[str, object]] = {}
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        if page in NOT_INDEXED:
            continue
        text, found = search_copy(path.read_text(encoding="utf-8"), page, words)
        target = copy / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        address = page.removesuffix("index.html")
        for anchor, answer in found.items():
            answers.setdefault(f"{address}#{anchor}", asdict(answer))
    (site / ANSWERS).parent.mkdir(parents=True, exist_ok=True)
    (site / ANSWERS).write_text(json.dumps(answers, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _pagefind(copy: Path, site_dir: Path) -> list[str]:
    # The permalink "¶" after each heading is not content: without this it ends up in every result title.
    return [
        *(sys.executable, "-m", "pagefind", "--site", str(copy), "--output-path", str(site_dir / "pagefind")),
        *("--exclude-selectors", ".headerlink", "--quiet"),
    ]


def build_search_index(site_dir: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="wmwm-zoekkopie-") as folder:
        copy = Path(folder) / "site"
        prepare(site_dir, copy)
        result = subprocess.run(_pagefind(copy, site_dir), capture_output=True, text=True)
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").exists():
        raise SearchIndexError(f"De zoekindex (Pagefind) kon niet worden gemaakt:\n{result.stderr or result.stdout}")


def start_search_index(site_dir: Path) -> subprocess.Popen[bytes]:
    """Index in the background (the preview): the page is served at once, search follows a moment later. The search
    copy is made in that background process too (`python -m generators.site.zoeken SITE`)."""
    command = [sys.executable, "-m", "generators.site.zoeken", str(site_dir)]
    root = Path(__file__).resolve().parents[2]
    return subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def abbreviation_map(inhoud: Inhoud) -> str:
    """JSON {afkorting in kleine letters: term}, so a query for 'LWT' searches 'leer-werktraject'."""
    mapping = {b.afkorting.lower(): b.term.lower() for b in inhoud.begrippen if b.afkorting}
    return json.dumps(mapping, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    build_search_index(Path(sys.argv[1]))
