"""Many tailored agreements from one table (CSV here, XLSX in the browser): one DOCX per valid row.

Input: an `Overeenkomst`, the rows of a filled-in file (first row = column headers), an output folder.
Output: DOCX files named after the pupil (safe, unique), an overview, and the rows that were skipped with their
row number and column. `INVULBESTAND` declares the column headers, row messages and file names once; the site ships
it to the browser (`docs/javascripts/meerdere.js`), so the CLI and the page say exactly the same about the same file.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generators.inhoud.model import Overeenkomst, RegelMetLeeftijd, Veld
from generators.inhoud.problems import BestandError
from generators.overeenkomsten.documenten import Agreements
from generators.overeenkomsten.regels import InvoerError, Invoerfout, check_values, rule_spec

# A count in the right number ("1 overeenkomst", "2 rijen"); shipped to the browser with INVULBESTAND.
AANTALLEN = {"overeenkomst": ("overeenkomst", "overeenkomsten"), "rij": ("rij", "rijen")}

# Read by both this module and the browser (spec.json): one format for headers, messages and names.
INVULBESTAND = {
    "kolomkop": "{label} ({naam})",
    # A header names a field by its bare name or by the name in brackets at the end ("Label (naam)").
    "kolomnaam": r"([a-z][a-z0-9_]*)|.*\(([a-z][a-z0-9_]*)\)",
    "kolom_zonder_kop": "kolom {nummer}",
    "rij": "Rij {rij}, {kolom}: {melding}",
    "let_op": "Let op: Rij {rij}, {kolom}: {melding}",
    "gemaakt": "Rij {rij}: {bestand}",
    "overzicht": "Gemaakt: {gemaakt}\nOvergeslagen: {overgeslagen}",
    "bestand": "{naam}.docx",
    "bestand_dubbel": "{naam}-{volgnummer}.docx",
    "zonder_naam": "{id}-rij-{rij}",
    "overzicht_bestand": "overzicht.txt",
    "geen_utf8": "het bestand is geen UTF-8-tekst; sla het op als 'CSV UTF-8' of als Excel-bestand (.xlsx)",
    "geen_csv": 'het bestand is geen geldig CSV-bestand: een aanhalingsteken (") staat op een verkeerde plek',
    "geen_kop": "het bestand is leeg: de eerste rij moet de kolomkoppen bevatten",
    "voorbeeld_tekst": "Voorbeeld",
    "voorbeeld_lijst": "eerste onderdeel\ntweede onderdeel",
    "voorbeeld_dagen": "dinsdag en donderdag",
}
SAFE_NAME_LIMIT = 60


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    made: dict[int, str] = field(default_factory=dict)  # row number -> file name
    failed: dict[int, list[str]] = field(default_factory=dict)  # row number -> messages, INVULBESTAND["rij"]
    warned: dict[int, list[str]] = field(default_factory=dict)  # made, with warnings (INVULBESTAND["let_op"])

    def overview(self) -> str:
        """The text of overzicht.txt: counts, then one line per made file and per problem, in row order."""
        lines = [INVULBESTAND["overzicht"].format(gemaakt=len(self.made), overgeslagen=len(self.failed))]
        lines += [INVULBESTAND["gemaakt"].format(rij=rij, bestand=naam) for rij, naam in self.made.items()]
        lines += [melding for meldingen in self.failed.values() for melding in meldingen]
        lines += [melding for meldingen in self.warned.values() for melding in meldingen]
        return "\n".join(lines) + "\n"


class TabelError(Exception):
    """A table's text is not what a filled-in file holds; `read_rows` names the file in a `BestandError`."""


def read_table(path: Path) -> list[list[str]]:
    """Every record of a CSV file (UTF-8, comma or semicolon as Dutch spreadsheets save it)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # line breaks inside a cell stay as typed
            text = handle.read()
    except UnicodeDecodeError:
        raise BestandError(path, INVULBESTAND["geen_utf8"]) from None
    except OSError as exc:
        raise BestandError(path, f"kan het bestand niet lezen ({exc.strerror})") from None
    return parse_table(text)


def parse_table(text: str) -> list[list[str]]:
    """The records of CSV text, the delimiter chosen as a Dutch spreadsheet saves it (docs/javascripts/tabel.js)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        raise TabelError(INVULBESTAND["geen_csv"]) from None


def column_name(header: str) -> str:
    found = re.fullmatch(INVULBESTAND["kolomnaam"], header, re.S)
    return (found.group(1) or found.group(2)) if found else header


def table_rows(table: list[list[str]]) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as a spreadsheet shows it, raw values); the header is row 1 and empty rows are skipped."""
    if not table:
        raise TabelError(INVULBESTAND["geen_kop"])
    names = [column_name(h) for h in table[0]]
    for number, cells in enumerate(table[1:], start=2):
        if all(cell == "" for cell in cells):
            continue
        row = {}
        for i, cell in enumerate(cells):
            named = i < len(names) and names[i] != ""
            if named or cell != "":
                row[names[i] if named else INVULBESTAND["kolom_zonder_kop"].format(nummer=i + 1)] = cell
        yield number, row


def read_rows(csv_path: Path) -> list[tuple[int, dict[str, str]]]:
    """Every row of a filled-in file, read once; a `BestandError` naming the file if it cannot be read."""
    try:
        return list(table_rows(read_table(csv_path)))
    except TabelError as exc:
        raise BestandError(csv_path, str(exc)) from None


def safe_name(text: str, limit: int = SAFE_NAME_LIMIT) -> str:
    """A file name part that is safe on Windows, macOS and Linux."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].strip("-")


def name_field(o: Overeenkomst) -> str | None:
    names = [v.naam for v in o.velden if v.type == "tekst"]
    preferred = [n for n in names if "leerling" in n and "naam" in n] or [n for n in names if "naam" in n] or names
    return preferred[0] if preferred else None


def file_name(o: Overeenkomst, number: int, row: Mapping[str, str], used: set[str]) -> str:
    """The pupil's name as a safe file name; a number added when two rows share it."""
    label_field = name_field(o)
    base = safe_name(row.get(label_field, "")) if label_field else ""
    base = base or INVULBESTAND["zonder_naam"].format(id=o.id, rij=number)
    name = INVULBESTAND["bestand"].format(naam=base)
    volgnummer = 1
    while name in used:
        volgnummer += 1
        name = INVULBESTAND["bestand_dubbel"].format(naam=base, volgnummer=volgnummer)
    used.add(name)
    return name


def row_messages(o: Overeenkomst, number: int, fouten: list[Invoerfout], template: str = "rij") -> list[str]:
    """One line per problem (`template` "rij") or warning ("let_op"), as the browser writes them too."""
    labels = {v.naam: v.label for v in o.velden}
    return [
        INVULBESTAND[template].format(rij=number, kolom=labels.get(f.veld, f.veld), melding=f.melding) for f in fouten
    ]


def header(veld: Veld) -> str:
    return INVULBESTAND["kolomkop"].format(label=veld.label, naam=veld.naam)


EXAMPLE_TIMES = ("9.00", "15.30")  # the example row's times in field order, so a begin comes before its end


def example_row(o: Overeenkomst) -> dict[str, str]:
    """One valid value per field, as a filled-in file holds it; dates in field order so 'na' rules hold."""
    born = {r.geboortedatum for r in o.regels if isinstance(r, RegelMetLeeftijd)}
    bounds = {v["naam"]: v["min_tekst"] for v in rule_spec(o)["velden"]}  # parameters resolved, Dutch notation
    day = date(2026, 9, 1)
    times = iter(EXAMPLE_TIMES)
    row: dict[str, str] = {}
    for veld in o.velden:
        value: Any
        if veld.type == "tijd":
            value = next(times)
        elif veld.type == "dagen":
            value = INVULBESTAND["voorbeeld_dagen"]
        elif veld.type == "datum":
            value = "2011-03-15" if veld.naam in born else day.isoformat()
            day += timedelta(days=0 if veld.naam in born else 365)
        elif veld.type == "getal":
            value = bounds[veld.naam] or 1
        elif veld.type == "keuze":
            value = veld.keuzes[0]
        elif veld.type == "ja/nee":
            value = "ja"
        elif veld.type == "lijst":
            value = INVULBESTAND["voorbeeld_lijst"]
        else:
            value = INVULBESTAND["voorbeeld_tekst"]
        row[veld.naam] = str(value)
    return row


def run_batch(
    builder: Agreements,
    o: Overeenkomst,
    rows: list[tuple[int, dict[str, str]]],
    out_dir: Path,
    progress: Callable[[int], None] = lambda _: None,
) -> BatchResult:
    """One document per row of `read_rows`, each row checked once."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BatchResult()
    used: set[str] = set()
    for number, row in rows:
        try:
            ingevuld = check_values(o, row)
            waarschuwingen = ingevuld.waarschuwingen
            data = builder.fill(o, ingevuld)
        except InvoerError as exc:
            result.failed[number] = row_messages(o, number, exc.fouten)
        else:
            name = file_name(o, number, row, used)
            path = out_dir / name
            path.write_bytes(data)
            result.written.append(path)
            result.made[number] = name
            if waarschuwingen:
                result.warned[number] = row_messages(o, number, waarschuwingen, "let_op")
        progress(number)
    (out_dir / INVULBESTAND["overzicht_bestand"]).write_text(result.overview(), encoding="utf-8")
    return result
