"""Check and format the values a school fills into an agreement.

Input: an `Overeenkomst` and raw values (from JSON, YAML, CSV or the web
form). Output: either the display text per field, ready to be filled into
the DOCX, or a list of `Invoerfout`s in Dutch naming the field. Nothing is
written before this has passed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from generators.inhoud.formats import format_date, format_number
from generators.inhoud.model import Overeenkomst, Veld, Voorwaarde

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Every message about a value, in one place: the web form (`webform`) ships these same templates to the browser.
MELDINGEN = {
    "verplicht": "'{label}' is verplicht",
    "ja_nee": "moet 'ja' of 'nee' zijn, niet '{waarde}'",
    "keuze": "moet een van deze keuzes zijn: {keuzes}; niet '{waarde}'",
    "datum": "is geen geldige datum: '{waarde}' (schrijf JJJJ-MM-DD, bijvoorbeeld 2026-09-01)",
    "getal": "is geen getal: '{waarde}'",
    "min": "moet ten minste {min} zijn, niet {waarde}",
    "max": "mag ten hoogste {max} zijn, niet {waarde}",
    "stuurteken": "bevat een onzichtbaar stuurteken ({code}) dat niet in een Word-bestand kan; verwijder het",
    "veld": "'{label}' {melding}",
}


@dataclass(frozen=True)
class Invoerfout:
    veld: str
    melding: str

    def __str__(self) -> str:
        return f"{self.veld}: {self.melding}"


@dataclass(frozen=True)
class Ingevuld:
    """Checked values: `waarden` normalised (conditions decide on these), `teksten` as the document shows them."""

    waarden: dict[str, Any]
    teksten: dict[str, str]


class InvoerError(Exception):
    def __init__(self, fouten: list[Invoerfout]) -> None:
        self.fouten = fouten
        super().__init__("; ".join(str(f) for f in fouten))


def condition_holds(cond: Voorwaarde | None, raw: Mapping[str, Any]) -> bool:
    return cond is None or switch_value(raw.get(cond.veld)) in cond.is_


def switch_value(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return "" if value is None else str(value).strip()


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "") or (isinstance(value, list) and not value)


def check_values(o: Overeenkomst, raw: Mapping[str, Any]) -> Ingevuld:
    """Normalised values and display text per field name; raises `InvoerError` with every problem."""
    fouten: list[Invoerfout] = []
    velden = {v.naam: v for v in o.velden}
    for naam in raw:
        if naam not in velden:
            fouten.append(Invoerfout(naam, "onbekend veld; zie 'wmwm overeenkomst <id> --velden' voor de veldnamen"))
    parsed: dict[str, Any] = {}
    shown: dict[str, str] = {}
    for veld in o.velden:
        value = raw.get(veld.naam)
        active = condition_holds(veld.als, raw)
        if _empty(value):
            if veld.verplicht and active:
                fouten.append(Invoerfout(veld.naam, MELDINGEN["verplicht"].format(label=veld.label)))
            shown[veld.naam] = ""
            continue
        try:
            parsed[veld.naam], shown[veld.naam] = _parse(veld, value)
        except ValueError as exc:
            fouten.append(Invoerfout(veld.naam, MELDINGEN["veld"].format(label=veld.label, melding=exc)))
    fouten += _rules(o, parsed)
    if fouten:
        raise InvoerError(fouten)
    waarden = {naam: ("ja" if v else "nee") if isinstance(v, bool) else v for naam, v in parsed.items()}
    return Ingevuld(waarden | _outcomes(o, parsed), shown)


def _parse(veld: Veld, value: Any) -> tuple[Any, str]:
    if veld.type == "lijst":
        items = value if isinstance(value, list) else str(value).split(";")
        items = [str(i).strip() for i in items if str(i).strip()]
        for item in items:
            _check_text(item)
        return items, "\n".join(items)
    if veld.type == "ja/nee":
        text = switch_value(value).lower()
        if text not in ("ja", "nee"):
            raise ValueError(MELDINGEN["ja_nee"].format(waarde=value))
        return text == "ja", text
    text = str(value) if not isinstance(value, str) else value
    if veld.type == "tekst":
        _check_text(text)
        return text, text
    text = text.strip()
    if veld.type == "keuze":
        if text not in veld.keuzes:
            raise ValueError(MELDINGEN["keuze"].format(keuzes=", ".join(veld.keuzes), waarde=text))
        return text, text
    if veld.type == "datum":
        try:
            day = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
        except ValueError:
            day = None
        if day is None:
            raise ValueError(MELDINGEN["datum"].format(waarde=text))
        return day, format_date(day)
    try:  # getal
        number = Decimal(text.replace(",", ".")) if re.fullmatch(r"-?\d+([.,]\d+)?", text) else None
    except InvalidOperation:
        number = None
    if number is None:
        raise ValueError(MELDINGEN["getal"].format(waarde=text))
    if veld.min is not None and number < veld.min:
        raise ValueError(MELDINGEN["min"].format(min=format_number(veld.min), waarde=format_number(number)))
    if veld.max is not None and number > veld.max:
        raise ValueError(MELDINGEN["max"].format(max=format_number(veld.max), waarde=format_number(number)))
    return number, format_number(number)


def _check_text(text: str) -> None:
    bad = XML_INVALID.search(text)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise ValueError(MELDINGEN["stuurteken"].format(code=code))


def _rules(o: Overeenkomst, parsed: Mapping[str, Any]) -> list[Invoerfout]:
    fouten = []
    for regel in o.regels:
        if regel.soort == "na":
            first, second = (parsed.get(n) for n in regel.velden[:2])
            if isinstance(first, date) and isinstance(second, date) and second <= first:
                fouten.append(Invoerfout(regel.velden[1], regel.melding))
        elif regel.soort == "verplicht-als-minderjarig":
            born = parsed.get(regel.geboortedatum or "")
            on = parsed.get(regel.peildatum or "")
            if isinstance(born, date) and isinstance(on, date) and _age(born, on) < 18:
                fouten += [Invoerfout(n, regel.melding) for n in regel.velden if _empty(parsed.get(n))]
    return fouten


def _outcomes(o: Overeenkomst, parsed: Mapping[str, Any]) -> dict[str, str]:
    """The ja/nee waarden rules settle, such as whether the pupil is a minor at the start."""
    out = {}
    for regel in o.regels:
        born, on = parsed.get(regel.geboortedatum or ""), parsed.get(regel.peildatum or "")
        if regel.uitkomst and isinstance(born, date) and isinstance(on, date):
            out[regel.uitkomst] = "ja" if _age(born, on) < 18 else "nee"
    return out


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
