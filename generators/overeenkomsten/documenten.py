"""Agreements as DOCX: the one API the site build, the CLI and the tests share.

Input: an `Overeenkomst`, values (or none for the generic version), the
project root. Output: DOCX bytes. The document for each structural variant
is built once by pandoc (cached by content hash); values are then filled
in-process (`docx_fill`), never through Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generators.inhoud.model import Overeenkomst
from generators.overeenkomsten.docx_fill import fill
from generators.overeenkomsten.docx_template import template_docx
from generators.overeenkomsten.markdown import Variant, render_markdown, switch_fields
from generators.overeenkomsten.values import check_values, switch_value

FILL_IN_LINE = "……………………"


class Agreements:
    """Builds agreement documents for one project root and content version."""

    def __init__(self, root: Path, meta: Mapping[str, str]) -> None:
        self.templates = root / "templates"
        self.cache = root / ".cache" / "docx"
        self.meta = meta
        self._built: dict[tuple[str, tuple[tuple[str, str], ...] | None], bytes] = {}

    def template(self, o: Overeenkomst, variant: Variant) -> bytes:
        """The template DOCX of one structural variant; pandoc runs only for a variant not seen before."""
        key = (o.id, tuple(sorted(variant.items())) if variant is not None else None)
        if key not in self._built:
            self._built[key] = self._template(o, variant)
        return self._built[key]

    def _template(self, o: Overeenkomst, variant: Variant) -> bytes:
        markdown = render_markdown(o, variant, self.meta, self.templates)
        header = {"titel": o.titel, "versie": self.meta["versie"], "datum": self.meta["peildatum_tekst"]}
        return template_docx(markdown, header, self.cache)

    def generic(self, o: Overeenkomst) -> bytes:
        """Every clause, conditional ones marked; empty fields as a visible fill-in line."""
        labels = {v.naam: v.label for v in o.velden}
        return fill(self.template(o, None), {}, missing=lambda name: f"{FILL_IN_LINE} [{labels.get(name, name)}]")

    def tailored(self, o: Overeenkomst, raw: Mapping[str, Any]) -> bytes:
        """Checked values filled into the right variant; raises `InvoerError` before anything is built."""
        shown = check_values(o, raw)
        variant = {name: switch_value(raw.get(name)) for name in switch_fields(o)}
        return fill(self.template(o, variant), shown, missing=lambda name: "")
