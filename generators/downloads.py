"""The agreement downloads of the site: one generic DOCX per agreement.

Input: `Inhoud`, project root, site metadata. Output: {site path: DOCX bytes}.
Empty fields show as a visible fill-in line with the field's label.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .agreement_markdown import render_markdown
from .docx_fill import fill
from .docx_template import template_docx
from .model import Inhoud, Overeenkomst

FILL_IN_LINE = "……………………"


def generic_docx(o: Overeenkomst, root: Path, meta: Mapping[str, str]) -> bytes:
    labels = {v.naam: v.label for v in o.velden}
    markdown = render_markdown(o, None, meta, root / "templates")
    template = template_docx(markdown, header_values(o, meta), root / ".cache" / "docx")
    return fill(template, {}, missing=lambda name: f"{FILL_IN_LINE} [{labels.get(name, name)}]")


def header_values(o: Overeenkomst, meta: Mapping[str, str]) -> dict[str, str]:
    return {"titel": o.titel, "versie": meta["versie"], "datum": meta["peildatum_tekst"]}


def agreement_downloads(inhoud: Inhoud, root: Path, meta: Mapping[str, str]) -> dict[str, bytes]:
    return {f"downloads/{o.id}.docx": generic_docx(o, root, meta) for o in inhoud.overeenkomsten}
