"""An agreement's declared fields, derived values and rules, resolved once into the spec both interpreters read.

Input: a checked `Overeenkomst` and the content it came from (for parameters and the law they come from). Output:
a `Spec`, plain JSON: bounds are numbers (a parameter's value) with the law they come from as a label, messages
and character classes are data. `load_content` resolves it once per agreement; after that an agreement never
reaches back to the whole content. `generators.overeenkomsten.regels` interprets it in Python, the browser's
docs/javascripts/regels.js the same JSON (shipped as spec.json).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, TypedDict

from generators.inhoud.bronlabel import label
from generators.inhoud.formats import MONTHS, format_number
from generators.inhoud.model import (
    Afgeleid,
    AfgeleidFase,
    AfgeleidJongerDan,
    Grens,
    Inhoud,
    Overeenkomst,
    Regel,
    RegelMetGrenzen,
    RegelVerplichtAls,
    Veld,
    Voorwaarde,
    derived_texts,
)

# Regular expressions, valid in Python `re` and in JavaScript `RegExp(..., "u")`.
TEKENS = {
    "witruimte": r"[\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]",
    "regeleinde": r"\r\n|\r|\n",
    "verboden": r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]",
    # sign, whole part (grouped by "." or by spaces, or plain digits), decimals after ","
    "getal": (
        r"^(-?)([1-9][0-9]{0,2}(?:\.[0-9]{3})+|[1-9][0-9]{0,2}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)(?:,([0-9]+))?$"
    ),
    "punt_decimaal": r"^-?[0-9]+\.[0-9]+$",
    "datum": r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$",
    "tijd": r"^([01]?[0-9]|2[0-3])[.:]([0-5][0-9])(?: ?uur)?$",
    "dagen_scheiding": r"(?:[,;/]|[\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff])+",
}
# Weekdays in week order, with the two-letter abbreviation a school writes ("di en do").
WEEKDAGEN = [
    ["maandag", "ma"],
    ["dinsdag", "di"],
    ["woensdag", "wo"],
    ["donderdag", "do"],
    ["vrijdag", "vr"],
    ["zaterdag", "za"],
    ["zondag", "zo"],
]
MAX_DIGITS = 15  # more digits than a person types in a contract; also what a browser number holds exactly

MELDINGEN = {
    "onbekend": "onbekend veld; zie 'wmwm overeenkomst <id> --velden' voor de veldnamen",
    "verplicht": "'{label}' is verplicht",
    "veld": "'{label}' {melding}",
    "een_waarde": "verwacht één waarde, geen lijst",
    "ja_nee": "moet 'ja' of 'nee' zijn, niet '{waarde}'",
    "keuze": "moet een van deze keuzes zijn: {keuzes}; niet '{waarde}'",
    "datum": "is geen geldige datum: '{waarde}' (schrijf JJJJ-MM-DD, bijvoorbeeld 2026-09-01)",
    "bestaat_niet": "is een datum die niet bestaat: '{waarde}'",
    "tijd": "is geen geldige tijd: '{waarde}' (schrijf uren en minuten, bijvoorbeeld 8.30 of 13:45)",
    "dag": (
        "kent de dag '{woord}' niet; schrijf de dagen voluit of afgekort, bijvoorbeeld dinsdag en donderdag of di en do"
    ),
    "dag_dubbel": "noemt {dag} twee keer",
    "dagen_min": "noemt te weinig dagen ({aantal}); ten minste {min}",
    "dagen_max": "noemt {aantal} dagen; ten hoogste {max}",
    "duur": "{uren} uur",
    "duur_minuten": "{uren} uur en {minuten} minuten",
    "getal": "is geen getal: '{waarde}'",
    "heel_getal": "moet een heel getal zijn, niet '{waarde}'",
    "duizendtal": (
        "moet een heel getal zijn, niet '{waarde}'; bedoelt u {bedoeld}? Schrijf dan {bedoeld} of {kaal}"
        " (een komma staat in het Nederlands voor decimalen)"
    ),
    "decimalen": "heeft te veel cijfers na de komma: '{waarde}' (ten hoogste {aantal})",
    "punt_decimaal": "is geen getal: '{waarde}'; schrijf decimalen met een komma, bijvoorbeeld {voorbeeld}",
    "te_lang": "is te lang voor een getal: '{waarde}'",
    "min": "moet ten minste {min} zijn, niet {waarde}{bron}",
    "max": "mag ten hoogste {max} zijn, niet {waarde}{bron}",
    "stuurteken": "bevat een onzichtbaar stuurteken ({code}) dat niet in een Word-bestand kan; verwijder het",
    "niet_gebruikt": "'{label}' is ingevuld maar wordt niet gebruikt, omdat '{voorwaarde}' niet {waarden} is",
}

# A number travels as its plain decimal text ("7", "7.5"): exact in both languages, and JSON has no Decimal.
Getal = str
VoorwaardeSpec = TypedDict("VoorwaardeSpec", {"veld": str, "is": list[str]})


class VeldSpec(TypedDict):
    naam: str
    type: str
    label: str
    verplicht: bool
    als: VoorwaardeSpec | None
    keuzes: list[str]
    decimalen: int
    min: Getal | None
    max: Getal | None
    min_tekst: str | None  # the bound in Dutch notation, as messages show it
    max_tekst: str | None
    min_bron: str  # the law a bound comes from, labelled; empty for a plain number or a reasoned parameter
    max_bron: str


class FaseSpec(TypedDict):
    naam: str
    tot: Getal | None
    overgang: str | None


class AfgeleidSpec(TypedDict):
    soort: Literal["jonger-dan", "leeftijdsfase"]
    naam: str
    geboortedatum: str
    peildatum: str
    grens: Getal | None
    einddatum: str | None
    datum: str | None
    fasen: list[FaseSpec]


class GrensSpec(TypedDict):
    """One age band; every key for every kind of band (null where a kind has none)."""

    tot: Getal | None
    max: Getal | None
    dag: str | None
    vroegst: Getal | None
    laatst: Getal | None
    na: Getal | None
    minuten: Getal | None
    melding: str


class RegelSpec(TypedDict):
    """Every key for every kind (null where a kind has none), so both interpreters read one shape."""

    soort: str
    velden: list[str]
    veld: str
    ernst: str
    melding: str | None
    geboortedatum: str | None
    peildatum: str | None
    min: Getal | None
    max: Getal | None
    als: VoorwaardeSpec | None
    grenzen: list[GrensSpec]


class Spec(TypedDict):
    velden: list[VeldSpec]
    afgeleid: list[AfgeleidSpec]
    regels: list[RegelSpec]
    meldingen: dict[str, str]
    tekens: dict[str, str]
    max_cijfers: int
    maanden: list[str]
    weekdagen: list[list[str]]
    afgeleide_teksten: list[str]


def resolve_specs(inhoud: Inhoud) -> None:
    """Give every agreement its spec; run once, after the content passed every check."""
    resolver = _Resolver(inhoud)
    for o in inhoud.overeenkomsten:
        o.bind(resolver.spec(o))


class _Resolver:
    """Parameters by id with the law they come from, for one content version."""

    def __init__(self, inhoud: Inhoud) -> None:
        self.values = {p.id: p.waarde for p in inhoud.parameters}
        self.laws = {p.id: "; ".join(label(b, inhoud) for b in p.bronnen if b.is_law) for p in inhoud.parameters}

    def bound(self, grens: Grens | None) -> tuple[Getal | None, str]:
        if grens is None or isinstance(grens, Decimal):
            return _plain(grens), ""
        return _plain(self.values[grens]), self.laws[grens]

    def number(self, grens: Grens | None) -> Getal | None:
        return self.bound(grens)[0]

    def spec(self, o: Overeenkomst) -> Spec:
        return {
            "velden": [self.veld(v) for v in o.velden],
            "afgeleid": [self.afgeleid(a) for a in o.afgeleid],
            "regels": [self.regel(r) for r in o.regels],
            "meldingen": MELDINGEN,
            "tekens": TEKENS,
            "max_cijfers": MAX_DIGITS,
            "maanden": MONTHS,
            "weekdagen": WEEKDAGEN,
            "afgeleide_teksten": list(derived_texts(o)),
        }

    def veld(self, veld: Veld) -> VeldSpec:
        (low, low_bron), (high, high_bron) = self.bound(veld.min), self.bound(veld.max)
        return {
            "naam": veld.naam,
            "type": veld.type,
            "label": veld.label,
            "verplicht": veld.verplicht,
            "als": _condition(veld.als),
            "keuzes": list(veld.keuzes),
            "decimalen": veld.decimalen,
            "min": low,
            "max": high,
            "min_tekst": _dutch(low),
            "max_tekst": _dutch(high),
            "min_bron": low_bron,
            "max_bron": high_bron,
        }

    def regel(self, regel: Regel) -> RegelSpec:
        grenzen = regel.grenzen if isinstance(regel, RegelMetGrenzen) else []
        return {
            "soort": regel.soort,
            "velden": regel.velden,
            "veld": regel.genoemd,
            "ernst": regel.ernst,
            "melding": getattr(regel, "melding", None),
            "geboortedatum": getattr(regel, "geboortedatum", None),
            "peildatum": getattr(regel, "peildatum", None),
            "min": self.number(getattr(regel, "min", None)),
            "max": self.number(getattr(regel, "max", None)),
            "als": _condition(regel.als if isinstance(regel, RegelVerplichtAls) else None),
            "grenzen": [
                {
                    "tot": self.number(g.tot),
                    "max": self.number(getattr(g, "max", None)),
                    "dag": getattr(g, "dag", None),
                    "vroegst": self.number(getattr(g, "vroegst", None)),
                    "laatst": self.number(getattr(g, "laatst", None)),
                    "na": self.number(getattr(g, "na", None)),
                    "minuten": self.number(getattr(g, "minuten", None)),
                    "melding": g.melding,
                }
                for g in grenzen
            ],
        }

    def afgeleid(self, afgeleid: Afgeleid) -> AfgeleidSpec:
        fase = afgeleid if isinstance(afgeleid, AfgeleidFase) else None
        return {
            "soort": afgeleid.soort,
            "naam": afgeleid.naam,
            "geboortedatum": afgeleid.geboortedatum,
            "peildatum": afgeleid.peildatum,
            "grens": self.number(afgeleid.grens) if isinstance(afgeleid, AfgeleidJongerDan) else None,
            "einddatum": fase.einddatum if fase else None,
            "datum": fase.datum if fase else None,
            "fasen": [{"naam": f.naam, "tot": self.number(f.tot), "overgang": f.overgang} for f in fase.fasen]
            if fase
            else [],
        }


def _condition(cond: Voorwaarde | None) -> VoorwaardeSpec | None:
    return None if cond is None else {"veld": cond.veld, "is": list(cond.is_)}


def _plain(value: Decimal | None) -> Getal | None:
    return None if value is None else f"{value:f}"


def _dutch(value: Getal | None) -> str | None:
    return None if value is None else format_number(Decimal(value))
