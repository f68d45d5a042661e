"""Valid values for any agreement, built from its field definitions (shared by tests and the benchmark)."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generators.inhoud.model import Overeenkomst

HOSTILE = [
    '& <b>x</b> *y* _z_ [a](b) | "q" ‘q’ {{ x }} <w:t>x</w:t>',
    "Ş̌çhøøl 🏫 مدرسة النور # {x} ~~doorgestreept~~ `code` \\backslash",
    "regel één\nregel twee\r\nregel drie",
    "lang " + "abcdefghij" * 500,
]


def valid_values(o: Overeenkomst, text: str | list[str] = "Waarde") -> dict[str, Any]:
    """One valid value per field; `text` (or one per tekst field, cycling) for every tekst field."""
    texts = [text] if isinstance(text, str) else text
    values: dict[str, Any] = {}
    day = date(2026, 9, 1)
    n_text = 0
    for veld in o.velden:
        if veld.type == "tekst":
            values[veld.naam] = texts[n_text % len(texts)]
            n_text += 1
        elif veld.type == "datum":
            if "geboor" in veld.naam:
                values[veld.naam] = "2011-03-15"
            else:
                values[veld.naam] = day.isoformat()
                day += timedelta(days=300)
        elif veld.type == "getal":
            low = veld.min if veld.min is not None else 1
            values[veld.naam] = str(int(low) if low == int(low) else low)
        elif veld.type == "keuze":
            values[veld.naam] = veld.keuzes[0]
        elif veld.type == "ja/nee":
            values[veld.naam] = "ja"
        else:  # lijst
            values[veld.naam] = [texts[0], "tweede item"]
    return values


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """Rows as a CSV the batch command reads: header = field names, list items joined by ';'."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
