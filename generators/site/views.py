"""View models: everything a page shows, computed in Python so templates only loop.

Input: a valid `Inhoud`. Output: plain dataclasses per page type. Sorting,
grouping, "hier gebruikt" back-references and totals live here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from generators.inhoud.formats import format_number
from generators.inhoud.model import (
    PLACEHOLDER,
    Bron,
    Inhoud,
    Onderwerp,
    Overeenkomst,
    Tabel,
    Uitspraak,
    Veld,
    Wetsartikel,
    article_key,
)
from generators.site import urls

SOORT_LABEL = {"moet": "MOET", "mag": "MAG", "mag-niet": "MAG NIET", "advies": "ADVIES"}
OPEN_VRAAG_LABEL = {"niet-in-de-wet-geregeld": "Niet in de wet geregeld", "interpretatie": "Interpretatie"}
# The label that says who carries a statement (`wie`), on every statement of the site and in the stappenplan.
WIE_LABEL = {
    "school": "School",
    "leerbedrijf": "Leerbedrijf",
    "mbo-instelling": "Mbo-instelling",
    "ouders": "Ouders",
    "leerling": "Leerling",
    "sbb": "SBB",
    "overheid": "Minister of inspectie",
}


@dataclass(frozen=True)
class Usage:
    """Something on the site that cites a law article."""

    soort: str
    titel: str
    page: str
    anchor: str


def usages(inhoud: Inhoud) -> dict[tuple[str, str], dict[str | None, list[Usage]]]:
    """(wet, artikel) -> lid -> what cites it: statements, routes, agreement clauses."""
    found: dict[tuple[str, str], dict[str | None, list[Usage]]] = defaultdict(lambda: defaultdict(list))

    def add(bronnen: list[Bron], usage: Usage) -> None:
        for bron in bronnen:
            if bron.is_law and bron.wet and bron.artikel and usage not in found[(bron.wet, bron.artikel)][bron.lid]:
                found[(bron.wet, bron.artikel)][bron.lid].append(usage)

    for u in inhoud.uitspraken:
        add(u.bronnen, Usage(SOORT_LABEL[u.soort], u.regel, urls.onderwerp(u.onderwerp), u.id))
    for r in inhoud.routes:
        add(r.bronnen, Usage("Route", r.naam, urls.route(r.id), ""))
    for o in inhoud.overeenkomsten:
        add(o.grondslag, Usage("Overeenkomst", o.titel, urls.overeenkomst(o.id), ""))
        for n, c in enumerate(o.clausules, start=1):
            add(
                c.bronnen,
                Usage("Clausule", f"{o.titel}, artikel {n}: {c.titel}", urls.overeenkomst(o.id), f"artikel-{c.id}"),
            )
    return found


@dataclass
class Topic:
    onderwerp: Onderwerp
    uitspraken: list[Uitspraak]
    counts: dict[str, int] = field(default_factory=dict)


def topics(inhoud: Inhoud) -> list[Topic]:
    result = []
    for onderwerp in sorted(inhoud.onderwerpen, key=lambda o: o.volgorde):
        items = [u for u in inhoud.uitspraken if u.onderwerp == onderwerp.id]
        counts = {label: sum(1 for u in items if u.soort == soort) for soort, label in SOORT_LABEL.items()}
        result.append(Topic(onderwerp, items, counts))
    return result


@dataclass
class ArticleView:
    artikel: Wetsartikel
    wet_naam: str
    page: str
    used: dict[str | None, list[Usage]]

    def anchor(self, lid: str | None, onderdeel: str | None = None) -> str:
        return urls.lid_anchor(lid, onderdeel)


def articles(inhoud: Inhoud) -> list[ArticleView]:
    used = usages(inhoud)
    names = {w.id: w.naam for w in inhoud.wetten}
    order = {w.id: i for i, w in enumerate(inhoud.wetten)}
    views = [
        ArticleView(a, names[a.wet], urls.wetsartikel(a), dict(used.get((a.wet, a.artikel), {})))
        for a in inhoud.wetsartikelen
    ]
    return sorted(views, key=lambda v: (order[v.artikel.wet], article_key(v.artikel.artikel)))


@dataclass
class TableView:
    """A published table with totals computed from its cells."""

    tabel: Tabel
    rows: list[tuple[str, list[Decimal | None], Decimal | None]]
    column_totals: list[Decimal] | None
    grand_total: Decimal | None
    mismatches: list[str]
    short_names: list[str]  # chart labels: a profiel's abbreviation, else the row label
    chart: str = ""


def table_view(tabel: Tabel, inhoud: Inhoud) -> TableView:
    profielen = {p.id: p for p in inhoud.profielen}
    kolommen = [k.id for k in tabel.kolommen]
    with_row_totals = tabel.totalen in ("rijen", "beide")
    with_col_totals = tabel.totalen in ("kolommen", "beide")
    rows = []
    short_names = []
    for rij in tabel.rijen:
        profiel = profielen.get(rij.profiel or "")
        name = rij.label or (f"{profiel.naam} ({profiel.afkorting})" if profiel else "")
        values = [rij.waarden.get(k) for k in kolommen]
        total = sum((v for v in values if v is not None), Decimal(0)) if with_row_totals else None
        rows.append((name, values, total))
        short_names.append(profiel.afkorting if profiel else name)
    column_totals = (
        [sum((r[1][i] or Decimal(0) for r in rows), Decimal(0)) for i in range(len(kolommen))]
        if with_col_totals
        else None
    )
    grand_total = sum(column_totals, Decimal(0)) if column_totals is not None and with_row_totals else None
    computed = dict(zip(kolommen, column_totals or [], strict=False))
    if grand_total is not None:
        computed["totaal"] = grand_total
    mismatches = [
        f"De bron noemt bij '{key}' een totaal van {format_number(value)}; "
        f"opgeteld uit de cellen is dat {format_number(computed[key])}."
        for key, value in tabel.gepubliceerde_totalen.items()
        if key in computed and computed[key] != value
    ]
    return TableView(tabel, rows, column_totals, grand_total, mismatches, short_names)


def field_groups(o: Overeenkomst) -> list[tuple[str, list[Veld]]]:
    """Fields grouped as the form shows them, in the order they first appear."""
    groups: dict[str, list[Veld]] = {}
    for veld in o.velden:
        groups.setdefault(veld.groep, []).append(veld)
    return list(groups.items())


def clause_text_for_site(text: str, o: Overeenkomst) -> str:
    """Clause text with each `{{ veld }}` shown as «label» (Markdown-escaped by the caller)."""
    labels = {v.naam: v.label for v in o.velden}
    return PLACEHOLDER.sub(lambda m: f"«{labels.get(m.group(1), m.group(1))}»", text)
