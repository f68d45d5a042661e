"""Build an agreement's one template DOCX with pandoc, once per content hash.

Input: the agreement Markdown (with tokens and marks) and the reference.docx. Output: DOCX bytes with tokens
and marks still in place; header and footer filled with title, version and date; core properties (title,
subject, language, version, created = modified = peildatum) and app properties of our own instead of
pandoc's run time and stale values; every zip entry dated on the peildatum and deflated the way `generators.docx.fill`
writes it. So the same content gives the same bytes. Results are cached under `.cache/` by a hash of
everything that goes into pandoc: a rebuild with unchanged content runs pandoc zero times.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import tempfile
import zipfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import pypandoc

from generators.docx.cache import cached
from generators.docx.fill import fill_tokens, write
from generators.docx.reference import APP_XML, build_reference

PANDOC_RUNS = {"count": 0}
FORMAT = "3"  # bump when the post-processing below changes, so cached templates are rebuilt
CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{titel}</dc:title><dc:subject>{onderwerp}</dc:subject><dc:creator>{maker}</dc:creator>"
    "<dc:language>nl-NL</dc:language><cp:version>{versie}</cp:version>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{peildatum}T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{peildatum}T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)
MAKER = "Wat moet en wat mag: leer-werktrajecten"


def template_docx(markdown: str, header: Mapping[str, str], props: Mapping[str, str], cache_dir: Path) -> bytes:
    """`header`: titel, versie, datum for the page header; `props`: titel, onderwerp, versie, peildatum (ISO)."""
    reference = _reference()
    parts = [
        FORMAT,
        markdown,
        hashlib.sha256(reference).hexdigest(),
        pypandoc.get_pandoc_version(),
        repr(sorted(header.items())),
        repr(sorted(props.items())),
    ]

    def run_pandoc() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            ref_path, out_path = Path(tmp, "reference.docx"), Path(tmp, "out.docx")
            ref_path.write_bytes(reference)
            pypandoc.convert_text(
                markdown,
                "docx",
                format="markdown-auto_identifiers",
                outputfile=str(out_path),
                extra_args=[f"--reference-doc={ref_path}"],
            )
            PANDOC_RUNS["count"] += 1
            return _normalised(out_path.read_bytes(), header, props)

    return cached(cache_dir, ".docx", parts, run_pandoc)


def _normalised(docx: bytes, header: Mapping[str, str], props: Mapping[str, str]) -> bytes:
    core = CORE_XML.format(maker=escape(MAKER), **{k: escape(v) for k, v in props.items()})
    stamp = date.fromisoformat(props["peildatum"]) if props["peildatum"] else date(1980, 1, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = core.encode()
            elif info.filename == "docProps/app.xml":
                data = APP_XML.encode()
            elif info.filename == "word/numbering.xml":
                data = _plain_bullets(data.decode()).encode()
            elif info.filename.startswith("word/header") or info.filename.startswith("word/footer"):
                filled = fill_tokens(data.decode(), {f"#{k}": v for k, v in header.items()}.get, word=True)
                data = filled.encode()
            dated = zipfile.ZipInfo(info.filename, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            write(target, dated, data, stored=False)
    return out.getvalue()


def _plain_bullets(xml: str) -> str:
    """Bullets as real characters in the house font, not Symbol/Wingdings private-use glyphs text readers lose."""
    xml = xml.replace("\uf0b7", "•").replace("\uf0a7", "▪")
    return re.sub(
        r'w:ascii="(Symbol|Wingdings)" w:hAnsi="\1" w:cs="\1"', 'w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"', xml
    )


@functools.cache
def _reference() -> bytes:
    return build_reference()
