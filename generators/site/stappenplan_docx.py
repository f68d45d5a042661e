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
from typing import get_args

from generators.docx.fill import Invulling, fill
from generators.docx.template import template_docx
from generators.inhoud.bronlabel import label
from generators.inhoud.model import Inhoud, Uitspraak, Wie
from generators.inhoud.stappenplan import WIE_VRAAG, Antwoorden, Blok, FaseLijst, Groep, Stappenplan, stappenplan
from generators.overeenkomsten.markdown import pandoc_templates, token
from generators.overeenkomsten.markdown_text import pandoc_escape
from generators.site import urls
from generators.site.views import OPEN_VRAAG_LABEL, SOORT_LABEL, WIE_LABEL

FILE_NAME = "stappenplan.docx"
# Shown (page, print and Word) when the reader has no open duty of its own; the page reads it from its JSON.
NIETS_TE_DOEN = "Volgens uw antwoorden hoeft u zelf nu niets te regelen. Hieronder staat wat de anderen doen."


@dataclass(frozen=True)
class Sjabloon:
    markdown: str
    keys: list[str]  # region N in the template holds when keys[N] is shown

    @property
    def name(self) -> str:
        """Site path of the template; the hash makes a browser fetch the new one after a content change."""
        return f"{urls.STAPPENPLAN_BESTANDEN}/{hashlib.sha256(self.markdown.encode()).hexdigest()[:16]}.docx"


def _can_own(inhoud: Inhoud) -> set[str]:
    """The parties a plan can be for: the answers to the question 'wie'."""
    return {a.id for v in inhoud.vragen if v.id == WIE_VRAAG for a in v.antwoorden}


def every_item(inhoud: Inhoud) -> list[FaseLijst]:
    """Every checklist phase with every statement that can be a reader's own, in checklist order."""
    own = _can_own(inhoud)
    fasen = [f for f in inhoud.fasen if f.in_stappenplan]
    return [
        FaseLijst(
            f,
            [
                Blok(r, [u for u in inhoud.uitspraken if u.fase == f.id and u.soort in r.soorten and u.wie in own])
                for r in inhoud.rubrieken
            ],
        )
        for f in fasen
    ]


def every_group(inhoud: Inhoud) -> list[Groep]:
    """Every party with every checklist statement it carries, in checklist order ("Wat de anderen doen")."""
    items = [u for f in every_item_all(inhoud) for u in f]
    return [Groep(p, [u for u in items if u.wie == p]) for p in get_args(Wie)]


def every_item_all(inhoud: Inhoud) -> list[list[Uitspraak]]:
    fasen = [f for f in inhoud.fasen if f.in_stappenplan]
    return [[u for u in inhoud.uitspraken if u.fase == f.id] for f in fasen]


def may_be_later(inhoud: Inhoud) -> set[str]:
    """The statements that can get a marker: their `geldt_voor` names a question with a `later` answer. Only
    these hold a marker value in the template."""
    with_later = {v.id for v in inhoud.vragen if any(a.later for a in v.antwoorden)}
    return {u.id for u in inhoud.uitspraken if with_later & set(u.geldt_voor)}


def klaar_als_text(u: Uitspraak, inhoud: Inhoud) -> str:
    """'Samenwerkingsovereenkomst met het mbo: Ja': the answers that settle a statement, in words."""
    parts = []
    for vraag in inhoud.vragen:
        if vraag.id in u.klaar_als:
            antwoorden = [a.tekst for a in vraag.antwoorden if a.id in u.klaar_als[vraag.id]]
            parts.append(f"{vraag.kort}: {' of '.join(antwoorden)}")
    return "; ".join(parts)


def sjabloon(inhoud: Inhoud, templates: Path, meta: Mapping[str, str]) -> Sjabloon:
    keys: list[str] = []

    def als(key: str) -> str:
        keys.append(key)
        return pandoc_escape(token(f"als:{len(keys) - 1}"))

    def bronnen(u: Uitspraak) -> str:
        return "; ".join(label(b, inhoud) for b in u.bronnen)

    own = _can_own(inhoud)
    markdown = (
        pandoc_templates(templates)
        .get_template("stappenplan.docx.md.j2")
        .render(
            meta=meta,
            vragen=inhoud.vragen,
            fasen=every_item(inhoud),
            eigen=[u for f in every_item_all(inhoud) for u in f if u.wie in own],
            anderen=every_group(inhoud),
            kan_later=may_be_later(inhoud),
            als=als,
            token=token,
            bronnen=bronnen,
            klaar_als=lambda u: klaar_als_text(u, inhoud),
            SOORT_LABEL=SOORT_LABEL,
            OPEN_VRAAG_LABEL=OPEN_VRAAG_LABEL,
            NIETS=NIETS_TE_DOEN,
            WIE_LABEL=WIE_LABEL,
        )
    )
    return Sjabloon(markdown, keys)


def shown(plan: Stappenplan) -> set[str]:
    """The region keys one plan keeps (docs/javascripts/stappenplan.js `shownKeys` computes the same)."""
    keys = {f"vraag:{v}" for v in plan.answers}
    if any(f.nu and not f.leeg for f in plan.fasen):
        keys.add("kop:nu")
    if all(f.leeg for f in plan.fasen):
        keys.add("kop:niets")
    first_later = next((f for f in plan.fasen if not f.nu and not f.leeg), None)
    if first_later is not None:
        keys.add(f"daarna:{first_later.fase.id}")
    for f in plan.fasen:
        keys |= {f"fase:{f.fase.id}"} if not f.leeg else set()
        for b in f.blokken:
            keys |= {f"blok:{f.fase.id}:{b.rubriek.id}"} if b.items else set()
            keys |= {f"item:{u.id}" for u in b.items}
    if plan.klaar:
        keys |= {"kop:klaar"} | {f"klaar:{u.id}" for u in plan.klaar}
    if plan.anderen:
        keys.add("kop:anderen")
    for g in plan.anderen:
        keys |= {f"anderen:{g.wie}"} | {f"ander:{u.id}" for u in g.items}
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
    return (
        [u for f in plan.fasen for b in f.blokken for u in b.items]
        + plan.klaar
        + [u for g in plan.anderen for u in g.items]
    )


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
