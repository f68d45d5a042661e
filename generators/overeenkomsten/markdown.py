"""Render an agreement to pandoc Markdown with typed placeholders.

Input: an `Overeenkomst` and a structural variant (the values of the fields
that switch clauses on or off; `None` = the generic version with every
clause, conditional ones marked). Output: Markdown in which each field
appears as the token `⟦veldnaam⟧`. Values are never put into Markdown: they
are filled into the DOCX afterwards (`docx_fill`), so user text can never
become markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import jinja2

from generators.inhoud.model import PLACEHOLDER, ClauseLid, Clausule, Overeenkomst, Voorwaarde
from generators.overeenkomsten.markdown_text import pandoc_escape

Variant = Mapping[str, str] | None


def token(name: str) -> str:
    return f"⟦{name}⟧"


def with_tokens(text: str) -> str:
    """Escape clause text for Markdown, turning `{{ veld }}` into its token."""
    out, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        out.append(pandoc_escape(text[last : match.start()]))
        out.append(pandoc_escape(token(match.group(1))))
        last = match.end()
    out.append(pandoc_escape(text[last:]))
    return "".join(out)


def switch_fields(o: Overeenkomst) -> list[str]:
    """Fields whose value changes the structure of the document."""
    names: list[str] = []
    conditions = [c.als for c in o.clausules] + [lid.als for c in o.clausules for lid in c.leden]
    for cond in conditions:
        if cond is not None and cond.veld not in names:
            names.append(cond.veld)
    return names


def _applies(cond: Voorwaarde | None, variant: Variant) -> bool:
    return cond is None or variant is None or variant.get(cond.veld, "") in cond.is_


def _condition_note(cond: Voorwaarde | None, o: Overeenkomst, variant: Variant) -> str:
    if cond is None or variant is not None:
        return ""
    veld = next(v for v in o.velden if v.naam == cond.veld)
    return f"[Alleen opnemen als '{veld.label}' is: {' of '.join(cond.is_)}] "


def render_markdown(o: Overeenkomst, variant: Variant, meta: Mapping[str, str], templates: Path) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["esc"] = pandoc_escape
    env.filters["tokens"] = with_tokens

    def leden(clausule: Clausule) -> list[tuple[str, ClauseLid]]:
        return [(_condition_note(lid.als, o, variant), lid) for lid in clausule.leden if _applies(lid.als, variant)]

    clauses = [(_condition_note(c.als, o, variant), c, leden(c)) for c in o.clausules if _applies(c.als, variant)]
    return env.get_template("overeenkomst.docx.md.j2").render(o=o, clauses=clauses, meta=meta)
