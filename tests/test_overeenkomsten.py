"""Tailored agreements: values arrive exactly (never as markup), rules run first, the CLI and batch work."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import HOSTILE, ROOT, pdf_text, valid_values, wmwm, wmwm_process, write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generators.inhoud.content import load_content
from generators.inhoud.model import Overeenkomst
from generators.inhoud.publication import site_meta
from generators.inhoud.regelspec import TEKENS
from generators.overeenkomsten.documenten import Agreements
from generators.overeenkomsten.regels import InvoerError

INHOUD = load_content(ROOT / "content")
BUILDER = Agreements(ROOT, site_meta(INHOUD))
AGREEMENTS = {o.id: o for o in INHOUD.overeenkomsten}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    """All text of body, headers and footers; a Word line break reads as a newline."""
    docx.Document(io.BytesIO(data))  # python-docx must open it
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in sorted(n for n in z.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)):
            root = etree.fromstring(z.read(name))
            for para in root.iter(f"{W}p"):
                parts = []
                for node in para.iter(f"{W}t", f"{W}br"):
                    parts.append("\n" if node.tag == f"{W}br" else (node.text or ""))
                out.append("".join(parts))
    return "\n".join(out)


def trim(value: str) -> str:
    return re.sub(f"^(?:{TEKENS['witruimte']})+|(?:{TEKENS['witruimte']})+$", "", value)


def expected(value: str) -> str:
    """How a typed text reads in the document: as typed on one line; several lines joined with ', ' (regels.py)."""
    if not re.search(TEKENS["regeleinde"], value):
        return value
    return ", ".join(line for line in (trim(part) for part in re.split(TEKENS["regeleinde"], value)) if line)


def test_both_agreements_exist() -> None:
    assert set(AGREEMENTS) == {"samenwerkingsovereenkomst-lwt", "leer-werkovereenkomst"}


@pytest.mark.parametrize("agreement", sorted(AGREEMENTS))
def test_hostile_values_arrive_literally(agreement: str) -> None:
    o = AGREEMENTS[agreement]
    text = docx_text(BUILDER.tailored(o, valid_values(o, HOSTILE)))
    for value in HOSTILE:
        assert expected(value) in text
    assert "⟦" not in text


@pytest.mark.office
def test_hostile_values_survive_libreoffice(tmp_path: Path) -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    path = tmp_path / "vijandig.docx"
    path.write_bytes(BUILDER.tailored(o, valid_values(o, HOSTILE[:2])))
    text = pdf_text(path)
    for fragment in ["<b>x</b>", "*y*", "_z_", "[a](b)", "{{ x }}", "<w:t>x</w:t>", "مدرسة النور"]:
        assert fragment in text


XML_SAFE = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF])),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(XML_SAFE, min_size=1, max_size=80).filter(trim), min_size=1, max_size=5))
def test_any_unicode_value_arrives_unchanged(values: list[str]) -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    text = docx_text(BUILDER.tailored(o, valid_values(o, values)))
    for value in values:
        assert expected(value) in text


def test_control_characters_are_refused_with_the_field() -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = valid_values(o)
    first_text = next(v for v in o.velden if v.type == "tekst")
    values[first_text.naam] = "bel\x07"
    with pytest.raises(InvoerError) as err:
        BUILDER.tailored(o, values)
    assert [f.veld for f in err.value.fouten] == [first_text.naam]
    assert "U+0007" in err.value.fouten[0].melding


def fields_of(o: Overeenkomst, kind: str, contains: str = "") -> list[str]:
    return [v.naam for v in o.velden if v.type == kind and contains in v.naam]


def test_rules_report_every_problem_before_output() -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = valid_values(o)
    na = next(r for r in o.regels if r.soort == "na")
    values[na.velden[0]], values[na.velden[1]] = "2027-06-30", "2026-09-01"
    hours = next(v for v in o.velden if v.type == "getal" and v.min == "klokuren-buitenschools-min")
    values[hours.naam] = "500"
    minor = next(r for r in o.regels if r.soort == "verplicht-als")
    for naam in minor.velden:
        values[naam] = ""
    values["bestaat_niet"] = "x"
    with pytest.raises(InvoerError) as err:
        BUILDER.tailored(o, values)
    fields = [f.veld for f in err.value.fouten]
    assert "bestaat_niet" in fields
    assert na.velden[1] in fields
    assert hours.naam in fields
    assert [f.melding for f in err.value.fouten].count(minor.melding) == len(minor.velden)
    assert fields[0] == "bestaat_niet" and fields.index(na.velden[1]) > fields.index(minor.velden[0])  # form order
    hours_message = next(f.melding for f in err.value.fouten if f.veld == hours.naam)
    assert "ten minste 640" in hours_message and "art. 2.38 lid 9 WVO 2020" in hours_message


def test_adult_pupil_needs_no_parent() -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = valid_values(o)
    minor = next(r for r in o.regels if r.soort == "verplicht-als")
    values["leerling_geboortedatum"] = "2000-01-01"
    for naam in minor.velden:
        values[naam] = ""
    text = " ".join(docx_text(BUILDER.tailored(o, values)).split())
    assert "sluit hij deze overeenkomst zelf en ondertekent hij haar zelf" in text
    assert "De ouder of wettelijk vertegenwoordiger" not in text


# Each element UB 2.65 requires, the onderdeel of the article that names it, and the word the law uses for it.
UB_265 = {
    "rechten-en-plichten": (None, "rechten en plichten"),
    "inhoud": ("a", "inhoud"),
    "leerdoelen": ("a", "leerdoelen"),
    "duur": ("a", "duur"),
    "periode": ("a", "periode"),
    "beoordelingsmaatstaven": ("a", "beoordelingsmaatstaven"),
    "begeleiding": ("b", "begeleiding"),
    "voortijdige-beeindiging": ("c", "voortijdig"),
}


def test_leer_werkovereenkomst_covers_every_element_of_ub_2_65() -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    article = next(a for a in load_content(ROOT / "content").wetsartikelen if a.id == "ub-wvo2020-2.65")
    lid = article.leden[0]
    law_text = {None: lid.tekst, **{d.nr: d.tekst for d in lid.onderdelen}}
    coverage = {element: [c.id for c in o.clausules if element in c.dekt] for element in UB_265}
    assert all(coverage.values()), coverage
    for element, (onderdeel, word) in UB_265.items():
        assert word in law_text[onderdeel], (element, onderdeel)
        for clause in (c for c in o.clausules if element in c.dekt):
            assert clause.als is None, f"{clause.id} dekt een verplicht element en mag niet optioneel zijn"
            cites = {b.onderdeel for b in clause.bronnen if b.wet == "ub-wvo2020" and b.artikel == "2.65"}
            assert onderdeel in cites, f"{clause.id} dekt {element} maar noemt art. 2.65 onderdeel {onderdeel} niet"


def test_cli_lists_and_describes() -> None:
    listing = json.loads(wmwm("overeenkomst", "--lijst", "--json").stdout)
    assert {item["id"] for item in listing} == set(AGREEMENTS)
    assert all(set(item) == {"id", "titel"} for item in listing)
    fields = json.loads(wmwm("overeenkomst", "leer-werkovereenkomst", "--velden").stdout)
    assert {f["type"] for f in fields} <= {"tekst", "datum", "getal", "keuze", "ja/nee", "lijst", "tijd", "dagen"}
    assert all({"naam", "type", "label", "verplicht"} <= set(f) for f in fields)
    assert any(f.get("min") == 640 and f.get("max") == 1280 for f in fields)
    by_name = {f["naam"]: f for f in fields}
    bedrag = by_name["stagevergoeding_bedrag"]
    assert bedrag["als"] == {"veld": "stagevergoeding", "is": ["ja"]}
    assert bedrag["verplicht"] == "alleen als 'Vergoeding door het leerbedrijf' is ja"
    assert by_name["ouder_naam"]["verplicht"] == "alleen als de leerling op 'Startdatum' jonger is dan 18 jaar"
    assert by_name["leerling_naam"]["verplicht"] == "ja"


def test_cli_single_document(tmp_path: Path) -> None:
    o = AGREEMENTS["samenwerkingsovereenkomst-lwt"]
    data = tmp_path / "waarden.json"
    data.write_text(json.dumps(valid_values(o, HOSTILE[0])), encoding="utf-8")
    out = tmp_path / "uit" / "so.docx"
    result = wmwm("overeenkomst", o.id, "--gegevens", str(data), "--uitvoer", str(out))
    assert result.returncode == 0, result.stderr
    assert HOSTILE[0] in docx_text(out.read_bytes())


def test_cli_batch_skips_bad_rows_and_keeps_good_ones(tmp_path: Path) -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    rows = [valid_values(o, name) for name in ["Jan/de Vries", "Jan/de Vries", "Émile <Ö>", "Zoë"]]
    date_field = fields_of(o, "datum")[-1]
    rows[2][date_field] = "31-12-2027"
    rows[3][date_field] = "2027-02-30"
    csv_path = tmp_path / "leerlingen.csv"
    write_csv(csv_path, rows)
    out = tmp_path / "uit"
    result = wmwm("overeenkomst", o.id, "--csv", str(csv_path), "--uitvoer", str(out))
    assert result.returncode == 1
    label = next(v.label for v in o.velden if v.naam == date_field)
    hint = "(schrijf JJJJ-MM-DD, bijvoorbeeld 2026-09-01)"
    problem = f"Rij 4, {label}: '{label}' is geen geldige datum: '31-12-2027' {hint}"
    impossible = f"Rij 5, {label}: '{label}' is een datum die niet bestaat: '2027-02-30'"
    assert result.stderr.splitlines() == [
        problem,
        impossible,
        f"2 overeenkomsten gemaakt in {out}; 2 rijen overgeslagen.",
    ]
    names = sorted(p.name for p in out.glob("*.docx"))
    assert names == ["jan-de-vries-2.docx", "jan-de-vries.docx"]
    overview = (out / "overzicht.txt").read_text(encoding="utf-8").splitlines()
    assert overview == [
        "Gemaakt: 2",
        "Overgeslagen: 2",
        "Rij 2: jan-de-vries.docx",
        "Rij 3: jan-de-vries-2.docx",
        problem,
        impossible,
    ]
    rows = rows[3:]  # one good row: the count is singular
    rows[0][date_field] = "2027-06-30"
    write_csv(csv_path, rows)
    one = wmwm("overeenkomst", o.id, "--csv", str(csv_path), "--uitvoer", str(tmp_path / "een"))
    assert one.returncode == 0, one.stderr
    assert one.stdout.strip() == f"1 overeenkomst gemaakt in {tmp_path / 'een'}; 0 rijen overgeslagen."
    assert "Zoë" in docx_text((tmp_path / "een" / "zoe.docx").read_bytes())


def test_dutch_thousands_arrive_in_dutch_notation() -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = valid_values(o)
    values.update(klokuren_totaal="1.200", klokuren_leerbedrijf="1.000", dagen_totaal="150", dagen_leerbedrijf="150")
    text = docx_text(BUILDER.tailored(o, values))
    assert "1.200" in text and "1.000" in text
    assert "1,200" not in text and "1,000" not in text


@pytest.mark.parametrize("spelling", ["Ja", "JA", " ja "])
def test_ja_in_any_spelling_keeps_the_clause_it_controls(spelling: str) -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = valid_values(o)
    values.update(stagevergoeding="ja", stagevergoeding_bedrag="125,50")
    lowercase = docx_text(BUILDER.tailored(o, values))
    assert "125,50" in lowercase
    values["stagevergoeding"] = spelling
    assert docx_text(BUILDER.tailored(o, values)) == lowercase


def test_every_empty_parent_field_is_flagged_in_one_round() -> None:
    """A minor without any parent details: name, address and phone are each flagged at once, not one per submit."""
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = valid_values(o)
    minor = next(r for r in o.regels if r.soort == "verplicht-als")
    for naam in minor.velden:
        values[naam] = ""
    with pytest.raises(InvoerError) as err:
        BUILDER.tailored(o, values)
    assert [f.veld for f in err.value.fouten] == ["ouder_naam", "ouder_adres", "ouder_telefoon"]
    assert all(f.melding.startswith("De leerling is op de startdatum jonger dan 18 jaar;") for f in err.value.fouten)


def test_cross_field_rules_refuse_before_anything_is_written(tmp_path: Path) -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = valid_values(o)
    values.update(klokuren_leerbedrijf="900", klokuren_totaal="800", leerling_geboortedatum="2030-01-01")
    data = tmp_path / "waarden.json"
    data.write_text(json.dumps(values), encoding="utf-8")
    out = tmp_path / "lwo.docx"
    result = wmwm("overeenkomst", o.id, "--gegevens", str(data), "--uitvoer", str(out))
    assert result.returncode == 1
    assert not out.exists()
    assert "klokuren_leerbedrijf: Bij dit leerbedrijf staan meer klokuren (900)" in result.stderr
    assert result.stderr.count("leerling_geboortedatum:") == 1
    assert "jonger dan 18" not in result.stderr


def test_field_bounds_come_from_the_parameters() -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    spec = {v["naam"]: v for v in o.spec["velden"]}
    parameters = {p.id: p for p in INHOUD.parameters}
    assert spec["klokuren_totaal"]["min"] == f"{parameters['klokuren-buitenschools-min'].waarde:f}"
    assert spec["dagen_totaal"]["max_bron"] == "art. 2.38 lid 9 WVO 2020"


def test_a_young_pupils_long_day_is_refused_and_nothing_is_made(tmp_path: Path) -> None:
    """A 15-year-old from 8.00 to 16.30 with half an hour's break works 8 hours: above the 7 of NRK 3:1 lid 2 c."""
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = {**valid_values(o), "werktijd_begin": "8.00", "werktijd_einde": "16.30", "pauze_minuten": "30"}
    data = tmp_path / "waarden.json"
    data.write_text(json.dumps(values), encoding="utf-8")
    out = tmp_path / "lwo.docx"
    result = wmwm_process("overeenkomst", o.id, "--gegevens", str(data), "--uitvoer", str(out))  # the real command
    assert result.returncode == 1, result.stderr
    assert not out.exists()
    refusal = next(line for line in result.stderr.splitlines() if ": werktijd_einde: " in line)
    assert "werkt de leerling 8 uur op een praktijkdag" in refusal and "ten hoogste 7 uur per dag" in refusal
    assert "Nadere regeling kinderarbeid art. 3:1 lid 2 onder c" in refusal


def test_a_sunday_warning_from_sixteen_does_not_block(tmp_path: Path) -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = {**valid_values(o), "leerling_geboortedatum": "2010-03-15", "praktijkdagen": "za en zo"}
    data = tmp_path / "waarden.json"
    data.write_text(json.dumps(values), encoding="utf-8")
    out = tmp_path / "lwo.docx"
    result = wmwm("overeenkomst", o.id, "--gegevens", str(data), "--uitvoer", str(out))
    assert result.returncode == 0, result.stderr
    assert "zaterdag en zondag" in docx_text(out.read_bytes())
    warning = next(line for line in result.stderr.splitlines() if line.startswith("Let op: "))
    assert "praktijkdagen: " in warning and "Arbeidstijdenwet art. 5:6 lid 1 en 3" in warning


@pytest.mark.parametrize(
    ("geboren", "must", "must_not"),
    [
        (  # 15 at the start, 16 on 15 March 2027, before the end date: both periods, each with its limits
            "2011-03-15",
            [
                "De leerling wordt op 15 maart 2027 16 jaar. Tot die dag werkt hij ten hoogste 7 uur per dag en 35 uur",
                "Vanaf 15 maart 2027 werkt hij ten hoogste 9 uur per dienst",
                "tellen voor deze grenzen mee als werktijd",
            ],
            ["is tijdens deze overeenkomst jonger dan 16", "is op de startdatum 16 of 17 jaar"],
        ),
        (
            "2011-12-01",
            ["De leerling is tijdens deze overeenkomst jonger dan 16 jaar. Hij werkt daarom ten hoogste 7 uur per dag"],
            ["wordt op", "Vanaf", "9 uur per dienst"],
        ),
        (
            "2009-03-15",
            [
                "De leerling is op de startdatum 16 of 17 jaar. Tot zijn achttiende verjaardag werkt hij ten hoogste "
                "9 uur"
            ],
            ["7 uur per dag"],
        ),
    ],
)
def test_the_working_hours_clause_states_this_pupils_limits(geboren: str, must: list[str], must_not: list[str]) -> None:
    o = AGREEMENTS["leer-werkovereenkomst"]
    values = {**valid_values(o), "leerling_geboortedatum": geboren, "einddatum": "2027-06-30"}
    text = " ".join(docx_text(BUILDER.tailored(o, values)).split())
    for part in must:
        assert part in text
    for part in must_not:
        assert part not in text


def test_no_tailored_clause_keeps_a_condition_the_answers_decide() -> None:
    """'als de leerling minderjarig is' is settled at fill time: a minor's and an adult's documents say it plainly."""
    o = AGREEMENTS["leer-werkovereenkomst"]
    for geboren in ("2011-03-15", "2007-01-01"):
        values = {**valid_values(o), "leerling_geboortedatum": geboren}
        if geboren < "2008":
            values.update(ouder_naam="", ouder_adres="", ouder_telefoon="")
        text = " ".join(docx_text(BUILDER.tailored(o, values)).split())
        assert "als de leerling minderjarig" not in text
        assert "[Alleen opnemen" not in text and "⟦" not in text
    adult = " ".join(docx_text(BUILDER.tailored(o, values)).split())
    assert "sluit hij deze overeenkomst zelf en ondertekent hij haar zelf" in adult
