"""Fill values into a template DOCX in-process, XML-escaped.

Input: template DOCX bytes with tokens `⟦naam⟧` (from pandoc) and the values.
Output: DOCX bytes. Values go straight into the XML of the body, headers,
footers and document properties, so `<b>`, `*x*` or `{{ x }}` arrive as
literal text. A line break in a value becomes a Word line break.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from xml.sax.saxutils import escape

TOKEN = re.compile(r"⟦([#a-z][a-z0-9_]*)⟧")
TEXT_RUN = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
FILLED_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*)\.xml|docProps/(core|custom|app)\.xml)$")
# Characters XML 1.0 cannot hold; `values` rejects them before we get here.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def fill(template: bytes, values: Mapping[str, str], missing: Callable[[str], str] | None = None) -> bytes:
    """Replace every token by its value; tokens without a value get `missing(name)` (default: left as is)."""

    def lookup(name: str) -> str | None:
        if name in values:
            return values[name]
        return missing(name) if missing else None

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info, data, text in _parts(template):
            if text is not None:
                data = _fill_xml(text, lookup, word=info.filename.startswith("word/")).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


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


def _fill_xml(xml: str, lookup: Callable[[str], str | None], *, word: bool) -> str:
    def in_text(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            value = lookup(match.group(1))
            if value is None:
                return match.group(0)
            if XML_INVALID.search(value):
                raise ValueError(f"waarde voor {match.group(1)} bevat een teken dat niet in een Word-bestand kan")
            escaped = escape(value)
            if word:
                escaped = escaped.replace("\r\n", "\n").replace("\r", "\n")
                escaped = escaped.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
            return escaped

        return TOKEN.sub(one, text)

    if not word:
        return TOKEN.sub(lambda m: in_text(m.group(0)), xml)

    def run(match: re.Match[str]) -> str:
        if "⟦" not in match.group(2):
            return match.group(0)
        return f'<w:t xml:space="preserve">{in_text(match.group(2))}{match.group(3)}'

    return TEXT_RUN.sub(run, xml)
