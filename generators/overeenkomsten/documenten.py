"""Agreements as DOCX: the one API the site build, the CLI and the tests share.

Input: an `Overeenkomst`, values (or none for the blank version), the project root. Output: DOCX bytes. Each
agreement has one template, built once by pandoc (cached by content hash); conditions, clause numbers, lists
and values are resolved per document in-process (`generators.docx.fill`), never through Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generators.docx.fill import Invulling, fill
from generators.docx.template import template_docx
from generators.inhoud.model import Overeenkomst, derived_texts
from generators.overeenkomsten.markdown import conditions, render_markdown
from generators.overeenkomsten.regels import Ingevuld, check_values

FILL_IN_LINE = "……………………"


def blank_line(label: str) -> str:
    return f"{FILL_IN_LINE} [{label}]"


class Agreements:
    """Builds agreement documents for one project root and content version."""

    def __init__(self, root: Path, meta: Mapping[str, str]) -> None:
        self.templates = root / "templates"
        self.cache = root / ".cache" / "docx"
        self.meta = meta
        self._built: dict[str, bytes] = {}

    def template(self, o: Overeenkomst) -> bytes:
        """The agreement's one template DOCX; pandoc runs only when its content changed."""
        if o.id not in self._built:
            markdown = render_markdown(o, self.meta, self.templates)
            header = {"titel": o.titel, "versie": self.meta["versie"], "datum": self.meta["peildatum_tekst"]}
            props = {
                "titel": o.titel,
                "onderwerp": o.doel,
                "versie": self.meta["versie"],
                "peildatum": self.meta["peildatum"],
            }
            self._built[o.id] = template_docx(markdown, header, props, self.cache)
        return self._built[o.id]

    def generic(self, o: Overeenkomst) -> bytes:
        """Every clause, conditional ones marked; every field a visible fill-in line."""
        lines = {v.naam: blank_line(v.label) for v in o.velden} | {
            naam: blank_line(label) for naam, label in derived_texts(o).items()
        }
        return fill(self.template(o), Invulling(lines, {n: [line] for n, line in lines.items()}, None))

    def tailored(self, o: Overeenkomst, raw: Mapping[str, Any]) -> bytes:
        """Checked values filled into the template; raises `InvoerError` before anything is built."""
        return self.fill(o, check_values(o, raw))

    def fill(self, o: Overeenkomst, ingevuld: Ingevuld) -> bytes:
        """Values already checked (`check_values`, once per action) filled into the template."""
        waarden = ingevuld.waarden
        teksten = {naam: ingevuld.teksten.get(naam, "") for naam in [*(v.naam for v in o.velden), *derived_texts(o)]}
        lijsten = {v.naam: list(waarden.get(v.naam) or []) for v in o.velden if v.type == "lijst"}
        holds = [waarden.get(c.veld) in c.is_ for c in conditions(o)]
        return fill(self.template(o), Invulling(teksten, lijsten, holds))
