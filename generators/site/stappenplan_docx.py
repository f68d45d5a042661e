"""The stappenplan as a Word file, through the same fill as the agreements.

Input: a valid `Inhoud`, the templates/ folder, site metadata. Output: one template DOCX (pandoc, cached by
content hash) that holds every question and every statement of a checklist phase, each in a region; the
region keys in document order ("vraag:route", "fase:…", "blok:fase:rubriek", "item:id", "klaar:id"); and, for
an answer set, the filled DOCX. A marker such as "Vanaf de 16e verjaardag" is the value "later:id" at the start of
the rule (`marker_texts`). The browser (docs/javascripts/stappenplan.js) computes the same keys and values from
its checklist and fills the same template with docs/javascripts/docx_vullen.js; the tests compare the bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generators.inhoud.bronlabel import label
from generators.inhoud.model import Inhoud, Uitspraak
from generators.inhoud.stappenplan import Antwoorden, Blok, FaseLijst, Stappenplan, stappenplan
from generators.overeenkomsten.docx_fill import Invulling, fill
from generators.overeenkomsten.docx_template import template_docx
from generators.overeenkomsten.markdown import pandoc_templates, token
from generators.overeenkomsten.markdown_text import pandoc_escape
from generators.site import urls
from generators.site.views import OPEN_VRAAG_LABEL, SOORT_LABEL

FILE_NAME = "stappenplan.docx"


@dataclass(frozen=True)
class Sjabloon:
    markdown: str
    keys: list[str]  # region N in the template holds when keys[N] is shown

    @property
    def name(self) -> str:
        """Site path of the template; the hash makes a browser fetch the new one after a content change."""
        return f"{urls.STAPPENPLAN_BESTANDEN}/{hashlib.sha256(self.markdown.encode()).hexdigest()[:16]}.docx"


def every_item(inhoud: Inhoud) -> list[FaseLijst]:
    """Every checklist phase with every statement it can hold, in checklist order."""
    fasen = [f for f in inhoud.fasen if f.in_stappenplan]
    return [
        FaseLijst(
            f,
            [
                Blok(r, [u for u in inhoud.uitspraken if u.fase == f.id and u.soort in r.soorten])
                for r in inhoud.rubrieken
            ],
        )
        for f in fasen
    ]


def may_be_later(inhoud: Inhoud) -> set[str]:
    """The statements that can get a marker: their `geldt_voor` names a question with a `later` answer. Only
    these hold a marker value in the template."""
    with_later = {v.id for v in inhoud.vragen if any(a.later for a in v.antwoorden)}
    return {u.id for u in inhoud.uitspraken if with_later & set(u.geldt_voor)}


def sjabloon(inhoud: Inhoud, templates: Path, meta: Mapping[str, str]) -> Sjabloon:
    keys: list[str] = []

    def als(key: str) -> str:
        keys.append(key)
        return pandoc_escape(token(f"als:{len(keys) - 1}"))

    def bronnen(u: Uitspraak) -> str:
        return "; ".join(label(b, inhoud) for b in u.bronnen)

    markdown = (
        pandoc_templates(templates)
        .get_template("stappenplan.docx.md.j2")
        .render(
            meta=meta,
            vragen=inhoud.vragen,
            fasen=every_item(inhoud),
            kan_later=may_be_later(inhoud),
            als=als,
            token=token,
            bronnen=bronnen,
            SOORT_LABEL=SOORT_LABEL,
            OPEN_VRAAG_LABEL=OPEN_VRAAG_LABEL,
        )
    )
    return Sjabloon(markdown, keys)


def shown(plan: Stappenplan) -> set[str]:
    """The region keys one checklist keeps."""
    keys = {f"vraag:{v}" for v in plan.answers}
    for f in plan.fasen:
        keys |= {f"fase:{f.fase.id}"} if not f.leeg else set()
        for b in f.blokken:
            keys |= {f"blok:{f.fase.id}:{b.rubriek.id}"} if b.items else set()
            keys |= {f"item:{u.id}" for u in b.items} | {f"klaar:{u.id}" for u in b.items if u.id in plan.klaar}
    return keys


def template(inhoud: Inhoud, root: Path, meta: Mapping[str, str]) -> tuple[Sjabloon, bytes]:
    s = sjabloon(inhoud, root / "templates", meta)
    titel = "Stappenplan op maat"
    header = {"titel": titel, "versie": meta["versie"], "datum": meta["peildatum_tekst"]}
    props = {"titel": titel, "onderwerp": "Stappenplan", "versie": meta["versie"], "peildatum": meta["peildatum"]}
    return s, template_docx(s.markdown, header, props, root / ".cache" / "docx")


def marker_texts(plan: Stappenplan) -> dict[str, str]:
    """The value "later:id" of every shown statement: its marker and ": ", or "" (a value left out would stay
    in the document as a token)."""
    return {f"later:{u.id}": f"{plan.later[u.id]}: " if u.id in plan.later else "" for u in _shown_items(plan)}


def _shown_items(plan: Stappenplan) -> list[Uitspraak]:
    return [u for f in plan.fasen for b in f.blokken for u in b.items]


def stappenplan_docx(inhoud: Inhoud, root: Path, meta: Mapping[str, str], answers: Antwoorden) -> bytes:
    """The Word file for one answer set (what the browser makes for the same answers)."""
    s, data = template(inhoud, root, meta)
    plan = stappenplan(inhoud, answers)
    teksten = {
        f"antwoord:{v.id}": a.tekst for v in inhoud.vragen for a in v.antwoorden if plan.answers.get(v.id) == a.id
    } | marker_texts(plan)
    keep = shown(plan)
    return fill(data, Invulling(teksten, {}, [key in keep for key in s.keys]))


def site_files(inhoud: Inhoud, root: Path, meta: Mapping[str, str]) -> dict[str, bytes]:
    s, data = template(inhoud, root, meta)
    return {s.name: data}
