"""`wmwm controleer`: every problem at once, with file:line, in Dutch, never a traceback."""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import ROOT, wmwm

from generators.inhoud.formats import format_number


def test_real_content_is_clean() -> None:
    result = wmwm("controleer")
    assert result.returncode == 0, result.stderr
    count = int(result.stdout.split()[0])
    assert count > 30
    assert result.stdout.strip() == f"{format_number(Decimal(count))} onderdelen gecontroleerd, geen fouten"


BROKEN = """\
uitspraken:
  - id: test-zonder-regel
    soort: moet
    wie: school
    onderwerp: aanbieden
    toelichting: Er ontbreekt een regel.
    bronnen:
      - {wet: wvo2020, artikel: "2.104", lid: "1"}
    fase: voorbereiden
  - id: test-lid-bestaat-niet
    soort: mag
    wie: school
    onderwerp: aanbieden
    regel: Verwijst naar een lid dat niet bestaat.
    toelichting: Artikel 2.104 heeft maar twee leden.
    bronnen:
      - {wet: wvo2020, artikel: "2.104", lid: "9"}
    fase: voorbereiden
  - id: lwt-samenwerkingsovereenkomst-verplicht
    soort: moet
    wie: school
    onderwerp: aanbieden
    regel: Dubbel id.
    toelichting: Dit id bestaat al in aanbieden.yaml.
    bronnen:
      - {wet: wvo2020, artikel: "2.104", lid: "1"}
    fase: voorbereiden
  - id: test-tikfout
    soort: mag-niet
    wie: school
    onderwerp: aanbieden
    regel: Een tikfout in een veldnaam.
    toelichtng: Dit veld bestaat niet.
    bronnen:
      - {wet: wvo2020, artikel: "2.104", lid: "1"}
    fase: voorbereiden
"""


def test_all_problems_at_once_with_file_and_line(content_project: Path) -> None:
    (content_project / "content" / "uitspraken" / "test.yaml").write_text(BROKEN, encoding="utf-8")
    (content_project / "content" / "kapot.yaml").write_text(
        "uitspraken:\n  - id: x\n    soort: [moet\n", encoding="utf-8"
    )
    result = wmwm("controleer", "--inhoud", str(content_project / "content"), cwd=content_project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "5 fouten gevonden; niets gebouwd."
    problems = set(lines[:-1])
    first_duplicate = _line_of(
        content_project / "content/uitspraken/aanbieden.yaml", "id: lwt-samenwerkingsovereenkomst-verplicht"
    )
    assert problems == {
        "content/kapot.yaml:4:1: YAML-syntaxfout: een lijst tussen [ en ] is niet afgesloten; ontbreekt er een ]?",
        "content/uitspraken/test.yaml:2:5: uitspraken[0].regel: verplicht veld 'regel' ontbreekt",
        "content/uitspraken/test.yaml:17:42: uitspraken[1].bronnen[0].lid: "
        "lid 9 bestaat niet in artikel 2.104 (wel: 1, 2)",
        "content/uitspraken/test.yaml:19:5: uitspraken[2].id: id 'lwt-samenwerkingsovereenkomst-verplicht' "
        f"bestaat al (eerder in content/uitspraken/aanbieden.yaml:{first_duplicate}); kies een ander id",
        "content/uitspraken/test.yaml:33:5: uitspraken[3].toelichtng: onbekend veld 'toelichtng'; "
        "bedoelde u 'toelichting'?",
    }


def controleer_with(project: Path, extra: str) -> str:
    """`wmwm controleer` with one more content file that has mistakes: it fails, and this is what it says."""
    (project / "content" / "extra.yaml").write_text(extra, encoding="utf-8")
    result = wmwm("controleer", "--inhoud", str(project / "content"), cwd=project)
    assert result.returncode == 1
    return result.stderr


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  b: 1\n c: 2\n", "3:2: YAML-syntaxfout: de inspringing klopt niet"),
        ("a: b: c\n", "1:5: YAML-syntaxfout: hier mag geen dubbele punt staan"),
        ('a: "b\n', "2:1: YAML-syntaxfout: het bestand houdt op midden in een tekst"),
        ("a:\n\t- b\n", "2:1: YAML-syntaxfout: hier staat een tab; spring in met spaties"),
        ("a: *x\n", "1:4: YAML-syntaxfout: een waarde begint met & of *"),
    ],
)
def test_syntax_errors_are_explained_in_dutch(text: str, expected: str, tmp_path: Path) -> None:
    from generators.inhoud.yamlsource import read

    path = tmp_path / "syntax-test.yaml"
    path.write_text(text, encoding="utf-8")
    source, problems = read(path, "x.yaml")
    assert source is None
    assert [f"{p.line}:{p.col}: {p.message}"[: len(expected)] for p in problems] == [expected]


def test_invalid_utf8_is_reported_not_raised(content_project: Path) -> None:
    (content_project / "content" / "begrip-latin1.yaml").write_bytes(
        "begrippen:\n  - term: caf\xe9\n".encode("latin-1")
    )
    result = wmwm("controleer", "--inhoud", str(content_project / "content"), cwd=content_project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/begrip-latin1.yaml:2:1: het bestand is geen geldige UTF-8-tekst; sla het op als UTF-8" in result.stderr
    )
    assert result.stderr.splitlines()[-1] == "1 fout gevonden; niets gebouwd."


def test_wrong_values_name_the_field(content_project: Path) -> None:
    err = controleer_with(
        content_project,
        "wetsartikelen:\n"
        "  - wet: wvo2020\n"
        "    artikel: '9.99'\n"
        "    onderwerp: Proef\n"
        "    geldig_vanaf: 2026-13-01\n"
        "    url: https://wetten.overheid.nl/x\n"
        "    leden:\n"
        "      - tekst: Proef.\n"
        "uitspraken:\n"
        "  - id: proef-soort\n"
        "    soort: moett\n"
        "    wie: school\n"
        "    onderwerp: bestaat-niet\n"
        "    regel: r\n"
        "    toelichting: t\n"
        "    bronnen:\n"
        "      - {wet: wvo2020, artikel: '2.104', lid: '1'}\n"
        "  - id: proef-artikel\n"
        "    soort: moet\n"
        "    wie: school\n"
        "    onderwerp: aanbieden\n"
        "    regel: r\n"
        "    toelichting: t\n"
        "    bronnen:\n"
        "      - {wet: wvo2020, artikel: '2.999', lid: '1'}\n"
        "    fase: voorbereiden\n",
    )
    assert "content/extra.yaml:5:5: wetsartikelen[0].geldig_vanaf: '2026-13-01' is geen geldige datum" in err
    assert (
        "content/extra.yaml:11:5: uitspraken[0].soort: "
        "verwacht een van 'moet', 'mag', 'mag-niet' of 'advies', gevonden 'moett'" in err
    )
    assert "content/extra.yaml:25:24: uitspraken[1].bronnen[0].artikel: artikel in wvo2020 '2.999' bestaat niet" in err


def test_an_uncertain_law_text_needs_its_note_and_a_parameter_reference_must_exist(content_project: Path) -> None:
    """`geldig_vanaf: onbekend` without what is known, `{id}` of no parameter, a calculation of unknown inputs:
    each named at its own line, all in one run."""
    err = controleer_with(
        content_project,
        "wetsartikelen:\n"
        "  - wet: wvo2020\n"
        "    artikel: '9.99'\n"
        "    onderwerp: Proef\n"
        "    geldig_vanaf: onbekend\n"
        "    url: https://wetten.overheid.nl/x\n"
        "    leden:\n"
        "      - tekst: Proef.\n"
        "parameters:\n"
        "  - id: proef-dagen\n"
        "    naam: Proef\n"
        "    eenheid: dagen\n"
        "    berekening: {deel: klokuren-buitenschools-min, door: uren-per-dag-kindd}\n"
        "uitspraken:\n"
        "  - id: proef-getal\n"
        "    soort: advies\n"
        "    wie: school\n"
        "    onderwerp: aanbieden\n"
        "    regel: Ten minste {dagen-buitenschools-min-kind} dagen en {uren-per-dag-kindje} uur.\n"
        "    toelichting: t\n"
        "    bronnen:\n"
        "      - {rapport: brochure-2021}\n"
        "    fase: voorbereiden\n",
    )
    assert (
        "content/extra.yaml:2:5: wetsartikelen[0]: de datum van deze tekst is 'onbekend': vul 'laatst_bekend' in" in err
    )
    assert (
        "content/extra.yaml:13:52: parameters[0].berekening.door: parameter 'uren-per-dag-kindd' bestaat niet; "
        "bedoelde u 'uren-per-dag-kind'?" in err
    )
    assert (
        "content/extra.yaml:19:5: uitspraken[0].regel: parameter 'uren-per-dag-kindje' bestaat niet; "
        "bedoelde u 'uren-per-dag-kind'?" in err
    )
    assert err.splitlines()[-1] == "3 fouten gevonden; niets gebouwd."


def test_a_statement_shows_the_computed_number() -> None:
    """640 hours at 7 a day: the build divides and rounds up; nobody types 92."""
    from generators.inhoud.content import load_content

    inhoud = load_content(ROOT / "content")
    values = {p.id: p.waarde for p in inhoud.parameters}
    hours, per_day = values["klokuren-buitenschools-min"], values["uren-per-dag-kind"]
    assert hours is not None and per_day is not None
    assert values["dagen-buitenschools-min-kind"] == math.ceil(hours / per_day)
    clause = next(c for o in inhoud.overeenkomsten for c in o.clausules if c.id == "duur-en-werktijden")
    assert not any("{" in lid.tekst.replace("{{", "").replace("}}", "") for lid in clause.leden)


def test_article_number_stays_text() -> None:
    """`artikel: 2.10` must not turn into the number 2.1."""
    from generators.inhoud.yamlsource import read

    path = ROOT / "tests" / "voorbeelden" / "getal-als-tekst.yaml"
    source, problems = read(path, "x.yaml")
    assert not problems and source is not None
    assert source.data["bronnen"][0]["artikel"] == "2.10"


def test_broken_rules_and_parameters_are_reported_with_file_and_line(content_project: Path) -> None:
    """A rule that names a missing field, a field of the wrong type or a missing parameter, and a parameter that
    cites a lid that does not exist: each reported at its own line."""
    path = content_project / "content" / "overeenkomsten" / "leer-werkovereenkomst.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("velden: [dagen_leerbedrijf, dagen_totaal]", "velden: [dagen_leerbedrijf, dagen_totaall]")
    text = text.replace("velden: [klokuren_leerbedrijf, klokuren_totaal]", "velden: [klokuren_leerbedrijf, startdatum]")
    text = text.replace("max: dagen-buitenschools-max\n", "max: dagen-buitenschools-maxx\n", 1)
    path.write_text(text, encoding="utf-8")
    parameters = content_project / "content" / "parameters.yaml"
    parameters.write_text(
        parameters.read_text(encoding="utf-8").replace('artikel: "2.38", lid: "9"}', 'artikel: "2.38", lid: "99"}', 1),
        encoding="utf-8",
    )
    result = wmwm("controleer", "--inhoud", str(content_project / "content"), cwd=content_project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    where = "content/overeenkomsten/leer-werkovereenkomst.yaml"
    assert any(
        line.startswith(f"{where}:{_line_of(path, 'dagen_totaall')}:")
        and "veld 'dagen_totaall' bestaat niet; bedoelde u 'dagen_totaal'?" in line
        for line in lines
    )
    assert any(
        line.startswith(f"{where}:{_line_of(path, '[klokuren_leerbedrijf, startdatum]')}:")
        and "veld 'startdatum' is van type 'datum'; hier hoort 'getal'" in line
        for line in lines
    )
    assert any(
        line.startswith(f"{where}:{_line_of(path, 'dagen-buitenschools-maxx')}:")
        and "parameter 'dagen-buitenschools-maxx' bestaat niet" in line
        for line in lines
    )
    bad_lid = _line_of(parameters, 'lid: "99"')
    assert any(
        line.startswith(f"content/parameters.yaml:{bad_lid}:") and "lid 99 bestaat niet in artikel 2.38" in line
        for line in lines
    )


WITHOUT_LAW = """\
uitspraken:
  - id: proef-moet-zonder-wet
    soort: moet
    wie: school
    onderwerp: aanbieden
    regel: Een MOET die alleen op de brochure rust.
    toelichting: De wet zegt het niet.
    bronnen:
      - {rapport: brochure-2021, vindplaats: hoofdstuk 01}
    fase: voorbereiden
  - id: proef-mag-niet-zonder-wet
    soort: mag-niet
    wie: school
    onderwerp: aanbieden
    regel: Een MAG NIET die alleen op onderzoek rust.
    toelichting: De wet zegt het niet.
    bronnen:
      - {rapport: monitor-2014}
    fase: voorbereiden
  - id: proef-advies-zonder-wet
    soort: advies
    wie: school
    onderwerp: aanbieden
    regel: Advies mag op praktijk rusten.
    toelichting: Goed gebruik, geen plicht.
    bronnen:
      - {rapport: brochure-2021}
    open_vraag:
      soort: niet-in-de-wet-geregeld
      tekst: De wet regelt dit niet.
    fase: voorbereiden
"""


def test_moet_and_mag_niet_without_a_law_citation_are_refused(content_project: Path) -> None:
    (content_project / "content" / "uitspraken" / "zonder-wet.yaml").write_text(WITHOUT_LAW, encoding="utf-8")
    result = wmwm("controleer", "--inhoud", str(content_project / "content"), cwd=content_project)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    advice = (
        "noemt ten minste één wetsartikel (wet, artikel en lid) dat het zegt; voeg dat toe aan 'bronnen', "
        "of maak er soort 'advies' van als het op praktijk of onderzoek rust"
    )
    assert lines[:2] == [
        f"content/uitspraken/zonder-wet.yaml:3:5: uitspraken[0].soort: een MOET-uitspraak {advice}",
        f"content/uitspraken/zonder-wet.yaml:12:5: uitspraken[1].soort: een MAG NIET-uitspraak {advice}",
    ]
    assert lines[-1] == "2 fouten gevonden; niets gebouwd."  # the ADVIES without law is fine


def test_every_moet_and_mag_niet_cites_law() -> None:
    from generators.inhoud.content import load_content

    uitspraken = load_content(ROOT / "content").uitspraken
    bare = [u.id for u in uitspraken if u.soort in ("moet", "mag-niet") and not any(b.is_law for b in u.bronnen)]
    assert bare == []
    assert any(u.soort == "advies" for u in uitspraken)


def test_a_circle_of_conditions_is_reported(content_project: Path) -> None:
    path = content_project / "content" / "overeenkomsten" / "leer-werkovereenkomst.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "        hulp: Kies ja als het leerbedrijf de leerling een vergoeding geeft. Dat is niet verplicht.\n",
        "        hulp: Kies ja als het leerbedrijf de leerling een vergoeding geeft. Dat is niet verplicht.\n"
        "        als: {veld: stagevergoeding_bedrag, is: [ja]}\n",
    )
    path.write_text(text, encoding="utf-8")
    result = wmwm("controleer", "--inhoud", str(content_project / "content"), cwd=content_project)
    assert result.returncode == 1
    assert "hangt via 'als' van stagevergoeding zelf af" in result.stderr
    assert "hangt via 'als' van stagevergoeding_bedrag zelf af" in result.stderr


# Each kind of rule has its own required keys; a broken rule is named at the line of the key, in Dutch.
BROKEN_RULES = [
    (
        "- soort: leeftijdd\n  velden: [startdatum]\n  reden: r\n",
        "1 regels[0].soort: verwacht een van 'na', 'ten-hoogste', 'leeftijd', 'verplicht-als', 'uren-per-dag', "
        "'dag-niet', 'tijdvak' of 'pauze', gevonden 'leeftijdd'",
    ),
    ("- velden: [startdatum]\n  reden: r\n", "1 regels[0].soort: verplicht veld 'soort' ontbreekt"),
    (
        "- soort: leeftijd\n  velden: [leerling_geboortedatum]\n  geboortedatum: leerling_geboortedatum\n"
        "  min: 12\n  max: 18\n  melding: m\n  reden: r\n",
        "1 regels[0].peildatum: verplicht veld 'peildatum' ontbreekt",
    ),
    (
        "- soort: leeftijd\n  velden: [leerling_geboortedatum]\n  geboortedatum: leerling_geboortedatum\n"
        "  pijldatum: startdatum\n  min: 12\n  max: 18\n  melding: m\n  reden: r\n",
        "4 regels[0].pijldatum: onbekend veld 'pijldatum'; bedoelde u 'peildatum'?",  # one typo, one message
    ),
    (
        "- soort: na\n  velden: [startdatum, einddatum]\n  uitkomst: klaar\n  melding: m\n  reden: r\n",
        "3 regels[0].uitkomst: onbekend veld 'uitkomst'; toegestaan:",
    ),
    (
        "- soort: na\n  velden: [startdatum, einddatum, startdatum]\n  melding: m\n  reden: r\n",
        "1 regels[0]: een regel 'na' vergelijkt precies twee 'velden'",
    ),
    (
        "- soort: ten-hoogste\n  velden: [a, b]\n  melding: ''\n  reden: r\n",
        "3 regels[0].melding: 'melding' mag niet leeg zijn",
    ),
    (
        "- soort: dag-niet\n  velden: [praktijkdagen]\n  geboortedatum: g\n  peildatum: p\n  reden: r\n"
        "  grenzen:\n    - {dag: zondag}\n",
        "7 regels[0].grenzen[0]: een leeftijdsgrens met 'dag' heeft een 'melding'",
    ),
    (
        "- soort: verplicht-als\n  velden: [ouder_naam]\n  melding: m\n  reden: r\n",
        "1 regels[0].als: verplicht veld 'als' ontbreekt",
    ),
    (
        "- soort: uren-per-dag\n  velden: [werktijden]\n  geboortedatum: g\n  peildatum: p\n  grenzen: []\n",
        "5 regels[0].grenzen: lijst heeft ten minste 1 item(s) nodig",
    ),
    (
        "- soort: uren-per-dag\n  velden: [werktijden]\n  geboortedatum: g\n  peildatum: p\n  grenzen:\n"
        "    - {max: 8, melding: m}\n",
        "1 regels[0]: een regel noemt zijn 'bronnen' (wetsartikel) of een 'reden'",
    ),
]


def test_a_derived_value_is_checked_like_a_rule(content_project: Path) -> None:
    """A derived value's phases, its date fields and a condition on it are checked, each at its own line."""
    path = content_project / "content" / "overeenkomsten" / "leer-werkovereenkomst.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("            omschrijving: de leerling op de startdatum 18 jaar of ouder is\n", "")
    text = text.replace("          - naam: volwassen\n", "")
    text = text.replace("        einddatum: einddatum\n", "        einddatum: eindatum\n", 1)
    text = text.replace("als: {veld: leeftijdsfase, is: [kind]}", "als: {veld: leeftijdsfase, is: [kindje]}", 1)
    path.write_text(text, encoding="utf-8")
    result = wmwm("controleer", cwd=content_project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any("afgeleid[1]: de laatste fase heeft geen 'tot'" in line for line in lines), lines
    assert lines[-1] == "1 fout gevonden; niets gebouwd."  # the broken value is not loaded: no echoes


@pytest.mark.parametrize(("rules", "expected"), BROKEN_RULES)
def test_each_kind_of_rule_names_its_own_missing_or_unknown_key(rules: str, expected: str, tmp_path: Path) -> None:
    from generators.inhoud.load import load

    text = (ROOT / "content" / "overeenkomsten" / "leer-werkovereenkomst.yaml").read_text(encoding="utf-8")
    head, rest = text.split("    regels:\n")
    tail = rest[rest.index("    clausules:\n") :]
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "o.yaml").write_text(
        head + "    regels:\n" + "".join(f"      {line}\n" for line in rules.splitlines()) + tail, encoding="utf-8"
    )
    _, problems, _ = load(tmp_path / "content")
    first_rule = head.count("\n") + 2
    found = [f"{p.line - first_rule + 1} {p.field.removeprefix('overeenkomsten[0].')}: {p.message}" for p in problems]
    found = [line for line in found if "publicatie" not in line]
    wanted = expected.splitlines()
    assert len(found) == len(wanted) and all(f.startswith(w) for f, w in zip(found, wanted, strict=True)), found


def test_a_statement_without_wie_or_with_an_unknown_wie_is_reported_with_file_and_line(content_project: Path) -> None:
    """`wie` (who carries the statement) is required and one of the declared parties, named at its line."""
    path = content_project / "content" / "uitspraken" / "aanbieden.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    wie_lines = [i for i, line in enumerate(lines) if line == "    wie: school\n"]
    assert len(wie_lines) >= 2
    missing, unknown = wie_lines[0], wie_lines[1]
    lines[unknown] = "    wie: scholen\n"
    del lines[missing]  # the first statement has no `wie` any more
    path.write_text("".join(lines), encoding="utf-8")
    id_line = _line_of(path, "- id: lwt-samenwerkingsovereenkomst-verplicht")
    result = wmwm("controleer", "--inhoud", str(content_project / "content"), cwd=content_project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = result.stderr.strip().splitlines()
    assert problems[-1] == "2 fouten gevonden; niets gebouwd.", result.stderr
    assert problems[0] == (
        f"content/uitspraken/aanbieden.yaml:{id_line}:5: uitspraken[0].wie: verplicht veld 'wie' ontbreekt"
    )
    assert problems[1].startswith(f"content/uitspraken/aanbieden.yaml:{unknown}:5: uitspraken[1].wie: "), problems[1]
    assert "'scholen'" in problems[1] and "'school'" in problems[1], problems[1]


def test_an_example_row_the_rules_refuse_is_reported_and_nothing_is_built(project: Path) -> None:
    """The blank file's example row must pass the agreement's rules (a break of 0 minutes on a 6.5-hour day does
    not): `controleer` and `bouw` name the field's `voorbeeld` at its line, and nothing is built."""
    path = project / "content" / "overeenkomsten" / "leer-werkovereenkomst.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('voorbeeld: "30"', 'voorbeeld: "0"', 1), encoding="utf-8")
    line = _line_of(path, 'voorbeeld: "0"')
    for command in (["controleer"], ["bouw", "--uitvoer", str(project / "site")]):
        result = wmwm(*command, cwd=project)
        assert result.returncode == 1, command
        problem = next(p for p in result.stderr.splitlines() if "voorbeeldrij" in p)
        assert problem.startswith(f"content/overeenkomsten/leer-werkovereenkomst.yaml:{line}:"), problem
        assert ".voorbeeld: de voorbeeldrij van het invulbestand wordt geweigerd: " in problem, problem
        assert "ten minste 30 minuten" in problem and "Geef dit veld een 'voorbeeld'" in problem
    assert not (project / "site").exists()
