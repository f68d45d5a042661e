"""Phase 2 of validation: checks across items and files.

Input: a loaded `Inhoud`. Output: problems. Unique ids, and every reference
(citation -> article + lid + onderdeel, statement -> onderwerp/route,
row -> profiel, clause -> field) must resolve.
"""

from __future__ import annotations

from generators.inhoud.model import (
    GRENS_SLEUTELS,
    PLACEHOLDER,
    SOORTEN_MET_WET,
    AfgeleidFase,
    AfgeleidJongerDan,
    Bron,
    Grens,
    Inhoud,
    Item,
    Onderdeel,
    Overeenkomst,
    Regel,
    RegelMetGrenzen,
    RegelVerplichtAls,
    Uitspraak,
    Veld,
    Voorwaarde,
    Wetsartikel,
    derived_texts,
    outcomes,
)
from generators.inhoud.problems import Problem
from generators.inhoud.publication import check_publication
from generators.inhoud.stappenplan import check_stappenplan
from generators.inhoud.suggest import missing


def check(inhoud: Inhoud) -> list[Problem]:
    problems: list[Problem] = []
    problems += _unique_ids(inhoud)
    articles = {(a.wet, a.artikel): a for a in inhoud.wetsartikelen}
    wetten = {w.id for w in inhoud.wetten}
    rapporten = {r.id for r in inhoud.rapporten}
    cite = _CitationChecker(articles, wetten, rapporten)

    for artikel in inhoud.wetsartikelen:
        if artikel.wet not in wetten:
            problems.append(artikel.problem("wet", message=missing("wet", artikel.wet, wetten)))
    onderwerpen = {o.id for o in inhoud.onderwerpen}
    routes = {r.id for r in inhoud.routes}
    profielen = {p.id for p in inhoud.profielen}
    begrippen = {b.id for b in inhoud.begrippen}
    for u in inhoud.uitspraken:
        problems += cite.all(u, "bronnen", u.bronnen)
        problems += _law_behind_label(u)
        if u.onderwerp not in onderwerpen:
            problems.append(u.problem("onderwerp", message=missing("onderwerp", u.onderwerp, onderwerpen)))
        for i, route in enumerate(u.routes):
            if route not in routes:
                problems.append(u.problem("routes", i, message=missing("route", route, routes)))
    for name in ("routes", "praktijkvoorbeelden", "bevindingen", "tabellen"):
        for item in getattr(inhoud, name):
            problems += cite.all(item, "bronnen", item.bronnen)
    for b in inhoud.begrippen:
        for i, ref in enumerate(b.zie_ook):
            if ref not in begrippen:
                problems.append(b.problem("zie_ook", i, message=missing("begrip", ref, begrippen)))
    for z in inhoud.zoekwoorden:
        if z.begrip not in begrippen:
            problems.append(z.problem("begrip", message=missing("begrip", z.begrip, begrippen)))
    for tabel in inhoud.tabellen:
        kolommen = {k.id for k in tabel.kolommen}
        for r, rij in enumerate(tabel.rijen):
            if rij.profiel is not None and rij.profiel not in profielen:
                problems.append(
                    tabel.problem("rijen", r, "profiel", message=missing("profiel", rij.profiel, profielen))
                )
            for key in rij.waarden:
                if key not in kolommen:
                    problems.append(tabel.problem("rijen", r, "waarden", key, message=missing("kolom", key, kolommen)))
    parameters = {p.id for p in inhoud.parameters}
    for parameter in inhoud.parameters:
        problems += cite.all(parameter, "bronnen", parameter.bronnen)
    for o in inhoud.overeenkomsten:
        problems += _check_overeenkomst(o, cite, parameters)
    problems += check_publication(inhoud)
    problems += check_stappenplan(inhoud)
    return problems


def _law_behind_label(u: Uitspraak) -> list[Problem]:
    """MOET and MAG NIET promise that the law says so; without a law citation that promise is empty."""
    if u.soort not in SOORTEN_MET_WET or any(b.is_law for b in u.bronnen):
        return []
    label = "MOET" if u.soort == "moet" else "MAG NIET"
    return [
        u.problem(
            "soort",
            message=f"een {label}-uitspraak noemt ten minste één wetsartikel (wet, artikel en lid) dat het zegt; "
            "voeg dat toe aan 'bronnen', of maak er soort 'advies' van als het op praktijk of onderzoek rust",
        )
    ]


def _unique_ids(inhoud: Inhoud) -> list[Problem]:
    problems: list[Problem] = []
    for name, _ in type(inhoud).model_fields.items():
        seen: dict[str, Item] = {}
        values = getattr(inhoud, name)
        for item in values if isinstance(values, list) else []:
            if not hasattr(item, "id"):  # changelog entries have no id
                continue
            key = str(item.id)
            if key in seen:
                problems.append(
                    item.problem(
                        "id", message=f"id '{key}' bestaat al (eerder in {seen[key].where}); kies een ander id"
                    )
                )
            else:
                seen[key] = item
    return problems


class _CitationChecker:
    def __init__(self, articles: dict[tuple[str, str], Wetsartikel], wetten: set[str], rapporten: set[str]) -> None:
        self.articles, self.wetten, self.rapporten = articles, wetten, rapporten

    def all(self, item: Item, field: str, bronnen: list[Bron], *prefix: str | int) -> list[Problem]:
        out: list[Problem] = []
        for i, bron in enumerate(bronnen):
            message, sub = self.one(bron)
            if message:
                out.append(item.problem(*prefix, field, i, sub, message=message))
        return out

    def one(self, bron: Bron) -> tuple[str | None, str]:
        if not bron.is_law:
            if bron.rapport not in self.rapporten:
                return missing("rapport", str(bron.rapport), self.rapporten), "rapport"
            return None, ""
        assert bron.wet is not None and bron.artikel is not None
        if bron.wet not in self.wetten:
            return missing("wet", bron.wet, self.wetten), "wet"
        artikel = self.articles.get((bron.wet, bron.artikel))
        if artikel is None:
            known = [a for (w, a) in self.articles if w == bron.wet]
            return missing(f"artikel in {bron.wet}", bron.artikel, known), "artikel"
        numbered = artikel.lid_numbers
        if numbered and bron.lid is None:
            return f"artikel {bron.artikel} heeft leden ({', '.join(numbered)}); noem het lid", "lid"
        if not numbered and bron.lid is not None:
            return f"artikel {bron.artikel} heeft geen genummerde leden; laat 'lid' weg", "lid"
        lid = artikel.find_lid(bron.lid)
        if lid is None:
            return f"lid {bron.lid} bestaat niet in artikel {bron.artikel} (wel: {', '.join(numbered)})", "lid"
        if bron.onderdeel is not None and not _has_onderdeel(lid.onderdelen, bron.onderdeel):
            where = f"lid {bron.lid} van artikel {bron.artikel}" if bron.lid else f"artikel {bron.artikel}"
            return f"onderdeel {bron.onderdeel} bestaat niet in {where}", "onderdeel"
        return None, ""


def _has_onderdeel(parts: list[Onderdeel], nr: str) -> bool:
    return any(p.nr == nr for p in parts)


# The types of field each kind of rule compares, per position in `velden`; an empty tuple: any type.
_RULE_TYPES: dict[str, tuple[tuple[str, ...], ...]] = {
    "na": (("datum", "tijd"), ("datum", "tijd")),
    "ten-hoogste": (("getal",), ("getal",)),
    "leeftijd": (("datum",),),
    "verplicht-als": (),
    "uren-per-dag": (("tijd",), ("tijd",), ("getal",), ("getal",), ("getal",)),
    "dag-niet": (("dagen",),),
    "tijdvak": (("tijd",),),
    "pauze": (("tijd",), ("tijd",), ("getal",)),
}


def _rule_fields(regel: Regel) -> list[tuple[str | tuple[str, int], str, tuple[str, ...]]]:
    """(where in the rule, field name, allowed types) for every field a rule names."""
    types = _RULE_TYPES[regel.soort]
    out: list[tuple[str | tuple[str, int], str, tuple[str, ...]]] = [
        (("velden", j), naam, types[j] if j < len(types) else ()) for j, naam in enumerate(regel.velden)
    ]
    for key in ("geboortedatum", "peildatum"):
        naam = getattr(regel, key, None)
        if naam is not None:
            out.append((key, naam, ("datum",)))
    return out


def _in_a_circle(naam: str, velden: dict[str, Veld]) -> bool:
    """Whether following `als` from this field comes back to it (the rules could never decide it)."""
    seen: set[str] = set()
    current = velden[naam].als
    while current is not None and current.veld in velden and current.veld not in seen:
        if current.veld == naam:
            return True
        seen.add(current.veld)
        current = velden[current.veld].als
    return False


def _check_overeenkomst(o: Overeenkomst, cite: _CitationChecker, parameters: set[str]) -> list[Problem]:
    problems = cite.all(o, "grondslag", o.grondslag)
    velden = {v.naam: v for v in o.velden}
    uitkomsten = outcomes(o)
    datums = set(derived_texts(o))

    def check_condition(cond: Voorwaarde | None, *path: str | int) -> None:
        if cond is None:
            return
        veld = velden.get(cond.veld)
        if veld is None and cond.veld in uitkomsten:
            allowed = uitkomsten[cond.veld]
            for value in cond.is_:
                if value not in allowed:
                    message = f"'{value}' is geen uitkomst van '{cond.veld}' ({', '.join(allowed)})"
                    problems.append(o.problem(*path, "is", message=message))
        elif veld is None:
            problems.append(o.problem(*path, "veld", message=missing("veld", cond.veld, [*velden, *uitkomsten])))
        elif veld.type == "keuze":
            for value in cond.is_:
                if value not in veld.keuzes:
                    problems.append(
                        o.problem(
                            *path,
                            "is",
                            message=f"'{value}' is geen keuze van veld '{veld.naam}' ({', '.join(veld.keuzes)})",
                        )
                    )
        elif veld.type == "ja/nee":
            for value in cond.is_:
                if value not in ("ja", "nee"):
                    problems.append(
                        o.problem(*path, "is", message=f"veld '{veld.naam}' is ja/nee; gebruik 'ja' of 'nee'")
                    )

    def check_grens(grens: Grens | None, *path: str | int) -> None:
        if isinstance(grens, str) and grens not in parameters:
            problems.append(o.problem(*path, message=missing("parameter", grens, parameters)))

    def check_placeholders(text: str, *path: str | int) -> None:
        for name in PLACEHOLDER.findall(text):
            if name not in velden and name not in datums:
                message = f"de tekst gebruikt {{{{ {name} }}}}, maar er is geen veld '{name}'"
                problems.append(o.problem(*path, message=message))

    for i, veld in enumerate(o.velden):
        check_condition(veld.als, "velden", i, "als")
        if _in_a_circle(veld.naam, velden):
            message = f"de voorwaarde van '{veld.naam}' hangt via 'als' van {veld.naam} zelf af; doorbreek de kring"
            problems.append(o.problem("velden", i, "als", message=message))
        check_grens(veld.min, "velden", i, "min")
        check_grens(veld.max, "velden", i, "max")
    for i, regel in enumerate(o.regels):
        for key, naam, want in _rule_fields(regel):
            path: tuple[str | int, ...] = ("regels", i, key) if isinstance(key, str) else ("regels", i, *key)
            found = velden.get(naam)
            if found is None:
                problems.append(o.problem(*path, message=missing("veld", naam, velden)))
            elif want and found.type not in want:
                message = f"veld '{naam}' is van type '{found.type}'; hier hoort '{' of '.join(want)}'"
                problems.append(o.problem(*path, message=message))
        for key in ("min", "max"):
            check_grens(getattr(regel, key, None), "regels", i, key)
        if isinstance(regel, RegelVerplichtAls):
            check_condition(regel.als, "regels", i, "als")
        for j, grens in enumerate(regel.grenzen if isinstance(regel, RegelMetGrenzen) else []):
            for key in GRENS_SLEUTELS:
                check_grens(getattr(grens, key, None), "regels", i, "grenzen", j, key)
            problems += cite.all(o, "bronnen", grens.bronnen, "regels", i, "grenzen", j)
        problems += cite.all(o, "bronnen", regel.bronnen, "regels", i)
    for i, afgeleid in enumerate(o.afgeleid):
        if afgeleid.naam in velden:
            problems.append(
                o.problem("afgeleid", i, "naam", message=f"'{afgeleid.naam}' is al een veld; kies een andere naam")
            )
        dates = ["geboortedatum", "peildatum", *(["einddatum"] if isinstance(afgeleid, AfgeleidFase) else [])]
        for key in dates:
            naam = getattr(afgeleid, key)
            found = velden.get(naam)
            if found is None:
                problems.append(o.problem("afgeleid", i, key, message=missing("veld", naam, velden)))
            elif found.type != "datum":
                message = f"veld '{naam}' is van type '{found.type}'; hier hoort 'datum'"
                problems.append(o.problem("afgeleid", i, key, message=message))
        if isinstance(afgeleid, AfgeleidJongerDan):
            check_grens(afgeleid.grens, "afgeleid", i, "grens")
        for j, fase in enumerate(afgeleid.fasen if isinstance(afgeleid, AfgeleidFase) else []):
            check_grens(fase.tot, "afgeleid", i, "fasen", j, "tot")
    clause_ids: set[str] = set()
    for i, clausule in enumerate(o.clausules):
        if clausule.id in clause_ids:
            problems.append(o.problem("clausules", i, "id", message=f"clausule-id '{clausule.id}' komt twee keer voor"))
        clause_ids.add(clausule.id)
        check_condition(clausule.als, "clausules", i, "als")
        problems += cite.all(o, "bronnen", clausule.bronnen, "clausules", i)
        for j, lid in enumerate(clausule.leden):
            check_condition(lid.als, "clausules", i, "leden", j, "als")
            check_placeholders(lid.tekst, "clausules", i, "leden", j, "tekst")
    for i, ondertekenaar in enumerate(o.ondertekening):
        check_placeholders(ondertekenaar.partij, "ondertekening", i, "partij")
        for key in ("naam", "functie"):
            naam = getattr(ondertekenaar, key)
            if naam is not None and naam not in velden:
                problems.append(o.problem("ondertekening", i, key, message=missing("veld", naam, velden)))
        check_condition(ondertekenaar.als, "ondertekening", i, "als")
    return problems
