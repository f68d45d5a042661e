"""The blank fill-in files of 'Meerdere leerlingen tegelijk', made at build time.

Input: an `Overeenkomst`. Output: {site path: bytes} with an XLSX and a CSV holding one column per field (header
"Label (naam)", as `batch.INVULBESTAND` declares, so the CLI and the browser read them back) and one example row.
The XLSX keeps every cell as text (so Excel does not turn '1,5' or a date into something else), offers a drop-down
list for keuze and ja/nee fields, shows the field's hint as a note on its header, and marks the example row (grey,
with a note) as an example: left as it is, the CLI and the browser skip it and say so.
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

from generators.docx.cache import cached
from generators.docx.fill import write
from generators.inhoud.model import Inhoud, Overeenkomst
from generators.overeenkomsten.batch import INVULBESTAND, example_row, header
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
    """Dated by the content's peildatum, not the build time, so the same content gives the same bytes. XlsxWriter
    writes what the Open XML schema asks (shared strings, styles in schema order), which openxml-audit checks."""
    # imported only when a file has to be made (see all_blank_files)
    import xlsxwriter
    from xlsxwriter.utility import xl_col_to_name

    stamp = datetime(peildatum.year, peildatum.month, peildatum.day)
    made = io.BytesIO()
    book = xlsxwriter.Workbook(made, {"in_memory": True})
    book.set_properties({"author": AUTHOR, "created": stamp})
    text = book.add_format({"num_format": "@"})
    bold = book.add_format({"num_format": "@", "bold": True})
    example_style = book.add_format({"num_format": "@", "italic": True, "font_color": "#595959"})
    sheet = book.add_worksheet("Invullen")
    choices = book.add_worksheet("Keuzes")
    choices.hide()
    hints = {f.naam: f.hint for _, fields in form_groups(o) for f in fields}
    example = example_row(o)
    for col, veld in enumerate(o.velden):
        letter = xl_col_to_name(col)
        sheet.write_string(0, col, header(veld), bold)
        if hints[veld.naam]:
            sheet.write_comment(0, col, hints[veld.naam], {"author": AUTHOR, "x_scale": 2.5, "y_scale": 2})
        sheet.write_string(1, col, example[veld.naam], example_style)
        sheet.set_column(col, col, min(max(len(veld.label), 14), 45), text)
        keuzes = veld.keuzes if veld.type == "keuze" else ["ja", "nee"] if veld.type == "ja/nee" else []
        for row, keuze in enumerate(keuzes):
            choices.write_string(row, col, keuze, text)
        if keuzes:
            sheet.data_validation(
                1,
                col,
                ROWS,
                col,
                {
                    "validate": "list",
                    "source": f"=Keuzes!${letter}$1:${letter}${len(keuzes)}",
                    "ignore_blank": True,
                    "error_title": "Geen geldige keuze",
                    "error_message": f"Kies een waarde uit de lijst: {', '.join(keuzes)}.",
                },
            )
    sheet.write_comment(1, 0, INVULBESTAND["voorbeeld_notitie"], {"author": AUTHOR, "x_scale": 2.5, "y_scale": 1.5})
    sheet.freeze_panes(1, 0)
    book.close()
    out = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            zipped = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            write(target, zipped, source.read(info), stored=False)
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
        parts = [CODE, version("xlsxwriter"), peildatum.isoformat(), json.dumps(shown)]
        out[paths["xlsx"]] = cached(cache_dir, ".xlsx", parts, functools.partial(blank_xlsx, o, peildatum))
        out[paths["csv"]] = blank_csv(o)
    return out
