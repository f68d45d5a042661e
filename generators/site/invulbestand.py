"""The blank fill-in files of 'Meerdere leerlingen tegelijk', made at build time.

Input: an `Overeenkomst`. Output: {site path: bytes} with an XLSX and a CSV holding one column per field (header
"Label (naam)", as `batch.INVULBESTAND` declares, so the CLI and the browser read them back) and one example row.
The XLSX keeps every cell as text (so Excel does not turn '1,5' or a date into something else), offers a drop-down
list for keuze and ja/nee fields and shows the field's hint as a note on its header.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import zipfile
from datetime import date, datetime
from importlib.metadata import version
from pathlib import Path

from generators.inhoud.model import Inhoud, Overeenkomst
from generators.overeenkomsten.batch import example_row, header
from generators.overeenkomsten.cache import cached
from generators.overeenkomsten.docx_fill import write
from generators.site import urls
from generators.site.samenstellen import form_groups

CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a change to this module makes the files again
ROWS = 1000  # rows below the header that get the drop-down lists
AUTHOR = "Wat moet en wat mag"


def file_names(o: Overeenkomst) -> dict[str, str]:
    """{extension: site path} of the blank files."""
    return {ext: f"{urls.bestanden(o.id)}/invulbestand-{o.id}.{ext}" for ext in ("xlsx", "csv")}


def blank_csv(o: Overeenkomst) -> bytes:
    """UTF-8 with a byte order mark, so Excel shows accents right; the CLI and the browser skip the mark."""
    out = io.StringIO()
    writer = csv.writer(out)
    example = example_row(o)
    writer.writerow([header(v) for v in o.velden])
    writer.writerow([example[v.naam] for v in o.velden])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def blank_xlsx(o: Overeenkomst, peildatum: date) -> bytes:
    """Dated by the content's peildatum, not the build time, so the same content gives the same bytes."""
    # openpyxl takes a third of a second to import: only when a file has to be made (see all_blank_files)
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.xml.functions import tostring

    book = Workbook()
    stamp = datetime(peildatum.year, peildatum.month, peildatum.day)
    book.properties.creator = AUTHOR
    book.properties.created = book.properties.modified = stamp
    sheet = book.active
    assert sheet is not None
    sheet.title = "Invullen"
    choices = book.create_sheet("Keuzes")
    choices.sheet_state = "hidden"
    hints = {f.naam: f.hint for _, fields in form_groups(o) for f in fields}
    example = example_row(o)
    for col, veld in enumerate(o.velden, start=1):
        letter = get_column_letter(col)
        title = sheet.cell(row=1, column=col, value=header(veld))
        title.font = Font(bold=True)
        if hints[veld.naam]:
            title.comment = Comment(hints[veld.naam], AUTHOR, width=300, height=120)
        sheet.cell(row=2, column=col, value=example[veld.naam]).number_format = "@"
        sheet.column_dimensions[letter].width = min(max(len(veld.label), 14), 45)
        sheet.column_dimensions[letter].number_format = "@"
        keuzes = veld.keuzes if veld.type == "keuze" else ["ja", "nee"] if veld.type == "ja/nee" else []
        if keuzes:
            for row, keuze in enumerate(keuzes, start=1):
                choices.cell(row=row, column=col, value=keuze).number_format = "@"
            validation = DataValidation(
                type="list",
                formula1=f"Keuzes!${letter}$1:${letter}${len(keuzes)}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Geen geldige keuze",
                error=f"Kies een waarde uit de lijst: {', '.join(keuzes)}.",
            )
            validation.add(f"{letter}2:{letter}{ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    saved = io.BytesIO()
    book.save(saved)  # sets 'modified' to now; the core properties are written again below
    book.properties.modified = stamp
    core = tostring(book.properties.to_tree(), xml_declaration=True, encoding="UTF-8")
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = core if info.filename == "docProps/core.xml" else source.read(info)
            write(target, zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6]), data, stored=False)
    return out.getvalue()


def all_blank_files(inhoud: Inhoud, cache_dir: Path) -> dict[str, bytes]:
    """The XLSX files come from `cache_dir` when nothing they show has changed."""
    peildatum = inhoud.publicatie.peildatum if inhoud.publicatie else date(1980, 1, 1)  # as the DOCX
    out: dict[str, bytes] = {}
    for o in inhoud.overeenkomsten:
        paths = file_names(o)
        hints = {f.naam: f.hint for _, fields in form_groups(o) for f in fields}
        example = example_row(o)
        shown = [[header(v), v.label, v.type, v.keuzes, hints[v.naam], example[v.naam]] for v in o.velden]
        parts = [CODE, version("openpyxl"), peildatum.isoformat(), json.dumps(shown)]
        out[paths["xlsx"]] = cached(cache_dir, ".xlsx", parts, functools.partial(blank_xlsx, o, peildatum))
        out[paths["csv"]] = blank_csv(o)
    return out
