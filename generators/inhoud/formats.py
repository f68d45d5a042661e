"""Dutch notation for numbers and dates: one place, so the site, the DOCX and the browser form write them alike."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]  # fmt: skip


def format_number(value: Decimal | None) -> str:
    """Dutch notation: 1.234,5 ; empty cell -> en dash."""
    if value is None:
        return "–"
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + (f",{frac}" if frac else "")


def format_date(value: date) -> str:
    """Long Dutch date as in a contract: 1 augustus 2026."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_date_short(value: date) -> str:
    """Short Dutch date as the site shows versions and peildatum: 1-8-2026."""
    return f"{value.day}-{value.month}-{value.year}"


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """'1 fout', '2 fouten': a count with the word in the right number."""
    return f"{format_number(Decimal(n))} {enkelvoud if n == 1 else meervoud}"
