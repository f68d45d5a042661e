"""Many tailored agreements from one CSV file: one DOCX per valid row.

Input: an `Overeenkomst`, a CSV (header = field names), an output folder.
Output: DOCX files with safe, unique names, and a report of rows that were
skipped with their row number and field.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generators.inhoud.model import Overeenkomst
from generators.overeenkomsten.documenten import Agreements
from generators.overeenkomsten.regels import InvoerError, Invoerfout, check_values


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    failed: dict[int, list[Invoerfout]] = field(default_factory=dict)
    warned: dict[int, list[Invoerfout]] = field(default_factory=dict)  # written, but with a warning


def read_rows(csv_path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as a spreadsheet shows it, values); the header is row 1."""
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            yield number, {k: v for k, v in row.items() if k is not None and v is not None}


def safe_name(text: str, limit: int = 60) -> str:
    """A file name part that is safe on Windows, macOS and Linux."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].strip("-")


def name_field(o: Overeenkomst) -> str | None:
    names = [v.naam for v in o.velden if v.type == "tekst"]
    preferred = [n for n in names if "leerling" in n and "naam" in n] or [n for n in names if "naam" in n] or names
    return preferred[0] if preferred else None


def run_batch(
    builder: Agreements,
    o: Overeenkomst,
    csv_path: Path,
    out_dir: Path,
    progress: Callable[[int], None] = lambda _: None,
) -> BatchResult:
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BatchResult()
    label_field = name_field(o)
    for number, row in read_rows(csv_path):
        try:
            waarschuwingen = check_values(o, row).waarschuwingen
            data = builder.tailored(o, row)
        except InvoerError as exc:
            result.failed[number] = exc.fouten
        else:
            part = safe_name(row.get(label_field, "")) if label_field else ""
            path = out_dir / f"{o.id}-rij-{number:05d}{'-' + part if part else ''}.docx"
            path.write_bytes(data)
            result.written.append(path)
            if waarschuwingen:
                result.warned[number] = waarschuwingen
        progress(number)
    return result
