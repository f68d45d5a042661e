"""'Meerdere leerlingen tegelijk': blank fill-in files, the CLI batch and the browser page say and make the same.

The browser tests fill one CSV with good, hostile and bad rows, run `wmwm overeenkomst ID --csv` on it, and hold the
page in a real Chromium to the same row messages, the same overview and the same word/document.xml per pupil, for the
CSV and for the same rows as XLSX.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import HOSTILE, ROOT, axe_serious, other_requests, valid_values, wmwm, write_csv

from generators.inhoud.content import load_content
from generators.inhoud.model import Overeenkomst
from generators.overeenkomsten.batch import INVULBESTAND, example_row, header, read_rows
from generators.overeenkomsten.regels import check_values
from generators.site.invulbestand import blank_csv, blank_xlsx
from generators.site.samenstellen import form_groups

AGREEMENTS = {o.id: o for o in load_content(ROOT / "content").overeenkomsten}
ID = "leer-werkovereenkomst"


def field(o: Overeenkomst, kind: str, index: int = 0) -> str:
    return [v.naam for v in o.velden if v.type == kind][index]


# --- blank files and reading them back (no browser) -----------------------------------------------------------


@pytest.mark.parametrize("agreement", sorted(AGREEMENTS))
def test_blank_csv_has_every_field_and_a_valid_example(agreement: str, tmp_path: Path) -> None:
    o = AGREEMENTS[agreement]
    path = tmp_path / "leeg.csv"
    path.write_bytes(blank_csv(o))
    table = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert table[0] == [f"{v.label} ({v.naam})" for v in o.velden]
    rows = list(read_rows(path))
    assert [number for number, _ in rows] == [2]
    assert rows[0][1] == example_row(o)
    check_values(o, rows[0][1])  # raises if the example would be refused


@pytest.mark.parametrize("agreement", sorted(AGREEMENTS))
def test_blank_xlsx_offers_lists_notes_and_text_cells(agreement: str, tmp_path: Path) -> None:
    o = AGREEMENTS[agreement]
    book = openpyxl.load_workbook(io.BytesIO(blank_xlsx(o, date(2026, 8, 1))))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers == [header(v) for v in o.velden]
    assert [c.value for c in sheet[2]] == [example_row(o)[v.naam] for v in o.velden]
    hints = {f.naam: f.hint for _, fields in form_groups(o) for f in fields}
    for col, veld in enumerate(o.velden, start=1):
        note = sheet.cell(row=1, column=col).comment
        assert (note.text if note else "") == hints[veld.naam]
        assert sheet.cell(row=2, column=col).number_format == "@"
    lists = {}
    for validation in sheet.data_validations.dataValidation:
        ref = str(validation.formula1).split("!")[1].replace("$", "")
        values = [c.value for row in book["Keuzes"][ref] for c in row]
        for cells in validation.sqref.ranges:
            lists[headers[cells.min_col - 1]] = values
            assert (cells.min_row, cells.max_row) == (2, 1001)
    expected = {header(v): v.keuzes or ["ja", "nee"] for v in o.velden if v.type in ("keuze", "ja/nee")}
    assert lists == expected


def test_blank_xlsx_is_dated_by_the_peildatum_not_the_build_time() -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    first = blank_xlsx(o, date(2026, 8, 1))
    time.sleep(1.01 - time.time() % 1)  # a clock stamp has whole seconds: the next call falls in a later second
    assert blank_xlsx(o, date(2026, 8, 1)) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {i.date_time for i in package.infolist()} == {(2026, 8, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert core.count("2026-08-01T00:00:00Z") == 2, core
    assert blank_xlsx(o, date(2026, 12, 1)) != first


def semicolon_csv(path: Path) -> Path:
    """Dutch Excel's CSV: semicolons, a quoted cell with a line break, empty rows, a value without a header."""
    path.write_text(
        '\ufeffNaam (leerling_naam);startdatum;;\r\n"Jan; ""de"" Vries\r\nregel 2";2026-09-01;;\r\n;;;\r\n\r\n'
        "Piet;2026-09-02;;los\r\n",
        encoding="utf-8",
    )
    return path


def test_csv_reader_headers_delimiters_and_empty_rows(tmp_path: Path) -> None:
    assert list(read_rows(semicolon_csv(tmp_path / "puntkomma.csv"))) == [
        (2, {"leerling_naam": 'Jan; "de" Vries\r\nregel 2', "startdatum": "2026-09-01"}),
        (5, {"leerling_naam": "Piet", "startdatum": "2026-09-02", "kolom 4": "los"}),
    ]


# --- the browser page against the CLI ---------------------------------------------------------------------------


def batch_rows(o: Overeenkomst) -> list[dict[str, Any]]:
    """Good rows (two pupils with one name, hostile text), then bad ones and 'Ja', then a good one."""
    rows = [valid_values(o, name) for name in ["Jan de Vries", "Jan de Vries", HOSTILE[:3], "Zoë Ö'Brien"]]
    missing, number, yes, day = (valid_values(o, f"Rij {i}") for i in range(4))
    del missing[field(o, "tekst", 1)]
    missing[field(o, "tekst", 2)] = ""
    whole = next(v.naam for v in o.velden if v.type == "getal" and not v.decimalen)
    number[whole] = "1,200"  # a comma in a whole number: refused with what was probably meant
    yes[field(o, "ja/nee")] = "Ja"  # accepted as 'ja' by the rule set; the browser must make the same document
    day[field(o, "datum", 0)] = "2011-02-30"
    day[field(o, "datum", -1)] = "2027-13-01"
    return rows + [missing, number, yes, day, valid_values(o, "Laatste")]


def write_xlsx(path: Path, rows: list[dict[str, Any]]) -> None:
    """The same rows as the CSV, as text cells under the same headers."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    names = list(rows[0])
    sheet.append(names)
    for row in rows:
        sheet.append(["\n".join(v) if isinstance(v, list) else v for v in (row.get(n, "") for n in names)])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.number_format = "@"
    book.save(path)


def zip_documents(data: bytes) -> dict[str, bytes]:
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            item = archive.read(name)
            out[name] = zipfile.ZipFile(io.BytesIO(item)).read("word/document.xml") if name.endswith(".docx") else item
    return out


def open_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}/overeenkomsten/{ID}/meerdere/")
    page.wait_for_selector(".wmwm-meerdere[data-klaar='ja']")


def check_file(page, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """Choose a file; the row messages the page lists in its error summary."""
    page.set_input_files("#wmwm-bestand", str(path))
    page.wait_for_selector("#wmwm-uitslag:not([hidden])")
    return page.locator("#foutoverzicht li").all_inner_texts()


def make_zip(page) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    with page.expect_download() as download:
        page.click("#wmwm-maak")
    return zip_documents(Path(download.value.path()).read_bytes())


@pytest.mark.browser
def test_zip_from_csv_and_xlsx_equals_cli(page, tmp_path: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, site_url)
    o = AGREEMENTS[ID]
    rows = batch_rows(o)
    csv_path, xlsx_path, out = tmp_path / "leerlingen.csv", tmp_path / "leerlingen.xlsx", tmp_path / "uit"
    write_csv(csv_path, rows)
    write_xlsx(xlsx_path, rows)
    result = wmwm("overeenkomst", ID, "--csv", str(csv_path), "--uitvoer", str(out))
    assert result.returncode == 1
    cli_messages = result.stderr.splitlines()[:-1]
    reported = {m.split(",")[0] for m in cli_messages}
    assert reported == {"Rij 6", "Rij 7", "Rij 9"}
    expected = {p.name: zipfile.ZipFile(p).read("word/document.xml") for p in out.glob("*.docx")}
    expected["overzicht.txt"] = (out / "overzicht.txt").read_bytes()
    assert len(expected) == 1 + len(rows) - len(reported)
    names = {"jan-de-vries.docx", "jan-de-vries-2.docx", "zoe-o-brien.docx", "rij-2.docx", "laatste.docx"}
    assert names <= set(expected)

    for path in (csv_path, xlsx_path):
        assert check_file(page, path) == cli_messages, path.name
        made = make_zip(page)
        assert made == expected, path.name
    texts = b"".join(made.values()).decode("utf-8")
    for hostile in ("&amp; &lt;b&gt;x&lt;/b&gt; *y* _z_ [a](b) |", "Ş̌çhøøl 🏫 مدرسة النور"):
        assert hostile in texts
    assert other_requests(page.requests, site_url) == []


@pytest.mark.browser
def test_bad_file_and_only_bad_rows(page, tmp_path: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, site_url)
    o = AGREEMENTS[ID]
    bad = tmp_path / "kapot.csv"
    bad.write_bytes(b"naam\n\xff\xfe")
    assert check_file_error(page, bad) == [f"kapot.csv: {INVULBESTAND['geen_utf8']}"]
    rows = [valid_values(o, "Fout")]
    rows[0][field(o, "datum")] = "2026-02-29"
    only_bad = tmp_path / "fout.csv"
    write_csv(only_bad, rows)
    messages = check_file(page, only_bad)
    cli = wmwm("overeenkomst", ID, "--csv", str(only_bad), "--uitvoer", str(tmp_path / "uit"))
    assert messages == cli.stderr.splitlines()[:-1] and len(messages) == 1
    assert page.locator("#wmwm-maak").is_hidden()
    semicolons = semicolon_csv(tmp_path / "puntkomma.csv")
    cli = wmwm("overeenkomst", ID, "--csv", str(semicolons), "--uitvoer", str(tmp_path / "uit2"))
    messages = check_file(page, semicolons)
    assert messages == cli.stderr.splitlines()[:-1]
    assert {m.split(",")[0] for m in messages} == {"Rij 2", "Rij 5"}
    assert "Rij 5, kolom 4: onbekend veld" in "\n".join(messages)


def check_file_error(page, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    page.set_input_files("#wmwm-bestand", str(path))
    page.wait_for_selector("#foutoverzicht:not([hidden])")
    return page.locator("#foutoverzicht li").all_inner_texts()


@pytest.mark.browser
def test_keyboard_only_and_axe(page, tmp_path: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, site_url)
    o = AGREEMENTS[ID]
    rows = [valid_values(o, "Goed"), valid_values(o, "Fout")]
    rows[1][field(o, "datum")] = "morgen"
    path = tmp_path / "leerlingen.csv"
    write_csv(path, rows)
    check_file(page, path)  # choosing a file is the browser's own dialog; the rest is keyboard only
    assert page.evaluate("document.activeElement.id") == "foutoverzicht"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "wmwm-maak":
            break
    assert page.evaluate("document.activeElement.id") == "wmwm-maak"
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert sorted(zip_documents(Path(download.value.path()).read_bytes())) == ["goed.docx", "overzicht.txt"]
    assert axe_serious(page) == []


# --- kept answers on the single form -----------------------------------------------------------------------------


def form_docx(page) -> bytes:  # type: ignore[no-untyped-def]
    """'Ga verder', then the Word file's word/document.xml."""
    page.click("#wmwm-formulier button[type='submit']")
    page.wait_for_selector("#wmwm-controle:not([hidden])")
    with page.expect_download() as download:
        page.click("#wmwm-download")
    return zipfile.ZipFile(download.value.path()).read("word/document.xml")


def use_answers(page, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.set_input_files("#wmwm-gebruik", str(path))
    from playwright.sync_api import expect

    expect(page.locator("#wmwm-bewaar-status")).to_contain_text("bewaarde antwoorden zijn ingevuld")


@pytest.mark.browser
def test_saved_answers_round_trip(page, tmp_path: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    o = AGREEMENTS[ID]
    form = f"{site_url}/overeenkomsten/{ID}/samenstellen/"
    start = tmp_path / "start.json"
    start.write_text(json.dumps(valid_values(o, HOSTILE[:2]), ensure_ascii=False), encoding="utf-8")
    page.goto(form)
    page.wait_for_selector(".wmwm-samenstellen[data-klaar='ja']")
    use_answers(page, start)
    first = form_docx(page)
    with page.expect_download() as download:
        page.click("#wmwm-bewaar")
    saved = tmp_path / "bewaard.json"
    shutil.copy(download.value.path(), saved)
    page.reload()
    page.wait_for_selector(".wmwm-samenstellen[data-klaar='ja']")
    use_answers(page, saved)
    assert form_docx(page) == first
    cli = wmwm("overeenkomst", ID, "--gegevens", str(saved), "--uitvoer", str(tmp_path / "cli.docx"))
    assert cli.returncode == 0, cli.stderr
    assert zipfile.ZipFile(tmp_path / "cli.docx").read("word/document.xml") == first

    wrong = tmp_path / "fout.json"
    wrong.write_text(json.dumps({"onbekend_veld": "x", field(o, "datum"): "2011-02-30"}), encoding="utf-8")
    page.reload()
    page.wait_for_selector(".wmwm-samenstellen[data-klaar='ja']")
    use_answers(page, wrong)
    problems = page.locator("#foutoverzicht li").all_inner_texts()
    assert problems[0] == "onbekend veld; zie 'wmwm overeenkomst <id> --velden' voor de veldnamen"
    assert len(problems) == 2 and "2011-02-30" in problems[1]
    assert other_requests(page.requests, site_url) == []


# --- the example row and typed Excel cells -----------------------------------------------------------------------


def example_line(number: int) -> str:
    return INVULBESTAND["voorbeeld_overgeslagen"].format(rij=number)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_untouched_blank_file_makes_nothing_and_names_the_example_row(kind: str, tmp_path: Path) -> None:
    o = AGREEMENTS[ID]
    path = tmp_path / f"leeg.{kind}"
    path.write_bytes(blank_csv(o) if kind == "csv" else blank_xlsx(o, date(2026, 8, 1)))
    result = wmwm("overeenkomst", ID, "--csv", str(path), "--uitvoer", str(tmp_path / "uit"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        example_line(2),
        "0 overeenkomsten gemaakt in " + str(tmp_path / "uit") + "; 0 rijen overgeslagen.",
    ]
    assert list((tmp_path / "uit").glob("*.docx")) == []


def test_an_edited_example_row_is_a_pupil(tmp_path: Path) -> None:
    o = AGREEMENTS[ID]
    row = {**example_row(o), "leerling_naam": "Sam Jansen"}
    path = tmp_path / "een.csv"
    write_csv(path, [row])
    result = wmwm("overeenkomst", ID, "--csv", str(path), "--uitvoer", str(tmp_path / "uit"))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "uit").glob("*.docx")] == ["sam-jansen.docx"]
    assert "1 overeenkomst gemaakt" in result.stdout and "0 rijen overgeslagen" in result.stdout


def typed_xlsx(path: Path, o: Overeenkomst, values: dict[str, Any], date_1904: bool) -> None:
    """One pupil as a person's spreadsheet holds it: real date and time cells, numbers as numbers."""
    import datetime as dt

    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"date_1904": date_1904})
    sheet = book.add_worksheet()
    day, clock = book.add_format({"num_format": "d-m-yyyy"}), book.add_format({"num_format": "h:mm"})
    for col, veld in enumerate(o.velden):
        sheet.write_string(0, col, header(veld))
        value = values.get(veld.naam, "")
        if veld.type == "datum" and value:
            sheet.write_datetime(1, col, dt.datetime.fromisoformat(value), day)
        elif veld.type == "tijd" and value:
            hours, minutes = value.replace(".", ":").split(":")
            sheet.write_datetime(1, col, dt.time(int(hours), int(minutes)), clock)
        elif veld.type == "getal" and value and "," not in value and "." not in value:
            sheet.write_number(1, col, int(value))
        else:
            sheet.write_string(1, col, "\n".join(value) if isinstance(value, list) else value)
    book.close()


@pytest.mark.browser
def test_typed_excel_cells_are_read_alike_by_the_cli_and_the_browser(page, tmp_path: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Dates, times and numbers typed into a spreadsheet (1900 and 1904 date systems): the CLI and the page read the
    same values and make the same document, word/document.xml byte for byte."""
    from helpers import raw_of

    o = AGREEMENTS[ID]
    values = raw_of({"invoer": {}})
    for date_1904 in (False, True):
        path, out = tmp_path / f"leerling-{date_1904}.xlsx", tmp_path / f"uit-{date_1904}"
        typed_xlsx(path, o, values, date_1904)
        result = wmwm("overeenkomst", ID, "--csv", str(path), "--uitvoer", str(out))
        assert result.returncode == 0, result.stderr
        expected = {p.name: zipfile.ZipFile(p).read("word/document.xml") for p in out.glob("*.docx")}
        expected["overzicht.txt"] = (out / "overzicht.txt").read_bytes()
        assert list(expected) == ["sam-jansen.docx", "overzicht.txt"]
        open_page(page, site_url)
        assert check_file(page, path) == []
        assert make_zip(page) == expected


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_page_skips_an_untouched_example_row(page, kind: str, tmp_path: Path, site_url: str) -> None:  # type: ignore[no-untyped-def]
    o = AGREEMENTS[ID]
    path = tmp_path / f"leeg.{kind}"
    path.write_bytes(blank_csv(o) if kind == "csv" else blank_xlsx(o, date(2026, 8, 1)))
    open_page(page, site_url)
    assert check_file(page, path) == []
    assert page.locator("#wmwm-let-op li").all_inner_texts() == [example_line(2)]
    assert page.locator("#wmwm-maak").is_hidden()
    assert page.locator("#wmwm-telling").inner_text() == "Het bestand bevat nog geen leerling."
