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
- `datum`: trimmed, JJJJ-MM-DD, a real calendar day; shown as "1 september 2026".
- `getal`: trimmed; ASCII digits only; an optional "-"; thousands grouped with "." or a space ("1.200", "1 200");
  decimals after "," only where the field declares `decimalen`. "1,200" in a whole-number field is refused with
  what was probably meant (1.200). Bounds `min`/`max` (a number or a parameter) are checked; stored as int (whole
  field) or Decimal; shown in Dutch notation (`formats.format_number`), decimals as typed.
- A field with `als` counts only while the field it names counts and has one of the listed values (after
  normalising). A field that does not count is not stored; if it was filled in, a warning says it is not used.
  A required field that counts and is empty is an error.
- Errors are listed in this order: unknown fields, then per field in declared order, then the rules in declared
  order. A rule runs only when every field it reads is stored and has no problem yet; a field a rule reports on
  then has a problem, so later rules skip it (a birth date after the start gives one message, not three).
  `ernst: waarschuwing` rules only warn. Messages fill `{naam}` placeholders; other braces stay as typed.
- Rules: `na` (second date strictly after the first), `ten-hoogste` (first number <= second), `leeftijd` (whole
  years from `geboortedatum` to `peildatum` within `min`..`max`), `verplicht-als-minderjarig` (younger than
  `grens`: the listed fields are required; one message, on the first empty one; its `uitkomst`, if named, is stored
  as "ja"/"nee" so conditions can use it), `uren-per-dag` (hours per day =
  the larger of klokuren / dagen and the longest "begin tot eind" span of times like 8.00 or 16:30 in the
  werktijden text, taken in pairs; above the `max` of the first age band in `grenzen` whose `tot` exceeds the age).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from generators.inhoud.bronlabel import label
from generators.inhoud.formats import MONTHS, format_date, format_number
from generators.inhoud.model import Grens, Overeenkomst, Regel, RegelMinderjarig, RegelUren, Veld

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
    "tijd": r"(?<![0-9])([01]?[0-9]|2[0-3])[.:]([0-5][0-9])(?![0-9])",
}
MAX_DIGITS = 15  # more digits than a person types in a contract; also what a browser number holds exactly

MELDINGEN = {
    "onbekend": "onbekend veld; zie 'wmwm overeenkomst <id> --velden' voor de veldnamen",
    "verplicht": "'{label}' is verplicht",
    "veld": "'{label}' {melding}",
    "een_waarde": "verwacht één waarde, geen lijst",
    "ja_nee": "moet 'ja' of 'nee' zijn, niet '{waarde}'",
    "keuze": "moet een van deze keuzes zijn: {keuzes}; niet '{waarde}'",
    "datum": "is geen geldige datum: '{waarde}' (schrijf JJJJ-MM-DD, bijvoorbeeld 2026-09-01)",
    "getal": "is geen getal: '{waarde}'",
    "heel_getal": "moet een heel getal zijn, niet '{waarde}'",
    "duizendtal": (
        "moet een heel getal zijn, niet '{waarde}'; bedoel je {bedoeld}? Schrijf dan {bedoeld} of {kaal}"
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


class InvoerError(Exception):
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
        "regels": [_rule_spec(o, r) for r in o.regels],
        "meldingen": MELDINGEN,
        "tekens": TEKENS,
        "max_cijfers": MAX_DIGITS,
        "maanden": MONTHS,
    }


def _resolve(o: Overeenkomst, grens: Grens | None) -> tuple[Decimal | None, str]:
    """A bound as a number, and the law it comes from (empty for a plain number or a reasoned parameter)."""
    if grens is None or isinstance(grens, Decimal):
        return grens, ""
    parameter = next(p for p in o.inhoud.parameters if p.id == grens)
    laws = [label(b, o.inhoud) for b in parameter.bronnen if b.is_law]
    return parameter.waarde, "; ".join(laws)


def minor_text(o: Overeenkomst, regel: RegelMinderjarig) -> str:
    """A 'verplicht-als-minderjarig' rule in words, for notes and --velden: "de leerling op 'Startdatum' jonger is
    dan 18 jaar" (a derived outcome has no label of its own)."""
    peildatum = next(v.label for v in o.velden if v.naam == regel.peildatum)
    return f"de leerling op '{peildatum}' jonger is dan {format_number(_resolve(o, regel.grens)[0])} jaar"


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
    for key in ("melding", "geboortedatum", "peildatum", "uitkomst"):
        spec[key] = getattr(regel, key, None)
    for key in ("min", "max", "grens"):
        spec[key] = number(getattr(regel, key, None))
    grenzen = regel.grenzen if isinstance(regel, RegelUren) else []
    spec["grenzen"] = [{"tot": number(g.tot), "max": number(g.max), "melding": g.melding} for g in grenzen]
    return spec


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


class _Refused(ValueError):
    """A field's value is refused; the message names no field yet."""


def _check_characters(text: str) -> None:
    bad = _RE["verboden"].search(text)
    if bad:
        raise _Refused(fill_in(MELDINGEN["stuurteken"], {"code": f"U+{ord(bad.group()):04X}"}))


def _parse(veld: Mapping[str, Any], value: Any) -> tuple[Any, str]:
    """(stored value, display text) of one non-empty value, or `_Refused`."""
    kind = veld["type"]
    if isinstance(value, dict):
        raise _Refused(MELDINGEN["een_waarde"])
    if kind == "lijst":
        items = [line for item in (value if isinstance(value, list) else [value]) for line in _lines(_as_text(item))]
        for item in items:
            _check_characters(item)
        return items, "\n".join(items)
    if isinstance(value, list):
        raise _Refused(MELDINGEN["een_waarde"])
    text = _as_text(value)
    if kind == "tekst":
        _check_characters(text)
        return text, ", ".join(_lines(text)) if _RE["regeleinde"].search(text) else text
    trimmed = _trim(text)
    if kind == "ja/nee":
        if trimmed.lower() not in ("ja", "nee"):
            raise _Refused(fill_in(MELDINGEN["ja_nee"], {"waarde": text}))
        return trimmed.lower(), trimmed.lower()
    if kind == "keuze":
        chosen = next((k for k in veld["keuzes"] if k.lower() == trimmed.lower()), None)
        if chosen is None:
            raise _Refused(fill_in(MELDINGEN["keuze"], {"keuzes": ", ".join(veld["keuzes"]), "waarde": trimmed}))
        return chosen, chosen
    if kind == "datum":
        day = _date(trimmed)
        if day is None:
            raise _Refused(fill_in(MELDINGEN["datum"], {"waarde": trimmed}))
        return day, format_date(day)
    return _number(veld, trimmed)


def _date(text: str) -> date | None:
    match = _RE["datum"].match(text)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _number(veld: Mapping[str, Any], text: str) -> tuple[Any, str]:
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
    for regel in spec["regels"]:
        found = _rule(regel, result, troubled)
        if found is None:
            continue
        if regel["ernst"] == "waarschuwing":
            result.waarschuwingen.append(found)
        else:
            fouten.append(found)
            troubled.add(found.veld)
    if fouten:
        raise InvoerError(fouten)
    return result


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _rule(regel: Mapping[str, Any], ingevuld: Ingevuld, troubled: set[str]) -> Invoerfout | None:
    """The problem one rule finds, or None; a rule whose inputs are missing or in trouble says nothing."""
    soort, velden, waarden, teksten = regel["soort"], regel["velden"], ingevuld.waarden, ingevuld.teksten
    leeftijd_velden = [n for n in (regel["geboortedatum"], regel["peildatum"]) if n]
    inputs = {
        "na": velden,
        "ten-hoogste": velden,
        "leeftijd": leeftijd_velden,
        "verplicht-als-minderjarig": leeftijd_velden,
        "uren-per-dag": [*velden[:2], *leeftijd_velden],
    }[soort]
    if any(n not in waarden or n in troubled for n in inputs):
        return None
    age = _age(waarden[regel["geboortedatum"]], waarden[regel["peildatum"]]) if leeftijd_velden else 0
    melding, values = regel["melding"], {"eerste": teksten[velden[0]], "tweede": teksten[velden[-1]], "leeftijd": age}
    if soort == "na":
        wrong = waarden[velden[1]] <= waarden[velden[0]]
    elif soort == "ten-hoogste":
        wrong = waarden[velden[0]] > waarden[velden[1]]
    elif soort == "leeftijd":
        values.update(min=format_number(Decimal(regel["min"])), max=format_number(Decimal(regel["max"])))
        wrong = not Decimal(regel["min"]) <= age <= Decimal(regel["max"])
    elif soort == "verplicht-als-minderjarig":
        missing = [n for n in velden if n not in waarden and n not in troubled]
        values["grens"] = format_number(Decimal(regel["grens"]))
        if regel["uitkomst"]:
            waarden[regel["uitkomst"]] = "ja" if age < Decimal(regel["grens"]) else "nee"
        if age < Decimal(regel["grens"]) and missing:
            return Invoerfout(missing[0], fill_in(melding, values))
        return None
    else:  # uren-per-dag
        band = next(g for g in regel["grenzen"] if g["tot"] is None or age < Decimal(g["tot"]))
        tenths = _tenths_per_day(
            waarden[velden[0]], waarden[velden[1]], waarden.get(velden[2], "") if len(velden) > 2 else ""
        )
        melding = band["melding"]
        values.update(uren=format_number(Decimal(tenths) / 10), max=format_number(Decimal(band["max"])))
        wrong = Decimal(tenths) / 10 > Decimal(band["max"])
    return Invoerfout(regel["veld"], fill_in(melding, values)) if wrong else None


def _tenths_per_day(klokuren: Decimal | int, dagen: Decimal | int, werktijden: str) -> int:
    """Hours per day in tenths (half up): the larger of the average and the longest span in the werktijden."""
    average = (Decimal(klokuren) * 10 / Decimal(dagen)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    times = [int(h) * 60 + int(m) for h, m in _RE["tijd"].findall(werktijden)]
    spans = [end - begin for begin, end in zip(times[::2], times[1::2], strict=False) if end > begin]
    longest = (Decimal(max(spans, default=0)) / 6).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(max(average, longest))
