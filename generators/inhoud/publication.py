"""Version and date of the published content, shown on every page and DOCX.

Input: `content/publicatie.yaml` (versie, peildatum) and `content/wijzigingen.yaml`
through the model. Output: the metadata dict the site and the DOCX builder use,
and the checks that keep version, changelog and ids consistent.
"""

from __future__ import annotations

from generators.inhoud.formats import format_date_short
from generators.inhoud.model import Inhoud, Item
from generators.inhoud.problems import Problem
from generators.inhoud.suggest import missing


def site_meta(inhoud: Inhoud) -> dict[str, str]:
    """Version metadata for templates: versie, peildatum (ISO) and peildatum_tekst (d-m-jjjj)."""
    pub = inhoud.publicatie
    if pub is None:  # load_content reports this as a problem; keep rendering possible for tests
        return {"versie": "concept", "peildatum": "", "peildatum_tekst": "onbekend"}
    d = pub.peildatum
    return {"versie": pub.versie, "peildatum": d.isoformat(), "peildatum_tekst": format_date_short(d)}


def item_ids(inhoud: Inhoud) -> dict[str, Item]:
    """Every top-level item a changelog entry may name, by id."""
    skip = {"wijzigingen", "beoordelingen", "publicatie"}
    return {str(item.id): item for name, item in inhoud.items() if name not in skip and hasattr(item, "id")}


def check_publication(inhoud: Inhoud) -> list[Problem]:
    """publicatie.yaml exists; every changelog entry names existing items; the current version is described."""
    pub = inhoud.publicatie
    if pub is None:  # reported by `load` (missing or invalid publicatie.yaml)
        return []
    problems: list[Problem] = []
    known = item_ids(inhoud)
    for entry in inhoud.wijzigingen:
        for i, ref in enumerate(entry.items):
            if ref not in known:
                problems.append(entry.problem("items", i, message=missing("item", ref, known)))
    later = [a for a in inhoud.wetsartikelen if a.geldig_vanaf is not None and a.geldig_vanaf > pub.peildatum]
    if later:
        problems.append(
            pub.problem(
                "peildatum",
                message=f"de peildatum {pub.peildatum.isoformat()} ligt vóór de geldigheid van de wettekst van "
                f"artikel {later[0].artikel} ({later[0].geldig_vanaf}, {later[0].where})",
            )
        )
    if inhoud.wijzigingen and all(w.versie != pub.versie for w in inhoud.wijzigingen):
        problems.append(
            pub.problem(
                "versie",
                message=f"versie {pub.versie} staat niet in content/wijzigingen.yaml; "
                "beschrijf daar wat er in deze versie veranderd is",
            )
        )
    return problems
