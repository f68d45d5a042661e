"""Render an agreement to pandoc Markdown: the one template, with every clause and typed placeholders.

Input: an `Overeenkomst`. Output: Markdown in which each field appears as the token `⟦veldnaam⟧`, each
conditional clause, lid or signature block is wrapped in `⟦als:N⟧` … `⟦/als⟧` (N indexes `conditions(o)`),
clause numbers are `⟦#artikel⟧` / `⟦#lid⟧`, a list answer at the end of a lid is a bulleted paragraph
`⟦lijst:veld⟧`, and hints for the blank document carry `⟦blanco⟧`. `generators.docx.fill` resolves all of these per
document; values are never put into Markdown, so user text can never become markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import jinja2

from generators.inhoud.model import PLACEHOLDER, Ondertekenaar, Overeenkomst, Voorwaarde
from generators.overeenkomsten.markdown_text import pandoc_escape
from generators.overeenkomsten.regels import condition_text

SIGNATURE_ROW_HEIGHT = 1134  # twips: 2 cm of room for a handwritten signature


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


def conditions(o: Overeenkomst) -> list[Voorwaarde]:
    """Every condition in document order; the template marks each region by its index here."""
    found: list[Voorwaarde] = []
    for c in o.clausules:
        found += [c.als] if c.als else []
        found += [lid.als for lid in c.leden if lid.als]
    return found + [s.als for s in o.ondertekening if s.als]


@dataclass(frozen=True)
class Lid:
    condition: int | None
    note: str
    text: str  # Markdown
    lijst: str | None  # a list field whose items follow the text as bullets


@dataclass(frozen=True)
class Clause:
    condition: int | None
    note: str
    titel: str
    leden: list[Lid]


@dataclass(frozen=True)
class Signature:
    condition: int | None
    xml: str  # the blank document's hint (if conditional), kept with the table, and the table


def _note(cond: Voorwaarde, o: Overeenkomst) -> str:
    """The blank document's hint on a conditional part, in words a school reads."""
    return f"[Alleen opnemen als {condition_text(o, cond)}]"


def _lid(text: str, o: Overeenkomst) -> tuple[str, str | None]:
    """A list answer that ends the text becomes a bulleted list after it."""
    lists = {v.naam for v in o.velden if v.type == "lijst"}
    last = list(PLACEHOLDER.finditer(text))[-1:]
    if last and last[0].group(1) in lists and not text[last[0].end() :].strip():
        return with_tokens(text[: last[0].start()].rstrip()), last[0].group(1)
    return with_tokens(text), None


def _cell(text: str, *, bold: bool = False, span: int = 1, keep: bool = True) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    para = (
        '<w:pPr><w:keepNext/><w:spacing w:before="60" w:after="60"/></w:pPr>'
        if keep
        else ('<w:pPr><w:spacing w:before="60" w:after="60"/></w:pPr>')
    )
    run = f'<w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:tc>{props}<w:p>{para}{run}</w:p></w:tc>"


def _xml_with_tokens(text: str) -> str:
    return PLACEHOLDER.sub(lambda m: token(m.group(1)), escape(text))


def _hint(cond: Voorwaarde | None, o: Overeenkomst) -> str:
    """The blank document's "[Alleen opnemen als …]" above a signature block, on the same page as the block."""
    if cond is None:
        return ""
    run = f'<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{token("blanco")}{escape(_note(cond, o))}</w:t></w:r>'
    return f"<w:p><w:pPr><w:keepNext/></w:pPr>{run}</w:p>"


def signature_table(s: Ondertekenaar) -> str:
    """A signature block that Word and LibreOffice keep on one page: rows never split, each keeps with the next."""
    rows = [("Naam", token(s.naam))] + ([("Functie", token(s.functie))] if s.functie else [])
    rows += [("Plaats", ""), ("Datum", ""), ("Handtekening", "")]
    border = '<w:{} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    xml = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>',
        *(border.format(side) for side in ("top", "bottom", "insideH")),
        '</w:tblBorders><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="2268"/><w:gridCol w:w="6802"/>'
        "</w:tblGrid>",
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + _cell(_xml_with_tokens(s.partij), bold=True, span=2) + "</w:tr>",
    ]
    for i, (label, value) in enumerate(rows):
        last = i == len(rows) - 1
        height = f'<w:trHeight w:val="{SIGNATURE_ROW_HEIGHT}" w:hRule="atLeast"/>' if last else ""
        xml.append(
            f"<w:tr><w:trPr><w:cantSplit/>{height}</w:trPr>"
            + _cell(f"{label}:", keep=not last)
            + _cell(value, keep=not last)
            + "</w:tr>"
        )
    xml.append("</w:tbl>")
    return "".join(xml)


def pandoc_templates(templates: Path) -> jinja2.Environment:
    """Jinja for the Word templates: every typed or content value passes `esc` (see markdown_text)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["esc"] = pandoc_escape
    return env


def render_markdown(o: Overeenkomst, meta: Mapping[str, str], templates: Path) -> str:
    env = pandoc_templates(templates)
    index = {id(c): i for i, c in enumerate(conditions(o))}

    def marks(cond: Voorwaarde | None) -> tuple[int | None, str]:
        return (index[id(cond)], pandoc_escape(_note(cond, o))) if cond else (None, "")

    clauses = [
        Clause(*marks(c.als), pandoc_escape(c.titel), [Lid(*marks(lid.als), *_lid(lid.tekst, o)) for lid in c.leden])
        for c in o.clausules
    ]
    signatures = [
        Signature(index[id(s.als)] if s.als else None, _hint(s.als, o) + signature_table(s)) for s in o.ondertekening
    ]
    return env.get_template("overeenkomst.docx.md.j2").render(
        o=o, clauses=clauses, signatures=signatures, meta=meta, token=token
    )
