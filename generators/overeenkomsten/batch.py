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
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from generators.inhoud.model import Inhoud, Overeenkomst, RegelMetLeeftijd, Veld
from generators.inhoud.problems import BestandError, ContentError
from generators.overeenkomsten.documenten import Agreements
from generators.overeenkomsten.regels import InvoerError, Invoerfout, check_values

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
    "geen_xlsx": "het bestand is geen leesbare Excel-werkmap (.xlsx); sla het opnieuw op als .xlsx of als CSV",
    "voorbeeld_tekst": "Voorbeeld",
    "voorbeeld_lijst": "eerste onderdeel\ntweede onderdeel",
    "voorbeeld_dagen": "dinsdag en donderdag",
    "voorbeeld_notitie": (
        "Dit is een voorbeeldrij. Vervang haar door de gegevens van de eerste leerling, of verwijder haar. Zolang ze"
        " ongewijzigd blijft, wordt er geen overeenkomst van gemaakt."
    ),
    "voorbeeld_overgeslagen": (
        "Rij {rij} is de voorbeeldrij uit het lege invulbestand en is overgeslagen; vervang haar door een leerling"
        " of verwijder haar."
    ),
}
SAFE_NAME_LIMIT = 60


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    made: dict[int, str] = field(default_factory=dict)  # row number -> file name
    failed: dict[int, list[str]] = field(default_factory=dict)  # row number -> messages, INVULBESTAND["rij"]
    warned: dict[int, list[str]] = field(default_factory=dict)  # made, with warnings (INVULBESTAND["let_op"])
    examples: list[int] = field(default_factory=list)  # rows left as the blank file's example, skipped

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
    """Every record of a filled-in file: XLSX (the first sheet), or CSV (UTF-8, comma or semicolon as Dutch
    spreadsheets save it)."""
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # line breaks inside a cell stay as typed
            text = handle.read()
    except UnicodeDecodeError:
        raise BestandError(path, INVULBESTAND["geen_utf8"]) from None
    except OSError as exc:
        raise BestandError(path, f"kan het bestand niet lezen ({exc.strerror})") from None
    return parse_table(text)


def read_xlsx(path: Path) -> list[list[str]]:
    """The first sheet's rows, each cell as text the way the browser reads it (docs/javascripts/meerdere.js,
    cellText): text as typed, numbers as the file holds them, a date cell as JJJJ-MM-DD and a time cell as UU:MM
    (in either date system of the file, 1900 or 1904), true/false as 'true'/'false'."""
    from openpyxl import load_workbook  # a third of a second to import: only when an XLSX file is read

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is no workbook (zip, XML, key errors)
        raise BestandError(path, INVULBESTAND["geen_xlsx"]) from None
    try:
        return [[_cell_text(value) for value in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.date() in (date(1899, 12, 30), date(1899, 12, 31), date(1904, 1, 1)):  # a time without a date
            return f"{value.hour:02d}:{value.minute:02d}"
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
    bounds = {v["naam"]: v["min_tekst"] for v in o.spec["velden"]}  # parameters resolved, Dutch notation
    day = date(2026, 9, 1)
    times = iter(EXAMPLE_TIMES)
    row: dict[str, str] = {}
    for veld in o.velden:
        value: Any
        if veld.voorbeeld is not None:
            value = veld.voorbeeld
        elif veld.type == "tijd":
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


def check_examples(inhoud: Inhoud) -> None:
    """Every agreement's example row passes its own rules, or a school copies an example the form refuses; a
    `ContentError` names the field (its `voorbeeld`, if it has one) at file:line."""
    problems = []
    for o in inhoud.overeenkomsten:
        try:
            check_values(o, example_row(o))
        except InvoerError as exc:
            where = {v.naam: ("velden", i, "voorbeeld") for i, v in enumerate(o.velden)}
            problems += [
                o.problem(
                    *where.get(f.veld, ("velden",)),
                    message=f"de voorbeeldrij van het invulbestand wordt geweigerd: {f.melding.rstrip('.')}. "
                    "Geef dit veld een 'voorbeeld' dat de regels toestaan.",
                )
                for f in exc.fouten
            ]
    if problems:
        raise ContentError(problems)


def is_example(row: Mapping[str, str], example: Mapping[str, str]) -> bool:
    """The blank file's example row, left exactly as it was: not a pupil. Edited in any field, it is a pupil's row
    like any other (docs/javascripts/meerdere.js decides the same)."""
    return {k: v for k, v in row.items() if v} == {k: v for k, v in example.items() if v}


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
    example = example_row(o)
    for number, row in rows:
        if is_example(row, example):
            result.examples.append(number)
            progress(number)
            continue
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
