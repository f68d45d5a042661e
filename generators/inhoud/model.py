"""The typed content model: one class per content type, nothing else.

Input: plain data from `yamlsource`. Output: validated objects. Unknown keys
are errors (`extra="forbid"`), so a typo such as `toelichtng:` never passes.
Checks that need more than one item (ids, references) live in `checks.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from generators.inhoud.problems import Problem
from generators.inhoud.yamlsource import Path_, Source

if TYPE_CHECKING:
    from generators.inhoud.regelspec import Spec

Soort = Literal["moet", "mag", "mag-niet", "advies"]
# Who carries a statement (`wie`): the party that must or may act. The stappenplan lists a party's own statements
# first; the site shows the party as a label (views.WIE_LABEL). Order here is the order of "Wat de anderen doen".
Wie = Literal["school", "leerbedrijf", "mbo-instelling", "ouders", "leerling", "sbb", "overheid"]
# MOET and MAG NIET promise that the law says so: such a statement cites the lid that says it.
SOORTEN_MET_WET = ("moet", "mag-niet")
VeldType = Literal["tekst", "datum", "getal", "keuze", "ja/nee", "lijst", "tijd", "dagen"]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# `{{ veldnaam }}` in agreement texts: where a field value goes.
PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")


class Strict(BaseModel):
    """Base for every content object: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Item(Strict):
    """A top-level content object; remembers the file and path it came from."""

    _source: Source | None = PrivateAttr(default=None)
    _path: Path_ = PrivateAttr(default=())

    def attach(self, source: Source, path: Path_) -> None:
        self._source, self._path = source, path

    def problem(self, *subpath: str | int, message: str) -> Problem:
        """A problem located at `subpath` inside this item."""
        assert self._source is not None, "item not loaded from a file"
        return self._source.problem(self._path + subpath, message)

    @property
    def where(self) -> str:
        """`file:line` of this item, for messages that point at another item."""
        found = self.problem(message="")
        return f"{found.file}:{found.line}"


# --- Sources and citations -------------------------------------------------


class Bron(Strict):
    """A citation: a law article (+ lid, onderdeel) or a report (+ vindplaats)."""

    wet: str | None = None
    artikel: str | None = None
    lid: str | None = None
    onderdeel: str | None = None
    rapport: str | None = None
    vindplaats: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Bron:
        is_law = self.wet is not None or self.artikel is not None
        if is_law and self.rapport is not None:
            raise ValueError("een bron is óf een wetsartikel (wet + artikel) óf een rapport, niet beide")
        if not is_law and self.rapport is None:
            raise ValueError("een bron heeft 'wet' en 'artikel', of 'rapport'")
        if is_law and (self.wet is None or self.artikel is None):
            raise ValueError("een wettelijke bron heeft zowel 'wet' als 'artikel'")
        if not is_law and (self.lid or self.onderdeel):
            raise ValueError("'lid' en 'onderdeel' horen alleen bij een wetsartikel")
        return self

    @property
    def is_law(self) -> bool:
        return self.artikel is not None


class Rapport(Item):
    """A publication that statements may cite when the source is not law."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str
    auteur: str
    jaar: int = Field(ge=1900, le=2100)
    omschrijving: str


# --- Law -------------------------------------------------------------------


class Wet(Item):
    id: str = Field(pattern=ID_PATTERN)
    naam: str
    afkorting: str
    bwb_id: str = Field(pattern=r"^BWBR\d{7}$")


class Onderdeel(Strict):
    nr: str
    tekst: str
    onderdelen: list[Onderdeel] = []


class Lid(Strict):
    """A lid; `nr` is empty for an article without numbered leden."""

    nr: str | None = None
    tekst: str
    onderdelen: list[Onderdeel] = []
    slot: str | None = None


class OudNummer(Strict):
    """A provision the article replaces (the brochure cites these)."""

    regeling: str
    afkorting: str
    artikel: str
    leden: str | None = None
    voor_leden: list[str] = []  # the current leden it became; empty = the whole article


ONBEKEND = "onbekend"


def _unknown_as_none(value: object) -> object:
    """`geldig_vanaf: onbekend` is a text whose in-force date nobody could establish."""
    return None if isinstance(value, str) and value.strip() == ONBEKEND else value


def article_key(nr: str) -> tuple[tuple[int, str], ...]:
    """Natural order of article numbers: 2.107 < 2.107a < 2.107l < 5.45; 1:1 < 1:2 < 3:2."""
    return tuple((int(d) if d else 0, rest) for d, rest in re.findall(r"(\d*)([^\d.:]*)[.:]?", nr) if d or rest)


class Wetsartikel(Item):
    """An article, verbatim. A text of uncertain version (`geldig_vanaf: onbekend`) keeps the last date known for
    it and a note that says what is known; both are shown wherever the article is, so no reader takes it as current.
    """

    wet: str
    artikel: str
    onderwerp: str
    geldig_vanaf: Annotated[date | None, BeforeValidator(_unknown_as_none)]
    laatst_bekend: date | None = None
    versie_opmerking: str | None = None
    url: str = Field(pattern=r"^https://wetten\.overheid\.nl/")
    leden: list[Lid] = Field(min_length=1)
    vervangt: list[OudNummer] = []

    @model_validator(mode="after")
    def _version_known_or_noted(self) -> Wetsartikel:
        if self.geldig_vanaf is None and (self.laatst_bekend is None or not self.versie_opmerking):
            raise ValueError(
                "de datum van deze tekst is 'onbekend': vul 'laatst_bekend' in (de laatste datum die van deze tekst "
                "bekend is, JJJJ-MM-DD) en 'versie_opmerking' (wat er over de versie bekend is, en dat de tekst "
                "gecontroleerd moet worden op wetten.overheid.nl)"
            )
        if self.geldig_vanaf is not None and (self.laatst_bekend or self.versie_opmerking):
            raise ValueError(
                "'laatst_bekend' en 'versie_opmerking' horen alleen bij een tekst met 'geldig_vanaf: onbekend'"
            )
        return self

    @property
    def versie_onzeker(self) -> bool:
        return self.geldig_vanaf is None

    @property
    def id(self) -> str:
        return f"{self.wet}-{self.artikel}"

    @property
    def lid_numbers(self) -> list[str]:
        return [lid.nr for lid in self.leden if lid.nr]

    def find_lid(self, nr: str | None) -> Lid | None:
        return next((lid for lid in self.leden if lid.nr == nr), None)


# --- Guidance --------------------------------------------------------------


class Onderwerp(Item):
    id: str = Field(pattern=ID_PATTERN)
    titel: str
    volgorde: int
    inleiding: str | None = None


# Question id -> answer ids: "applies when the answer to that question is one of these".
Voorwaarden = dict[str, list[str]]


class OpenVraag(Strict):
    """A question the law does not settle, shown as a marked note instead of a MOET."""

    soort: Literal["niet-in-de-wet-geregeld", "interpretatie"]
    tekst: str


class Uitspraak(Item):
    """One 'wat moet / wat mag' statement with its sources.

    `advies` is good practice without a legal duty (practice, research, the brochure).
    """

    id: str = Field(pattern=ID_PATTERN)
    soort: Soort
    wie: Wie
    onderwerp: str
    regel: str
    toelichting: str
    bronnen: list[Bron] = Field(min_length=1)
    routes: list[str] = []
    open_vraag: OpenVraag | None = None
    verschil_met_brochure: str | None = None
    # Stappenplan metadata; the allowed values are data (content/stappenplan.yaml), checked in checks.py.
    fase: str = Field(pattern=ID_PATTERN)
    geldt_voor: Voorwaarden = {}
    klaar_als: Voorwaarden = {}
    actie: str | None = None


class Vergelijking(Strict):
    """The rows of the side-by-side route comparison."""

    examen: str
    diploma: str
    start: str
    stage: str
    samenwerkingsovereenkomst: str
    rio_melding: str
    bol_bbl: str
    overgang: str


class Route(Item):
    id: str = Field(pattern=ID_PATTERN)
    naam: str
    soort: Literal["weg-naar-mbo2", "buur"]
    status: str
    samenvatting: str
    toelichting: str | None = None
    vergelijking: Vergelijking | None = None
    bronnen: list[Bron] = Field(min_length=1)

    @model_validator(mode="after")
    def _compared(self) -> Route:
        if self.soort == "weg-naar-mbo2" and self.vergelijking is None:
            raise ValueError("een weg naar mbo-2 heeft een 'vergelijking'")
        return self


class Begrip(Item):
    id: str = Field(pattern=ID_PATTERN)
    term: str
    afkorting: str | None = None
    uitleg: str
    zie_ook: list[str] = []


class Zoekwoord(Item):
    """Words schools, parents and companies use for a term of the site (content/zoekwoorden.yaml). The search index
    gives every passage that uses the term these words too, and the begrippen page shows them ("ook wel: ...")."""

    begrip: str
    ook_wel: list[str] = Field(min_length=1)
    # How the site itself writes the term where not in full (the term and its abbreviation always count).
    op_de_site: list[str] = []


class Praktijkvoorbeeld(Item):
    id: str = Field(pattern=ID_PATTERN)
    titel: str
    school: str
    samenvatting: str
    ervaringen: list[str] = []
    tips: list[str] = []
    bronnen: list[Bron] = Field(min_length=1)


class Bevinding(Item):
    """A knelpunt or succesfactor reported in the research."""

    id: str = Field(pattern=ID_PATTERN)
    soort: Literal["knelpunt", "succesfactor"]
    tekst: str
    bronnen: list[Bron] = Field(min_length=1)


# --- Stappenplan (the checklist on maat) ------------------------------------


class Later(Strict):
    """An answer that also comes to hold during the route (a pupil of 15 turns 16), with the page's marker."""

    antwoord: str
    label: str = Field(min_length=1)


class Antwoord(Strict):
    id: str = Field(pattern=ID_PATTERN)
    tekst: str
    hulp: str | None = None
    omvat: list[str] = []  # counts as each of these answers of the same question (e.g. 'mixed ages')
    later: list[Later] = []  # statements for these answers of the same question are shown too, marked
    naar_routekeuze: bool = False  # not an answer yet: show the short route chooser first


class Vraag(Item):
    """One question of the stappenplan; asked only when `gesteld_als` holds for the earlier answers."""

    id: str = Field(pattern=ID_PATTERN)
    vraag: str
    kort: str
    hulp: str | None = None
    gesteld_als: Voorwaarden = {}
    antwoorden: list[Antwoord] = Field(min_length=2)


class Fase(Item):
    id: str = Field(pattern=ID_PATTERN)
    titel: str
    uitleg: str
    in_stappenplan: bool = True
    # The answers for which this is the phase the reader is in now: its open duties, and those of earlier phases,
    # come first in the stappenplan ("Nu te doen"); later phases follow under "Daarna".
    nu_als: Voorwaarden = {}


class Rubriek(Item):
    """A block within each phase of the checklist, holding the statements of these kinds."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str
    soorten: list[Soort] = Field(min_length=1)
    gevouwen: bool = False  # shown folded on the page ("Ruimte (n)") and as a short list on paper and in Word


class Actie(Item):
    """A button next to a checklist item: compose or download an agreement."""

    id: str = Field(pattern=ID_PATTERN)
    tekst: str
    overeenkomst: str
    soort: Literal["samenstellen", "downloaden"]


# --- Figures ---------------------------------------------------------------


class Profiel(Item):
    id: str = Field(pattern=ID_PATTERN)
    naam: str
    afkorting: str
    vakcode: int = Field(ge=1, le=9999)


class Kolom(Strict):
    id: str = Field(pattern=ID_PATTERN)
    titel: str


class Rij(Strict):
    label: str | None = None
    profiel: str | None = None
    waarden: dict[str, Decimal | None]

    @model_validator(mode="after")
    def _named(self) -> Rij:
        if (self.label is None) == (self.profiel is None):
            raise ValueError("een rij heeft óf 'label' óf 'profiel'")
        return self


class Tabel(Item):
    """Published figures, reproduced exactly; totals are computed, not typed."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str
    eenheid: str
    kolommen: list[Kolom] = Field(min_length=1)
    rijen: list[Rij] = Field(min_length=1)
    totalen: Literal["geen", "rijen", "kolommen", "beide"] = "geen"
    grafiek: Literal["geen", "staaf", "lijn"] = "geen"
    bronnen: list[Bron] = Field(min_length=1)
    gepubliceerde_totalen: dict[str, Decimal] = {}
    opmerking: str | None = None


# --- Agreements ------------------------------------------------------------


class Berekening(Strict):
    """A number derived from two others: `deel` divided by `door`, rounded up (whole days needed for the hours)."""

    deel: str
    door: str


class Parameter(Item):
    """A named, dated number the rules and texts use (age of majority, hour limits), with where it comes from.

    `bronnen` cite the law that sets it; `reden` explains a limit that rests on common sense, not law. A derived
    parameter has a `berekening` instead of a `waarde` and a date: the build computes it from its inputs, so a
    number such as "92 days" is never typed. `geldig_vanaf: onbekend` goes with a law text of uncertain version.
    """

    id: str = Field(pattern=ID_PATTERN)
    naam: str
    waarde: Decimal | None = None
    berekening: Berekening | None = None
    eenheid: str
    geldig_vanaf: Annotated[date | None, BeforeValidator(_unknown_as_none)] = None
    bronnen: list[Bron] = []
    reden: str | None = None

    @model_validator(mode="after")
    def _grounded(self) -> Parameter:
        if (self.waarde is None) == (self.berekening is None):
            raise ValueError("een parameter heeft óf een 'waarde' óf een 'berekening'")
        if self.berekening is None and "geldig_vanaf" not in self.model_fields_set:
            raise ValueError("een parameter met een 'waarde' heeft 'geldig_vanaf' (een datum, of 'onbekend')")
        if self.berekening is None and not self.bronnen and not self.reden:
            raise ValueError("een parameter heeft 'bronnen' (de wet die hem vastlegt) of een 'reden'")
        return self


def _number_or_id(value: object) -> object:
    """YAML scalars arrive as text: '4' is a number, 'dagen-buitenschools-min' the id of a parameter."""
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
        return Decimal(value.strip())
    return value


# A bound of a number field or a rule: a number, or the id of a `Parameter`.
Grens = Annotated[Decimal | str, BeforeValidator(_number_or_id)]


class Voorwaarde(Strict):
    """Include a clause only when field `veld` has one of the values `is`."""

    veld: str
    is_: list[str] = Field(alias="is", min_length=1)


class Veld(Strict):
    naam: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: VeldType
    label: str
    hulp: str | None = None
    groep: str
    verplicht: bool = True
    min: Grens | None = None
    max: Grens | None = None
    decimalen: int = Field(default=0, ge=0, le=6)  # getal: digits allowed after the comma; 0 = whole numbers
    keuzes: list[str] = []
    als: Voorwaarde | None = None
    meerdere_regels: bool = False  # tekst: the form offers a text area (addresses, descriptions)
    # the value the blank file's example row shows, where the lower bound would break a rule (a break of 0 minutes)
    voorbeeld: str | None = None

    @model_validator(mode="after")
    def _choices(self) -> Veld:
        if self.type == "keuze" and len(self.keuzes) < 2:
            raise ValueError("een veld van type 'keuze' heeft ten minste twee 'keuzes'")
        if self.type != "keuze" and self.keuzes:
            raise ValueError("alleen een veld van type 'keuze' heeft 'keuzes'")
        if self.meerdere_regels and self.type != "tekst":
            raise ValueError("alleen een veld van type 'tekst' kan 'meerdere_regels' hebben")
        if self.decimalen and self.type != "getal":
            raise ValueError("alleen een veld van type 'getal' heeft 'decimalen'")
        if (self.min is not None or self.max is not None) and self.type not in ("getal", "dagen"):
            raise ValueError("alleen een veld van type 'getal' of 'dagen' (het aantal dagen) heeft 'min' of 'max'")
        if isinstance(self.min, Decimal) and isinstance(self.max, Decimal) and self.min > self.max:
            raise ValueError("'min' is groter dan 'max'")
        return self


# The keys of an age band that hold a number or a parameter (each kind of band has some of them).
GRENS_SLEUTELS = ("tot", "max", "vroegst", "laatst", "na", "minuten")


class Leeftijdsgrens(Strict):
    """One age band of a rule: it holds below age `tot` (none: any age); the first band that holds is used."""

    tot: Grens | None = None
    melding: str
    bronnen: list[Bron] = []


class Urengrens(Leeftijdsgrens):
    """At most `max` hours of work a day."""

    max: Grens


class Daggrens(Leeftijdsgrens):
    """No work on weekday `dag`; a band without `dag` checks nothing (another rule covers that age)."""

    dag: Literal["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"] | None = None
    melding: str = ""

    @model_validator(mode="after")
    def _said(self) -> Daggrens:
        if self.dag is not None and not self.melding:
            raise ValueError("een leeftijdsgrens met 'dag' heeft een 'melding'")
        return self


class Tijdvakgrens(Leeftijdsgrens):
    """The time in the rule's field is not before `vroegst` o'clock and not after `laatst` o'clock (hours, either may
    be left out); a band with neither checks nothing (another rule covers that age, or the law sets no hour)."""

    vroegst: Grens | None = None
    laatst: Grens | None = None
    melding: str = ""

    @model_validator(mode="after")
    def _said(self) -> Tijdvakgrens:
        if (self.vroegst is not None or self.laatst is not None) and not self.melding:
            raise ValueError("een leeftijdsgrens met 'vroegst' of 'laatst' heeft een 'melding'")
        return self


class Pauzegrens(Leeftijdsgrens):
    """Working more than `na` hours on a day takes a break of at least `minuten` minutes; a band with neither checks
    nothing (the law sets no break for that age, or one a collective agreement may change)."""

    na: Grens | None = None
    minuten: Grens | None = None
    melding: str = ""

    @model_validator(mode="after")
    def _said(self) -> Pauzegrens:
        if (self.na is None) != (self.minuten is None):
            raise ValueError("'na' en 'minuten' horen bij elkaar")
        if self.na is not None and not self.melding:
            raise ValueError("een leeftijdsgrens met 'na' en 'minuten' heeft een 'melding'")
        return self


class Leeftijdsfase(Strict):
    """One phase of the pupil's life during the agreement: below age `tot` (none: any age). If the pupil reaches
    `tot` by the end date, the outcome is `overgang` instead, and the date he reaches it is stored as well."""

    naam: str = Field(pattern=ID_PATTERN)
    omschrijving: str  # for the blank document: "[Alleen opnemen als <omschrijving>]"
    tot: Grens | None = None
    overgang: str | None = Field(default=None, pattern=ID_PATTERN)
    overgang_omschrijving: str | None = None

    @model_validator(mode="after")
    def _transition_described(self) -> Leeftijdsfase:
        if (self.overgang is None) != (self.overgang_omschrijving is None):
            raise ValueError("'overgang' en 'overgang_omschrijving' horen bij elkaar")
        if self.overgang is not None and self.tot is None:
            raise ValueError("een fase met 'overgang' heeft een leeftijd 'tot'")
        return self


class _RegelBasis(Strict):
    """What every rule across fields has; see generators/overeenkomsten/regels.py for what each kind checks.

    `velden` are the fields the rule compares; `veld` is the one a problem names (default: the last of `velden`).
    An `ernst: waarschuwing` rule warns and never blocks the document. Each kind is its own class, so the kind's
    required keys are types: the loader names a missing one and the editor's schema knows them.
    """

    velden: list[str] = Field(min_length=1)
    veld: str | None = None
    ernst: Literal["fout", "waarschuwing"] = "fout"
    bronnen: list[Bron] = []
    reden: str | None = None

    @model_validator(mode="after")
    def _named_and_grounded(self) -> _RegelBasis:
        if self.veld is not None and self.veld not in self.velden:
            raise ValueError(f"'veld' moet een van de 'velden' zijn ({', '.join(self.velden)})")
        if not self.alle_bronnen and not self.reden:
            raise ValueError("een regel noemt zijn 'bronnen' (wetsartikel) of een 'reden'")
        return self

    @property
    def alle_bronnen(self) -> list[Bron]:
        return self.bronnen

    @property
    def genoemd(self) -> str:
        """The field a problem with this rule is reported on."""
        return self.veld or self.velden[-1]


class RegelVolgorde(_RegelBasis):
    """Two fields in order: a date not before another (`na`), a number not above another (`ten-hoogste`)."""

    soort: Literal["na", "ten-hoogste"]
    melding: str = Field(min_length=1)

    @model_validator(mode="after")
    def _two_fields(self) -> RegelVolgorde:
        if len(self.velden) != 2:
            raise ValueError(f"een regel '{self.soort}' vergelijkt precies twee 'velden'")
        return self


# The names a rule's message may hold that the rule fills when it runs; any other `{name}` is a parameter.
MELDING_NAMEN = frozenset(
    {"leeftijd", "min", "max", "uren", "dag", "eerste", "tweede", "vroegst", "laatst", "na", "minuten"}
)


class RegelMetLeeftijd(_RegelBasis):
    """A rule about the pupil's age on a date: both are fields of the agreement."""

    geboortedatum: str
    peildatum: str


class RegelLeeftijd(RegelMetLeeftijd):
    """The age on the peildatum is at least `min` and at most `max` (either may be left out)."""

    soort: Literal["leeftijd"]
    min: Grens | None = None
    max: Grens | None = None
    melding: str = Field(min_length=1)

    @model_validator(mode="after")
    def _bounded(self) -> RegelLeeftijd:
        if self.min is None and self.max is None:
            raise ValueError("een regel 'leeftijd' heeft 'min', 'max' of beide")
        return self


class RegelVerplichtAls(_RegelBasis):
    """Fields that are required while a condition holds, typically on a derived value (the pupil is a minor);
    every empty one gets the message, in one round."""

    soort: Literal["verplicht-als"]
    als: Voorwaarde
    melding: str = Field(min_length=1)


class RegelMetGrenzen(RegelMetLeeftijd):
    """A rule whose limit depends on the pupil's age: one band per age, the first that holds is used."""

    grenzen: Sequence[Leeftijdsgrens]

    @property
    def alle_bronnen(self) -> list[Bron]:
        return [*self.bronnen, *(b for g in self.grenzen for b in g.bronnen)]


class RegelUren(RegelMetGrenzen):
    """A working day, begin to end less the break, and the average of klokuren over dagen, within the age band.

    `velden`: begin (tijd), einde (tijd), pauze in minuten (getal), klokuren (getal), dagen (getal)."""

    soort: Literal["uren-per-dag"]
    grenzen: list[Urengrens] = Field(min_length=1)


class RegelDag(RegelMetGrenzen):
    """No work on a weekday for the age band; `velden`: the praktijkdagen (dagen)."""

    soort: Literal["dag-niet"]
    grenzen: list[Daggrens] = Field(min_length=1)


class RegelTijdvak(RegelMetGrenzen):
    """A time of day within the hours the age band allows; `velden`: the time (tijd), e.g. the begin or end of work."""

    soort: Literal["tijdvak"]
    grenzen: list[Tijdvakgrens] = Field(min_length=1)


class RegelPauze(RegelMetGrenzen):
    """A long enough break on a long day; `velden`: begin (tijd), einde (tijd), pauze in minuten (getal)."""

    soort: Literal["pauze"]
    grenzen: list[Pauzegrens] = Field(min_length=1)


Regel = Annotated[
    RegelVolgorde | RegelLeeftijd | RegelVerplichtAls | RegelUren | RegelDag | RegelTijdvak | RegelPauze,
    Field(discriminator="soort"),
]
# The kinds whose message is the rule's own (the others have one per age band).
RegelMetMelding = RegelVolgorde | RegelLeeftijd | RegelVerplichtAls


class _AfgeleidBasis(Strict):
    """A value derived from typed ones, never typed itself: computed once, right after the fields are read and
    before any rule runs, so conditions (`als`) and rules read it like a field. Both are fields of the agreement."""

    naam: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    geboortedatum: str
    peildatum: str


class AfgeleidJongerDan(_AfgeleidBasis):
    """'ja' while the pupil is younger than `grens` on the peildatum, else 'nee' (a minor, or not)."""

    soort: Literal["jonger-dan"]
    grens: Grens


class AfgeleidFase(_AfgeleidBasis):
    """The pupil's age phase over the agreement: the `naam` of the first phase whose `tot` is above his age on the
    peildatum, or its `overgang` when he reaches `tot` by the `einddatum`; `datum` holds that birthday as text."""

    soort: Literal["leeftijdsfase"]
    einddatum: str
    fasen: list[Leeftijdsfase] = Field(min_length=2)
    datum: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    datum_label: str  # the fill-in line of the blank document

    @model_validator(mode="after")
    def _every_age_has_a_phase(self) -> AfgeleidFase:
        if self.fasen[-1].tot is not None:
            raise ValueError("de laatste fase heeft geen 'tot': zij geldt voor elke leeftijd daarboven")
        return self

    @property
    def waarden(self) -> list[str]:
        return [w for f in self.fasen for w in (f.naam, f.overgang) if w]


Afgeleid = Annotated[AfgeleidJongerDan | AfgeleidFase, Field(discriminator="soort")]


def derived_texts(o: Overeenkomst) -> dict[str, str]:
    """Texts derived (not typed) that a document shows, with the label of their blank line."""
    return {a.datum: a.datum_label for a in o.afgeleid if isinstance(a, AfgeleidFase)}


def outcomes(o: Overeenkomst) -> dict[str, list[str]]:
    """Derived values an agreement's conditions may test, with the values each can take."""
    return {a.naam: (["ja", "nee"] if isinstance(a, AfgeleidJongerDan) else a.waarden) for a in o.afgeleid}


Element265 = Literal[
    "rechten-en-plichten",
    "inhoud",
    "leerdoelen",
    "duur",
    "periode",
    "beoordelingsmaatstaven",
    "begeleiding",
    "voortijdige-beeindiging",
]


class ClauseLid(Strict):
    tekst: str
    als: Voorwaarde | None = None


class Clausule(Strict):
    """An article of an agreement: its leden and the law it relies on."""

    id: str = Field(pattern=ID_PATTERN)
    titel: str
    leden: list[ClauseLid] = Field(min_length=1)
    als: Voorwaarde | None = None
    bronnen: list[Bron] = []
    dekt: list[Element265] = []


class Ondertekenaar(Strict):
    """One signature block: the party, the fields with the signer's name and function, and when it signs."""

    partij: str
    naam: str
    functie: str | None = None  # a pupil or parent signs as themselves: no function
    als: Voorwaarde | None = None


class Overeenkomst(Item):
    id: str = Field(pattern=ID_PATTERN)
    titel: str
    doel: str
    omschrijving: str
    grondslag: list[Bron] = Field(min_length=1)
    velden: list[Veld] = Field(min_length=1)
    afgeleid: list[Afgeleid] = []
    regels: list[Regel] = []
    clausules: list[Clausule] = Field(min_length=1)
    ondertekening: list[Ondertekenaar] = Field(min_length=2)
    _spec: Any = PrivateAttr(default=None)

    def bind(self, spec: Spec) -> None:
        """Keep the resolved declarations (`regelspec.resolve_specs`, once per load)."""
        self._spec = spec

    @property
    def spec(self) -> Spec:
        """Fields, derived values and rules with every parameter resolved: what the rules interpreters read."""
        assert self._spec is not None, "overeenkomst niet via load_content geladen"
        return cast("Spec", self._spec)

    @field_validator("velden")
    @classmethod
    def _unique_fields(cls, velden: list[Veld]) -> list[Veld]:
        seen: set[str] = set()
        for veld in velden:
            if veld.naam in seen:
                raise ValueError(f"veldnaam '{veld.naam}' komt twee keer voor")
            seen.add(veld.naam)
        return velden


# --- Publication workflow --------------------------------------------------


ADRES = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?/$")


def check_adres(value: str) -> str:
    """A site address as a web server serves it: scheme, host, optional path, ending in '/'."""
    if not ADRES.match(value):
        raise ValueError(
            f"'{value}' is geen volledig webadres; schrijf het met https:// en een / aan het eind, "
            "bijvoorbeeld https://www.voorbeeld.nl/leerwerktrajecten/"
        )
    return value


class Publicatie(Item):
    """The published version: shown in the site footer and in every DOCX."""

    versie: str = Field(pattern=r"^\d+(\.\d+)*$")
    peildatum: date
    # Where the site is published: canonical links, sitemap and feed use it. Empty until the host is known:
    # `wmwm bouw` and `wmwm bekijk` then use the preview's address, and `wmwm publiceer` asks for one.
    adres: str = ""

    @field_validator("adres")
    @classmethod
    def _adres(cls, value: str) -> str:
        return check_adres(value) if value else value


class Wijziging(Item):
    """One changelog entry; `items` are the ids of what changed."""

    datum: date
    versie: str | None = None
    samenvatting: str
    items: list[str] = []


class Beoordeling(Item):
    """Ledger record (written by `wmwm beoordeel`): the lid texts an item was last reviewed against."""

    id: str
    datum: date
    bronnen: dict[str, str] = {}


# --- The whole content -----------------------------------------------------


class Inhoud(Strict):
    """Everything in content/; each file fills some of these lists."""

    wetten: list[Wet] = []
    wetsartikelen: list[Wetsartikel] = []
    rapporten: list[Rapport] = []
    onderwerpen: list[Onderwerp] = []
    uitspraken: list[Uitspraak] = []
    routes: list[Route] = []
    begrippen: list[Begrip] = []
    zoekwoorden: list[Zoekwoord] = []
    praktijkvoorbeelden: list[Praktijkvoorbeeld] = []
    bevindingen: list[Bevinding] = []
    profielen: list[Profiel] = []
    tabellen: list[Tabel] = []
    overeenkomsten: list[Overeenkomst] = []
    parameters: list[Parameter] = []
    publicatie: Publicatie | None = None
    wijzigingen: list[Wijziging] = []
    beoordelingen: list[Beoordeling] = []
    vragen: list[Vraag] = []
    fasen: list[Fase] = []
    rubrieken: list[Rubriek] = []
    acties: list[Actie] = []

    def items(self) -> list[tuple[str, Item]]:
        """Every top-level item with the name of its list."""
        return [(name, item) for name in type(self).model_fields for item in _as_list(getattr(self, name))]


def _as_list(value: list[Item] | Item | None) -> list[Item]:
    """Most keys hold a list; `publicatie` holds one item (or none)."""
    return value if isinstance(value, list) else ([] if value is None else [value])
