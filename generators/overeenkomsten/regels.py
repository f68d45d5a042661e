"""The declared rules of an agreement, interpreted: typed values, display text, every problem at once.

Input: an agreement's `spec` (its `velden`, `afgeleid` and `regels` from content/ with every parameter resolved,
once per load, by generators/inhoud/regelspec.py) and raw values (JSON, YAML, CSV or the web form). `check`
interprets that JSON. The browser runs the same JSON through docs/javascripts/regels.js, and
tests/gevallen/invoer.yaml holds both to the same answers. Nothing is written when any error is found.

Semantics (the browser module follows this text, not this code):

- Raw value: absent/null = empty; true/false = "ja"/"nee"; a JSON number = its Dutch text (7.5 -> "7,5"); a list
  only for a `lijst` field (elsewhere: refused). `witruimte` and `regeleinde` are the regular expressions in
  `TEKENS`; no other notion of whitespace is used. Empty = nothing left after removing `witruimte`.
- Text (`tekst`, list items): a character of `verboden` (cannot be stored in a Word file) is refused. A `tekst`
  value is stored as typed; its display text is the same, unless it holds a line break: then its lines, each
  trimmed, empty ones dropped, joined with ", " on one line. A `lijst` value (a list, or text with one item per
  line) becomes the trimmed, non-empty items; display: the items joined by a line break.
- `ja/nee`: trimmed and lower-cased, "ja" or "nee"; stored and shown as "ja"/"nee". `keuze`: trimmed, matched
  case-insensitively, stored and shown as the declared choice.
- `datum`: trimmed, JJJJ-MM-DD, a real calendar day; shown as "1 september 2026". A well-formed date that is no
  calendar day ("2027-02-30") gets its own message.
- `tijd`: trimmed, `tijd` in `TEKENS` (8.30, 08:30, optionally followed by "uur"); stored as "08:30", shown as "8.30".
- `dagen`: weekdays separated by `dagen_scheiding` (commas, semicolons, slashes, whitespace) and the word "en"; each
  the full name or its two-letter abbreviation from `weekdagen`, any case; a day named twice is refused. Stored as
  the full names in typed order; shown as "dinsdag en donderdag" (", " between, " en " before the last). `min` and
  `max` bound the number of days.
- `getal`: trimmed; ASCII digits only; an optional "-"; thousands grouped with "." or a space ("1.200", "1 200");
  decimals after "," only where the field declares `decimalen`. "1,200" in a whole-number field is refused with
  what was probably meant (1.200). Bounds `min`/`max` (a number or a parameter) are checked; stored as int (whole
  field) or Decimal; shown in Dutch notation (`formats.format_number`), decimals as typed.
- A field with `als` counts only while the field it names counts and has one of the listed values (after
  normalising). A field that does not count is not stored; if it was filled in, a warning says it is not used.
  A required field that counts and is empty is an error.
- Derived values (`afgeleid`) are computed once, after the fields and before any rule, from stored fields that
  have no problem; they are stored in the values like a field, so conditions and rules read them. `jonger-dan`:
  "ja" while the whole years from `geboortedatum` to `peildatum` are below `grens`, else "nee". `leeftijdsfase`:
  the `naam` of the first phase whose `tot` is null or above that age, or its `overgang` when the pupil reaches `tot`
  on or before the `einddatum`; its `datum` text is that birthday (a 29 February birthday falls on 1 March in other
  years, as `_age` counts), else empty.
- A rule runs only when every field it reads is stored (or derived) and has no problem yet; a field a rule reports
  on then has a problem, so later rules skip it (a birth date after the start gives one message, not three).
  `ernst: waarschuwing` rules only warn. Messages fill `{naam}` placeholders; other braces stay as typed.
- Rules: `na` (second date or time strictly after the first), `ten-hoogste` (first number <= second), `leeftijd`
  (whole years from `geboortedatum` to `peildatum` within `min`..`max`, either may be null), `verplicht-als` (while
  its condition holds, every listed field that is empty and has no other problem gets the message). Rules with
  `grenzen` use the first age band whose `tot` is null or above the age on the peildatum (none: the rule says
  nothing): `uren-per-dag` (a day's work in minutes = einde - begin - pauze, and the average klokuren * 60 / dagen
  rounded half up to a minute; the larger above `max` * 60 is a problem; `{uren}` shows it as "8 uur" or "8 uur en
  30 minuten"), `dag-niet` (the band's `dag` is among the praktijkdagen), `tijdvak` (the time is before the band's
  `vroegst` or after its `laatst` o'clock; `{vroegst}` and `{laatst}` show them as "7.00"), `pauze` (a day's work,
  einde - begin - pauze, above `na` hours with a pauze below `minuten`; `{uren}` as for uren-per-dag). A band
  without its kind's keys checks nothing.
- Errors are listed as the form shows the fields: unknown fields first, then by field in declared order; a field's
  own messages keep the order in which they were found (its value first, then the rules in declared order).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from generators.inhoud.formats import format_date, format_number
from generators.inhoud.model import AfgeleidFase, AfgeleidJongerDan, Overeenkomst, Voorwaarde
from generators.inhoud.problems import WmwmError
from generators.inhoud.regelspec import (
    MAX_DIGITS,
    MELDINGEN,
    TEKENS,
    WEEKDAGEN,
    AfgeleidSpec,
    GrensSpec,
    RegelSpec,
    Spec,
    VeldSpec,
    VoorwaardeSpec,
)

_RE = {name: re.compile(pattern) for name, pattern in TEKENS.items()}
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")
_EDGES = re.compile(f"^(?:{TEKENS['witruimte']})+|(?:{TEKENS['witruimte']})+$")


@dataclass(frozen=True)
class Invoerfout:
    veld: str
    melding: str

    def __str__(self) -> str:
        return f"{self.veld}: {self.melding}"


class InvoerError(WmwmError):
    def __init__(self, fouten: list[Invoerfout]) -> None:
        self.fouten = fouten
        super().__init__("; ".join(str(f) for f in fouten))


@dataclass
class Ingevuld:
    """Checked values: `waarden` normalised (conditions and template choices read only these), `teksten` as shown."""

    waarden: dict[str, Any] = field(default_factory=dict)
    teksten: dict[str, str] = field(default_factory=dict)
    waarschuwingen: list[Invoerfout] = field(default_factory=list)


def check_values(o: Overeenkomst, raw: Mapping[str, Any]) -> Ingevuld:
    """The checked values of one agreement; raises `InvoerError` with every problem."""
    return check(o.spec, raw)


def condition_text(o: Overeenkomst, cond: Voorwaarde) -> str:
    """A condition in words a school reads, for the blank document's notes and --velden: "'Vergoeding' is: ja",
    "de leerling op 'Startdatum' jonger is dan 18 jaar" (a derived value has no label of its own)."""
    afgeleid = next((a for a in o.afgeleid if a.naam == cond.veld), None)
    if isinstance(afgeleid, AfgeleidFase):
        described = {f.naam: f.omschrijving for f in afgeleid.fasen} | {
            f.overgang: f.overgang_omschrijving for f in afgeleid.fasen if f.overgang and f.overgang_omschrijving
        }
        return " of als ".join(described[v] for v in cond.is_)
    if isinstance(afgeleid, AfgeleidJongerDan) and len(cond.is_) == 1:
        peildatum = next(v.label for v in o.velden if v.naam == afgeleid.peildatum)
        grens = o.spec["afgeleid"][o.afgeleid.index(afgeleid)]["grens"]
        younger = f"de leerling op '{peildatum}' jonger is dan {format_number(Decimal(grens or 0))} jaar"
        return younger if cond.is_ == ["ja"] else f"niet geldt dat {younger}"
    label = next((v.label for v in o.velden if v.naam == cond.veld), cond.veld.replace("_", " "))
    return f"'{label}' is: {' of '.join(cond.is_)}"


# --- Interpreting the spec -------------------------------------------------------------------------------------


def fill_in(template: str, values: Mapping[str, Any]) -> str:
    """`{naam}` replaced where `values` has it; every other brace stays as typed."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def _trim(text: str) -> str:
    return _EDGES.sub("", text)


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        value = int(value)  # a JSON number 1200.0 is 1200, as in a browser
    if isinstance(value, int | float | Decimal):
        return (f"{value:f}" if isinstance(value, Decimal) else str(value)).replace(".", ",")
    return "" if value is None else str(value)


def _lines(text: str) -> list[str]:
    return [line for line in (_trim(part) for part in _RE["regeleinde"].split(text)) if line]


def _empty(value: Any) -> bool:
    if isinstance(value, list):
        return not any(_lines(_as_text(item)) for item in value)
    return _trim(_as_text(value)) == ""


class _Refused(Exception):
    """A field's value is refused; the message names no field yet."""


def _check_characters(text: str) -> None:
    bad = _RE["verboden"].search(text)
    if bad:
        raise _Refused(fill_in(MELDINGEN["stuurteken"], {"code": f"U+{ord(bad.group()):04X}"}))


Parsed = tuple[Any, str]  # (stored value, display text)


def _parse(veld: VeldSpec, value: Any) -> Parsed:
    """(stored value, display text) of one non-empty value, or `_Refused`: the parser of the field's type."""
    if isinstance(value, dict):
        raise _Refused(MELDINGEN["een_waarde"])
    if veld["type"] == "lijst":
        return _list(value)
    if isinstance(value, list):
        raise _Refused(MELDINGEN["een_waarde"])
    return _PARSERS[veld["type"]](veld, _as_text(value))


def _list(value: Any) -> Parsed:
    items = [line for item in (value if isinstance(value, list) else [value]) for line in _lines(_as_text(item))]
    for item in items:
        _check_characters(item)
    return items, "\n".join(items)


def _text(veld: VeldSpec, text: str) -> Parsed:
    _check_characters(text)
    return text, ", ".join(_lines(text)) if _RE["regeleinde"].search(text) else text


def _yes_no(veld: VeldSpec, text: str) -> Parsed:
    trimmed = _trim(text).lower()
    if trimmed not in ("ja", "nee"):
        raise _Refused(fill_in(MELDINGEN["ja_nee"], {"waarde": text}))
    return trimmed, trimmed


def _choice(veld: VeldSpec, text: str) -> Parsed:
    trimmed = _trim(text)
    chosen = next((k for k in veld["keuzes"] if k.lower() == trimmed.lower()), None)
    if chosen is None:
        raise _Refused(fill_in(MELDINGEN["keuze"], {"keuzes": ", ".join(veld["keuzes"]), "waarde": trimmed}))
    return chosen, chosen


def _day(veld: VeldSpec, text: str) -> Parsed:
    trimmed = _trim(text)
    if not _RE["datum"].match(trimmed):
        raise _Refused(fill_in(MELDINGEN["datum"], {"waarde": trimmed}))
    day = _date(trimmed)
    if day is None:
        raise _Refused(fill_in(MELDINGEN["bestaat_niet"], {"waarde": trimmed}))
    return day, format_date(day)


def _time(veld: VeldSpec, text: str) -> Parsed:
    trimmed = _trim(text)
    match = _RE["tijd"].match(trimmed)
    if not match:
        raise _Refused(fill_in(MELDINGEN["tijd"], {"waarde": trimmed}))
    hours, minutes = int(match.group(1)), match.group(2)
    return f"{hours:02d}:{minutes}", f"{hours}.{minutes}"


def _date(text: str) -> date | None:
    match = _RE["datum"].match(text)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _days(veld: VeldSpec, text: str) -> Parsed:
    names = {alias: day[0] for day in WEEKDAGEN for alias in day}
    days: list[str] = []
    for word in _RE["dagen_scheiding"].split(_trim(text)):
        if word == "" or word.lower() == "en":
            continue
        day = names.get(word.lower())
        if day is None:
            raise _Refused(fill_in(MELDINGEN["dag"], {"woord": word}))
        if day in days:
            raise _Refused(fill_in(MELDINGEN["dag_dubbel"], {"dag": day}))
        days.append(day)
    outside = _outside(veld, Decimal(len(days)))
    if outside:
        key, shown, _ = outside
        raise _Refused(fill_in(MELDINGEN[f"dagen_{key}"], {"aantal": len(days), key: shown}))
    return days, days[0] if len(days) == 1 else f"{', '.join(days[:-1])} en {days[-1]}"


def _number(veld: VeldSpec, raw: str) -> Parsed:
    text = _trim(raw)
    decimalen = veld["decimalen"]
    match = _RE["getal"].match(text)
    if match is None:
        if _RE["punt_decimaal"].match(text):
            if decimalen:
                raise _Refused(
                    fill_in(MELDINGEN["punt_decimaal"], {"waarde": text, "voorbeeld": text.replace(".", ",")})
                )
            raise _Refused(fill_in(MELDINGEN["heel_getal"], {"waarde": text}))
        raise _Refused(fill_in(MELDINGEN["getal"], {"waarde": text}))
    sign, whole, frac = match.group(1), re.sub("[^0-9]", "", match.group(2)), match.group(3) or ""
    if frac and not decimalen:
        if len(frac) == 3 and len(whole) <= 3 and whole == match.group(2) and whole[0] != "0":
            meant = whole + frac
            values = {"waarde": text, "bedoeld": format_number(Decimal(sign + meant)), "kaal": str(int(sign + meant))}
            raise _Refused(fill_in(MELDINGEN["duizendtal"], values))
        raise _Refused(fill_in(MELDINGEN["heel_getal"], {"waarde": text}))
    if len(frac) > decimalen:
        raise _Refused(fill_in(MELDINGEN["decimalen"], {"aantal": decimalen, "waarde": text}))
    if len(whole.lstrip("0")) + len(frac) > MAX_DIGITS:
        raise _Refused(fill_in(MELDINGEN["te_lang"], {"waarde": text}))
    number = Decimal(f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}") + 0  # + 0: "-0" is 0
    outside = _outside(veld, number)
    if outside:
        key, shown, law = outside
        values = {key: shown, "waarde": format_number(number), "bron": f" ({law})" if law else ""}
        raise _Refused(fill_in(MELDINGEN[key], values))
    return (int(number) if not decimalen else number), format_number(number)


def _outside(veld: VeldSpec, number: Decimal) -> tuple[str, str, str] | None:
    """The declared bound `number` lies beyond: ("min" or "max", the bound as shown, the law it comes from)."""
    if veld["min"] is not None and number < Decimal(veld["min"]):
        return "min", veld["min_tekst"] or "", veld["min_bron"]
    if veld["max"] is not None and number > Decimal(veld["max"]):
        return "max", veld["max_tekst"] or "", veld["max_bron"]
    return None


# One parser per field type (`lijst` is handled before: it alone takes a list).
_PARSERS: dict[str, Callable[[VeldSpec, str], Parsed]] = {
    "tekst": _text,
    "ja/nee": _yes_no,
    "keuze": _choice,
    "datum": _day,
    "tijd": _time,
    "dagen": _days,
    "getal": _number,
}


def check(spec: Spec, raw: Mapping[str, Any]) -> Ingevuld:
    """Interpret an agreement's spec for raw values; raises `InvoerError` with every problem."""
    velden = {v["naam"]: v for v in spec["velden"]}
    fouten = [Invoerfout(naam, MELDINGEN["onbekend"]) for naam in raw if naam not in velden]
    result = Ingevuld()
    refused: dict[str, str] = {}
    parsed: dict[str, tuple[Any, str]] = {}
    for naam, veld in velden.items():
        value = raw.get(naam)
        if _empty(value):
            continue
        try:
            parsed[naam] = _parse(veld, value)
        except _Refused as exc:
            refused[naam] = fill_in(MELDINGEN["veld"], {"label": veld["label"], "melding": str(exc)})

    def counts(naam: str) -> bool:
        als = velden[naam]["als"]
        return als is None or (counts(als["veld"]) and parsed.get(als["veld"], (None,))[0] in als["is"])

    for naam, veld in velden.items():
        if not counts(naam):
            if naam in parsed or naam in refused:
                als = veld["als"]
                assert als is not None  # only a field with a condition can stop counting
                values = {
                    "label": veld["label"],
                    "voorwaarde": velden[als["veld"]]["label"],
                    "waarden": " of ".join(als["is"]),
                }
                result.waarschuwingen.append(Invoerfout(naam, fill_in(MELDINGEN["niet_gebruikt"], values)))
            result.teksten[naam] = ""
        elif naam in refused:
            fouten.append(Invoerfout(naam, refused[naam]))
        elif naam in parsed:
            result.waarden[naam], result.teksten[naam] = parsed[naam]
        else:
            result.teksten[naam] = ""
            if veld["verplicht"]:
                fouten.append(Invoerfout(naam, fill_in(MELDINGEN["verplicht"], {"label": veld["label"]})))
    troubled = {f.veld for f in fouten}
    for afgeleid in spec["afgeleid"]:
        _derive(afgeleid, result, troubled)
    for regel in spec["regels"]:
        for found in _rule(regel, result, troubled):
            if regel["ernst"] == "waarschuwing":
                result.waarschuwingen.append(found)
            else:
                fouten.append(found)
                troubled.add(found.veld)
    if fouten:
        order = {naam: i for i, naam in enumerate(velden)}  # unknown fields first, then as the form shows them
        raise InvoerError(sorted(fouten, key=lambda f: order.get(f.veld, -1)))
    return result


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _birthday(born: date, years: int) -> date:
    """The day the pupil turns `years` (29 February: 1 March in other years, as `_age` counts)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if rest:
        return fill_in(MELDINGEN["duur_minuten"], {"uren": hours, "minuten": rest})
    return fill_in(MELDINGEN["duur"], {"uren": hours})


def _derive(afgeleid: AfgeleidSpec, ingevuld: Ingevuld, troubled: set[str]) -> None:
    """Store one derived value (and its date text) when its inputs are there; otherwise it stays absent."""
    waarden, teksten = ingevuld.waarden, ingevuld.teksten
    inputs = [afgeleid["geboortedatum"], afgeleid["peildatum"], *([afgeleid["einddatum"]] if afgeleid["datum"] else [])]
    if afgeleid["datum"]:
        teksten[afgeleid["datum"]] = ""
    if any(n not in waarden or n in troubled for n in inputs):
        return
    born = waarden[afgeleid["geboortedatum"]]
    age = _age(born, waarden[afgeleid["peildatum"]])
    if afgeleid["soort"] == "jonger-dan":
        waarden[afgeleid["naam"]] = "ja" if age < Decimal(_declared(afgeleid["grens"])) else "nee"
        return
    fase = next(f for f in afgeleid["fasen"] if f["tot"] is None or age < Decimal(f["tot"]))
    turns = _birthday(born, int(Decimal(fase["tot"]))) if fase["overgang"] and fase["tot"] else None
    reached = turns is not None and turns <= waarden[_declared(afgeleid["einddatum"])]
    waarden[afgeleid["naam"]] = fase["overgang"] if reached else fase["naam"]
    if reached and turns:
        teksten[_declared(afgeleid["datum"])] = format_date(turns)


def _declared(value: str | None) -> str:
    """A key the spec has for this kind only (null for the others); the model requires it for this kind."""
    assert value is not None
    return value


@dataclass
class _Context:
    """What a rule reads: its declaration, the stored values and their display texts, the pupil's age."""

    regel: RegelSpec
    waarden: dict[str, Any]
    teksten: dict[str, str]
    troubled: set[str]

    @property
    def velden(self) -> list[str]:
        return list(self.regel["velden"])

    @property
    def age(self) -> int:
        return _age(
            self.waarden[_declared(self.regel["geboortedatum"])], self.waarden[_declared(self.regel["peildatum"])]
        )

    @property
    def melding(self) -> str:
        return _declared(self.regel["melding"])

    @property
    def band(self) -> GrensSpec | None:
        """The first age band whose `tot` is above the pupil's age, or has none (rules with `grenzen`)."""
        age = self.age
        return next((g for g in self.regel["grenzen"] if g["tot"] is None or age < Decimal(g["tot"])), None)

    def found(self, melding: str, **values: Any) -> list[Invoerfout]:
        shown = {"eerste": self.teksten.get(self.velden[0], ""), "tweede": self.teksten.get(self.velden[-1], "")}
        return [Invoerfout(self.regel["veld"], fill_in(melding, {**shown, **values}))]


def _after(c: _Context) -> list[Invoerfout]:
    first, second = c.velden
    return c.found(c.melding) if c.waarden[second] <= c.waarden[first] else []


def _at_most(c: _Context) -> list[Invoerfout]:
    first, second = c.velden
    return c.found(c.melding) if c.waarden[first] > c.waarden[second] else []


def _age_between(c: _Context) -> list[Invoerfout]:
    age, low, high = c.age, c.regel["min"], c.regel["max"]
    if (low is None or age >= Decimal(low)) and (high is None or age <= Decimal(high)):
        return []
    shown = {"min": format_number(Decimal(low or 0)), "max": format_number(Decimal(high or 0))}
    return c.found(c.melding, leeftijd=age, **shown)


def _required_if(c: _Context) -> list[Invoerfout]:
    als = _condition(c.regel)
    if c.waarden[als["veld"]] not in als["is"]:
        return []
    return [Invoerfout(n, c.melding) for n in c.velden if n not in c.waarden and n not in c.troubled]


def _condition(regel: RegelSpec) -> VoorwaardeSpec:
    assert regel["als"] is not None  # verplicht-als always has one (model)
    return regel["als"]


def _hours_per_day(c: _Context) -> list[Invoerfout]:
    band = c.band
    if band is None:
        return []
    minutes = _minutes_per_day(*(c.waarden[n] for n in c.velden))
    most = Decimal(_declared(band["max"]))
    if minutes <= most * 60:
        return []
    return c.found(band["melding"], leeftijd=c.age, uren=_duration(minutes), max=format_number(most))


def _no_day(c: _Context) -> list[Invoerfout]:
    band = c.band
    if band is None or band["dag"] is None or band["dag"] not in c.waarden[c.velden[0]]:
        return []
    return c.found(band["melding"], leeftijd=c.age, dag=band["dag"])


def _time_window(c: _Context) -> list[Invoerfout]:
    band = c.band
    if band is None:
        return []
    minutes = _clock(c.waarden[c.velden[0]])
    early = band["vroegst"] is not None and minutes < Decimal(band["vroegst"]) * 60
    late = band["laatst"] is not None and minutes > Decimal(band["laatst"]) * 60
    if not (early or late):
        return []
    hours = {key: _hour(band[key]) for key in ("vroegst", "laatst")}
    return c.found(band["melding"], leeftijd=c.age, **hours)


def _break(c: _Context) -> list[Invoerfout]:
    band = c.band
    if band is None or band["na"] is None or band["minuten"] is None:
        return []
    begin, einde, pauze = (c.waarden[n] for n in c.velden)
    work = _clock(einde) - _clock(begin) - pauze
    if work <= Decimal(band["na"]) * 60 or pauze >= Decimal(band["minuten"]):
        return []
    shown = {"na": format_number(Decimal(band["na"])), "minuten": format_number(Decimal(band["minuten"]))}
    return c.found(band["melding"], leeftijd=c.age, uren=_duration(work), **shown)


def _hour(hours: str | None) -> str:
    """A clock hour from the spec as a school writes it: "7" -> "7.00", "6.5" -> "6.30"."""
    if hours is None:
        return ""
    whole, rest = divmod(int(Decimal(hours) * 60), 60)
    return f"{whole}.{rest:02d}"


def _age_fields(regel: RegelSpec) -> list[str]:
    return [_declared(regel["geboortedatum"]), _declared(regel["peildatum"])]


# Per kind of rule: the values it reads (all must be stored, or derived, and have no problem yet) and its check.
_RULES: dict[str, tuple[Callable[[RegelSpec], list[str]], Callable[[_Context], list[Invoerfout]]]] = {
    "na": (lambda r: r["velden"], _after),
    "ten-hoogste": (lambda r: r["velden"], _at_most),
    "leeftijd": (_age_fields, _age_between),
    "verplicht-als": (lambda r: [_condition(r)["veld"]], _required_if),
    "uren-per-dag": (lambda r: [*r["velden"], *_age_fields(r)], _hours_per_day),
    "dag-niet": (lambda r: [*r["velden"], *_age_fields(r)], _no_day),
    "tijdvak": (lambda r: [*r["velden"], *_age_fields(r)], _time_window),
    "pauze": (lambda r: [*r["velden"], *_age_fields(r)], _break),
}


def _rule(regel: RegelSpec, ingevuld: Ingevuld, troubled: set[str]) -> list[Invoerfout]:
    """The problems one rule finds; a rule whose inputs are missing or in trouble says nothing."""
    inputs, run = _RULES[regel["soort"]]
    if any(n not in ingevuld.waarden or n in troubled for n in inputs(regel)):
        return []
    return run(_Context(regel, ingevuld.waarden, ingevuld.teksten, troubled))


def _minutes_per_day(begin: str, einde: str, pauze: int, klokuren: int, dagen: int) -> int:
    """The longer of one working day (begin to end, less the break) and the average over the days, in minutes."""
    day = _clock(einde) - _clock(begin) - pauze
    average = (Decimal(klokuren) * 60 / Decimal(dagen)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(day, int(average))


def _clock(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)
