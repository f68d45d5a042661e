"""The declared rules of an agreement, interpreted: typed values, display text, every problem at once.

Input: an `Overeenkomst` (its `velden` and `regels` in content/, bounds from content/parameters.yaml) and raw
values (JSON, YAML, CSV or the web form). `rule_spec` turns the declarations into plain JSON; `check` interprets
that JSON. The browser runs the same JSON through docs/javascripts/regels.js, and tests/gevallen/invoer.yaml holds
both to the same answers. Nothing is written when any error is found.

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
  30 minuten"), `dag-niet` (the band's `dag` is among the praktijkdagen).
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

from generators.inhoud.bronlabel import label
from generators.inhoud.formats import MONTHS, format_date, format_number
from generators.inhoud.model import (
    Afgeleid,
    AfgeleidFase,
    AfgeleidJongerDan,
    Grens,
    Overeenkomst,
    Regel,
    RegelDag,
    RegelUren,
    RegelVerplichtAls,
    Veld,
    Voorwaarde,
    derived_texts,
)
from generators.inhoud.problems import WmwmError

# Regular expressions, valid in Python `re` and in JavaScript `RegExp(..., "u")`; shipped in the spec.
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

_RE = {name: re.compile(pattern) for name, pattern in TEKENS.items()}
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


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
    return check(rule_spec(o), raw)


# --- The declarations as JSON ----------------------------------------------------------------------------------


def rule_spec(o: Overeenkomst) -> dict[str, Any]:
    """Fields, rules, messages and character classes as plain JSON: what both interpreters read."""
    return {
        "velden": [_field_spec(o, v) for v in o.velden],
        "afgeleid": [_derived_spec(o, a) for a in o.afgeleid],
        "regels": [_rule_spec(o, r) for r in o.regels],
        "meldingen": MELDINGEN,
        "tekens": TEKENS,
        "max_cijfers": MAX_DIGITS,
        "maanden": MONTHS,
        "weekdagen": WEEKDAGEN,
        "afgeleide_teksten": list(derived_texts(o)),
    }


def _resolve(o: Overeenkomst, grens: Grens | None) -> tuple[Decimal | None, str]:
    """A bound as a number, and the law it comes from (empty for a plain number or a reasoned parameter)."""
    if grens is None or isinstance(grens, Decimal):
        return grens, ""
    parameter = next(p for p in o.inhoud.parameters if p.id == grens)
    laws = [label(b, o.inhoud) for b in parameter.bronnen if b.is_law]
    return parameter.waarde, "; ".join(laws)


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
        younger = f"de leerling op '{peildatum}' jonger is dan {format_number(_resolve(o, afgeleid.grens)[0])} jaar"
        return younger if cond.is_ == ["ja"] else f"niet geldt dat {younger}"
    label = next((v.label for v in o.velden if v.naam == cond.veld), cond.veld.replace("_", " "))
    return f"'{label}' is: {' of '.join(cond.is_)}"


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _field_spec(o: Overeenkomst, veld: Veld) -> dict[str, Any]:
    item: dict[str, Any] = {
        "naam": veld.naam,
        "type": veld.type,
        "label": veld.label,
        "verplicht": veld.verplicht,
        "als": None if veld.als is None else {"veld": veld.als.veld, "is": list(veld.als.is_)},
        "keuzes": list(veld.keuzes),
        "decimalen": veld.decimalen,
    }
    for key in ("min", "max"):
        value, bron = _resolve(o, getattr(veld, key))
        item[key] = _plain(value)
        item[f"{key}_tekst"] = None if value is None else format_number(value)
        item[f"{key}_bron"] = bron
    return item


def _rule_spec(o: Overeenkomst, regel: Regel) -> dict[str, Any]:
    def number(grens: Grens | None) -> str | None:
        return _plain(_resolve(o, grens)[0])

    spec: dict[str, Any] = {"soort": regel.soort, "velden": regel.velden, "veld": regel.genoemd, "ernst": regel.ernst}
    # every key for every kind (null where a kind has none), so both interpreters read one shape
    for key in ("melding", "geboortedatum", "peildatum"):
        spec[key] = getattr(regel, key, None)
    for key in ("min", "max"):
        spec[key] = number(getattr(regel, key, None))
    als = regel.als if isinstance(regel, RegelVerplichtAls) else None
    spec["als"] = None if als is None else {"veld": als.veld, "is": list(als.is_)}
    grenzen = regel.grenzen if isinstance(regel, RegelUren | RegelDag) else []
    spec["grenzen"] = [
        {
            "tot": number(g.tot),
            "max": number(getattr(g, "max", None)),
            "dag": getattr(g, "dag", None),
            "melding": g.melding,
        }
        for g in grenzen
    ]
    return spec


def _derived_spec(o: Overeenkomst, afgeleid: Afgeleid) -> dict[str, Any]:
    fase = afgeleid if isinstance(afgeleid, AfgeleidFase) else None
    return {
        "soort": afgeleid.soort,
        "naam": afgeleid.naam,
        "geboortedatum": afgeleid.geboortedatum,
        "peildatum": afgeleid.peildatum,
        "grens": _plain(_resolve(o, afgeleid.grens)[0]) if isinstance(afgeleid, AfgeleidJongerDan) else None,
        "einddatum": fase.einddatum if fase else None,
        "datum": fase.datum if fase else None,
        "fasen": [{"naam": f.naam, "tot": _plain(_resolve(o, f.tot)[0]), "overgang": f.overgang} for f in fase.fasen]
        if fase
        else [],
    }


# --- Interpreting the spec -------------------------------------------------------------------------------------


def fill_in(template: str, values: Mapping[str, Any]) -> str:
    """`{naam}` replaced where `values` has it; every other brace stays as typed."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def _trim(text: str) -> str:
    return re.sub(f"^(?:{TEKENS['witruimte']})+|(?:{TEKENS['witruimte']})+$", "", text)


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


def _parse(veld: Mapping[str, Any], value: Any) -> Parsed:
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


def _text(veld: Mapping[str, Any], text: str) -> Parsed:
    _check_characters(text)
    return text, ", ".join(_lines(text)) if _RE["regeleinde"].search(text) else text


def _yes_no(veld: Mapping[str, Any], text: str) -> Parsed:
    trimmed = _trim(text).lower()
    if trimmed not in ("ja", "nee"):
        raise _Refused(fill_in(MELDINGEN["ja_nee"], {"waarde": text}))
    return trimmed, trimmed


def _choice(veld: Mapping[str, Any], text: str) -> Parsed:
    trimmed = _trim(text)
    chosen = next((k for k in veld["keuzes"] if k.lower() == trimmed.lower()), None)
    if chosen is None:
        raise _Refused(fill_in(MELDINGEN["keuze"], {"keuzes": ", ".join(veld["keuzes"]), "waarde": trimmed}))
    return chosen, chosen


def _day(veld: Mapping[str, Any], text: str) -> Parsed:
    trimmed = _trim(text)
    if not _RE["datum"].match(trimmed):
        raise _Refused(fill_in(MELDINGEN["datum"], {"waarde": trimmed}))
    day = _date(trimmed)
    if day is None:
        raise _Refused(fill_in(MELDINGEN["bestaat_niet"], {"waarde": trimmed}))
    return day, format_date(day)


def _time(veld: Mapping[str, Any], text: str) -> Parsed:
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


def _days(veld: Mapping[str, Any], text: str) -> Parsed:
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
    for key, outside in (("min", int.__lt__), ("max", int.__gt__)):
        if veld[key] is not None and outside(len(days), int(veld[key])):
            raise _Refused(fill_in(MELDINGEN[f"dagen_{key}"], {"aantal": len(days), key: veld[f"{key}_tekst"]}))
    return days, days[0] if len(days) == 1 else f"{', '.join(days[:-1])} en {days[-1]}"


def _number(veld: Mapping[str, Any], raw: str) -> Parsed:
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
    for key, outside in (("min", number.__lt__), ("max", number.__gt__)):
        bound = veld[key]
        if bound is not None and outside(Decimal(bound)):
            bron = f" ({veld[key + '_bron']})" if veld[key + "_bron"] else ""
            values = {key: veld[f"{key}_tekst"], "waarde": format_number(number), "bron": bron}
            raise _Refused(fill_in(MELDINGEN[key], values))
    return (int(number) if not decimalen else number), format_number(number)


# One parser per field type (`lijst` is handled before: it alone takes a list).
_PARSERS: dict[str, Callable[[Mapping[str, Any], str], Parsed]] = {
    "tekst": _text,
    "ja/nee": _yes_no,
    "keuze": _choice,
    "datum": _day,
    "tijd": _time,
    "dagen": _days,
    "getal": _number,
}


def check(spec: Mapping[str, Any], raw: Mapping[str, Any]) -> Ingevuld:
    """Interpret the spec of `rule_spec` for raw values; raises `InvoerError` with every problem."""
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


def _band(grenzen: list[Mapping[str, Any]], age: int) -> Mapping[str, Any] | None:
    return next((g for g in grenzen if g["tot"] is None or age < Decimal(g["tot"])), None)


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if rest:
        return fill_in(MELDINGEN["duur_minuten"], {"uren": hours, "minuten": rest})
    return fill_in(MELDINGEN["duur"], {"uren": hours})


def _derive(afgeleid: Mapping[str, Any], ingevuld: Ingevuld, troubled: set[str]) -> None:
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
        waarden[afgeleid["naam"]] = "ja" if age < Decimal(afgeleid["grens"]) else "nee"
        return
    fase = next(f for f in afgeleid["fasen"] if f["tot"] is None or age < Decimal(f["tot"]))
    turns = _birthday(born, int(Decimal(fase["tot"]))) if fase["overgang"] else None
    reached = turns is not None and turns <= waarden[afgeleid["einddatum"]]
    waarden[afgeleid["naam"]] = fase["overgang"] if reached else fase["naam"]
    if reached and turns:
        teksten[afgeleid["datum"]] = format_date(turns)


@dataclass
class _Context:
    """What a rule reads: its declaration, the stored values and their display texts, the pupil's age."""

    regel: Mapping[str, Any]
    waarden: dict[str, Any]
    teksten: dict[str, str]
    troubled: set[str]

    @property
    def velden(self) -> list[str]:
        return list(self.regel["velden"])

    @property
    def age(self) -> int:
        return _age(self.waarden[self.regel["geboortedatum"]], self.waarden[self.regel["peildatum"]])

    def found(self, melding: str, **values: Any) -> list[Invoerfout]:
        shown = {"eerste": self.teksten.get(self.velden[0], ""), "tweede": self.teksten.get(self.velden[-1], "")}
        return [Invoerfout(self.regel["veld"], fill_in(melding, {**shown, **values}))]


def _after(c: _Context) -> list[Invoerfout]:
    first, second = c.velden
    return c.found(c.regel["melding"]) if c.waarden[second] <= c.waarden[first] else []


def _at_most(c: _Context) -> list[Invoerfout]:
    first, second = c.velden
    return c.found(c.regel["melding"]) if c.waarden[first] > c.waarden[second] else []


def _age_between(c: _Context) -> list[Invoerfout]:
    age, low, high = c.age, c.regel["min"], c.regel["max"]
    if (low is None or age >= Decimal(low)) and (high is None or age <= Decimal(high)):
        return []
    shown = {"min": format_number(Decimal(low or 0)), "max": format_number(Decimal(high or 0))}
    return c.found(c.regel["melding"], leeftijd=age, **shown)


def _required_if(c: _Context) -> list[Invoerfout]:
    als = c.regel["als"]
    if c.waarden[als["veld"]] not in als["is"]:
        return []
    return [Invoerfout(n, c.regel["melding"]) for n in c.velden if n not in c.waarden and n not in c.troubled]


def _hours_per_day(c: _Context) -> list[Invoerfout]:
    age = c.age
    band = _band(c.regel["grenzen"], age)
    if band is None:
        return []
    minutes = _minutes_per_day(*(c.waarden[n] for n in c.velden))
    if minutes <= Decimal(band["max"]) * 60:
        return []
    return c.found(band["melding"], leeftijd=age, uren=_duration(minutes), max=format_number(Decimal(band["max"])))


def _no_day(c: _Context) -> list[Invoerfout]:
    age = c.age
    band = _band(c.regel["grenzen"], age)
    if band is None or band["dag"] is None or band["dag"] not in c.waarden[c.velden[0]]:
        return []
    return c.found(band["melding"], leeftijd=age, dag=band["dag"])


def _age_fields(regel: Mapping[str, Any]) -> list[str]:
    return [regel["geboortedatum"], regel["peildatum"]]


# Per kind of rule: the values it reads (all must be stored, or derived, and have no problem yet) and its check.
_RULES: dict[str, tuple[Callable[[Mapping[str, Any]], list[str]], Callable[[_Context], list[Invoerfout]]]] = {
    "na": (lambda r: r["velden"], _after),
    "ten-hoogste": (lambda r: r["velden"], _at_most),
    "leeftijd": (_age_fields, _age_between),
    "verplicht-als": (lambda r: [r["als"]["veld"]], _required_if),
    "uren-per-dag": (lambda r: [*r["velden"], *_age_fields(r)], _hours_per_day),
    "dag-niet": (lambda r: [*r["velden"], *_age_fields(r)], _no_day),
}


def _rule(regel: Mapping[str, Any], ingevuld: Ingevuld, troubled: set[str]) -> list[Invoerfout]:
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
