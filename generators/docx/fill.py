"""Fill an agreement's one template DOCX in-process: clauses, numbers, lists and values, XML-escaped.

Input: the template DOCX (from `generators.docx.template`, one per agreement) and an `Invulling`. The template marks, in
its own paragraphs: `⟦als:N⟧` … `⟦/als⟧` a region that holds only when condition N holds; `⟦blanco⟧` a
paragraph only the blank document keeps (hints, "Alleen opnemen als …"); `⟦lijst:veld⟧` a bulleted list
paragraph, repeated once per item; `⟦#artikel⟧` / `⟦#lid⟧` clause numbers, counted over what is kept;
`⟦veld⟧` a value. Output: DOCX bytes. Values go straight into the XML, so `<b>`, `*x*` or `{{ x }}` arrive as
literal text; a line break in a value becomes a Word line break.

`docs/javascripts/docx_vullen.js` does exactly this in the browser; both give the same bytes (parts that hold
tokens are stored, the others deflated as in the template), which tests/test_samenstellen.py checks.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

TOKEN = re.compile(r"⟦([^⟦⟧<>]*)⟧")
TEXT_RUN = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
BLOCK = re.compile(r"<w:tbl>.*?</w:tbl>|<w:p(?: [^>]*)?/>|<w:p(?: [^>]*)?>.*?</w:p>", re.S)
REGION_START = re.compile(r"⟦als:(\d+)⟧")
REGION_END = "⟦/als⟧"
BLANK_ONLY = "⟦blanco⟧"
LIST_ITEM = re.compile(r"⟦lijst:([a-z][a-z0-9_]*)⟧")
NUMBER = re.compile(r"⟦#(artikel|lid)⟧")
FILLED_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*)\.xml|docProps/(core|custom|app)\.xml)$")
BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
COMPRESS_LEVEL = 6
# Characters XML 1.0 cannot hold; `values` rejects them before we get here.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Invulling:
    """What goes into one document. `voorwaarden` None is the blank document: every clause, hints kept."""

    teksten: Mapping[str, str]
    lijsten: Mapping[str, Sequence[str]]
    voorwaarden: Sequence[bool] | None


def fill(template: bytes, invulling: Invulling) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info, data, text in _parts(template):
            if text is not None:
                if info.filename == "word/document.xml":
                    text = _blocks(text, invulling)
                else:
                    text = fill_tokens(text, invulling.teksten.get, word=info.filename.startswith("word/"))
                write(target, info, text.encode("utf-8"), stored=True)
            else:
                write(target, info, data, stored=False)
    return out.getvalue()


def write(target: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, *, stored: bool) -> None:
    """One entry exactly as the browser's zip writer makes it: DOS system, no attributes, fixed level."""
    entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    entry.create_system = 0
    entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    target.writestr(entry, data, compresslevel=None if stored else COMPRESS_LEVEL)


@functools.lru_cache(maxsize=64)
def _parts(template: bytes) -> tuple[tuple[zipfile.ZipInfo, bytes, str | None], ...]:
    """The template's parts, unpacked once; `text` is set for the parts that hold tokens."""
    with zipfile.ZipFile(io.BytesIO(template)) as source:
        parts = []
        for info in source.infolist():
            data = source.read(info.filename)
            holds_tokens = FILLED_PARTS.match(info.filename) and "⟦".encode() in data
            parts.append((info, data, data.decode("utf-8") if holds_tokens else None))
    return tuple(parts)


def _blocks(xml: str, invulling: Invulling) -> str:
    """Keep the paragraphs and tables whose conditions hold, number clauses, repeat list paragraphs, fill values.

    Each block is filled in one pass, so a value that looks like a token is never read as one."""
    open_regions: list[bool] = []
    counters = {"artikel": 0, "lid": 0}
    blank = invulling.voorwaarden is None
    teksten = invulling.teksten.get

    def number(match: re.Match[str]) -> str:
        kind = match.group(1)
        counters[kind] += 1
        if kind == "artikel":
            counters["lid"] = 0
            return str(counters["artikel"])
        return f"{counters['artikel']}.{counters['lid']}"

    def block(match: re.Match[str]) -> str:
        text = match.group(0)
        start = REGION_START.search(text)
        if start:
            holds = blank or invulling.voorwaarden[int(start.group(1))]  # type: ignore[index]
            open_regions.append(holds)
            return ""
        if REGION_END in text:
            open_regions.pop()
            return ""
        if not all(open_regions):
            return ""
        if BLANK_ONLY in text:
            if not blank:
                return ""
            text = text.replace(BLANK_ONLY, "")
        text = NUMBER.sub(number, text)
        item = LIST_ITEM.search(text)
        if item:
            items = invulling.lijsten.get(item.group(1), [])
            return "".join(fill_tokens(text, _with(item.group(0)[1:-1], value, teksten), word=True) for value in items)
        return fill_tokens(text, teksten, word=True)

    return BLOCK.sub(block, xml)


def _with(name: str, value: str, lookup: Callable[[str], str | None]) -> Callable[[str], str | None]:
    return lambda n: value if n == name else lookup(n)


def fill_tokens(xml: str, lookup: Callable[[str], str | None], *, word: bool) -> str:
    """Replace every token `lookup` knows; others stay. In Word parts, only inside text runs."""

    def in_text(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            value = lookup(match.group(1))
            if value is None:
                return match.group(0)
            if XML_INVALID.search(value):
                # regels.py refuses such characters before anything is filled: reaching this is a bug
                raise RuntimeError(f"waarde voor {match.group(1)} bevat een teken dat niet in een Word-bestand kan")
            escaped = escape(value)
            if word:
                escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", BREAK)
            return escaped

        return TOKEN.sub(one, text)

    if not word:
        return in_text(xml)

    def run(match: re.Match[str]) -> str:
        if "⟦" not in match.group(2):
            return match.group(0)
        return f'<w:t xml:space="preserve">{in_text(match.group(2))}{match.group(3)}'

    return TEXT_RUN.sub(run, xml)
