"""Agreements a school can sign as they come out, in clean Word files (issue 10, part B).

Signature blocks per signing party with the typed names, only the parties that sign; no "Voorbeeld" or "(als …)"
in a tailored contract; real Word bullets and heading styles; clause numbers that follow what is kept; core
properties from content/publicatie.yaml; the same content gives the same bytes; every file passes a real OOXML
validator. Each is read from the XML and, for the contract as a whole, back through LibreOffice.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import HOSTILE, ROOT, pdf_text, valid_values
from lxml import etree
from ooxml import ooxml_problems

from generators.docx.reference import build_reference
from generators.docx.template import PANDOC_RUNS
from generators.inhoud.content import load_content
from generators.inhoud.publication import site_meta
from generators.overeenkomsten.documenten import FILL_IN_LINE, Agreements
from generators.site.downloads import agreement_downloads
from generators.site.samenstellen import all_webform_files

INHOUD = load_content(ROOT / "content")
META = site_meta(INHOUD)
BUILDER = Agreements(ROOT, META)
AGREEMENTS = {o.id: o for o in INHOUD.overeenkomsten}
LWO = AGREEMENTS["leer-werkovereenkomst"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {
    "w": W[1:-1],
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
SIGNERS = {
    "school_vertegenwoordiger_naam": "Anna de Wit",
    "school_vertegenwoordiger_functie": "Teamleider bovenbouw",
    "leerling_naam": "Sem Jansen",
    "ouder_naam": "Fatima Jansen-El Amrani",
    "leerbedrijf_vertegenwoordiger_naam": "Kees Bakker",
    "leerbedrijf_vertegenwoordiger_functie": "Bedrijfsleider",
}
WERK = ["Bestellingen klaarzetten", "Klanten helpen bij de kassa"]


def lwo_values(born: str) -> dict[str, Any]:
    values = valid_values(LWO) | SIGNERS
    values.update(leerling_geboortedatum=born, startdatum="2026-09-01", werkzaamheden=WERK, stagevergoeding="nee")
    values["school_adres"] = "Schoolstraat 12\n3011 AB Rotterdam"  # typed on two lines, read in one sentence
    values.pop("stagevergoeding_bedrag", None)
    if born < "2008-09-01":  # 18 or older on the start date: no parent
        values.update(ouder_naam="", ouder_adres="", ouder_telefoon="")
    return values


MINOR, ADULT = lwo_values("2011-03-15"), lwo_values("2001-05-20")


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def text_of(node: etree._Element) -> str:
    return "".join(t.text or "" for t in node.iter(f"{W}t"))


def body_blocks(data: bytes) -> list[etree._Element]:
    return list(part(data, "word/document.xml").find(f"{W}body"))  # type: ignore[arg-type]


def signature_tables(data: bytes) -> list[etree._Element]:
    return [b for b in body_blocks(data) if b.tag == f"{W}tbl" and "Handtekening:" in text_of(b)]


def flat(text: str) -> str:
    return " ".join(text.split())


# --- read back through LibreOffice ---------------------------------------------------------------------------


@pytest.mark.office
@pytest.mark.parametrize("who", ["minderjarig", "meerderjarig"])
def test_tailored_contract_reads_back_ready_to_sign(tmp_path: Path, who: str) -> None:
    values = MINOR if who == "minderjarig" else ADULT
    data = BUILDER.tailored(LWO, values)
    path = tmp_path / f"{who}.docx"
    path.write_bytes(data)
    layout = pdf_text(path)
    text = flat(layout)
    assert "Voorbeeld" not in text and "(als" not in text and "⟦" not in text and FILL_IN_LINE not in text
    assert "Schoolstraat 12, 3011 AB Rotterdam, in deze overeenkomst vertegenwoordigd door Anna de Wit" in text
    signing = text[text.index("Ondertekening") :]
    school, pupil, company = SIGNERS["school_vertegenwoordiger_naam"], SIGNERS["leerling_naam"], "Kees Bakker"
    assert f"Naam: {school} Functie: {SIGNERS['school_vertegenwoordiger_functie']} Plaats: Datum: Handtekening:" in (
        signing
    )
    assert f"De leerling Naam: {pupil} Plaats: Datum: Handtekening:" in signing  # a pupil has no function
    assert f"Naam: {company} Functie: Bedrijfsleider Plaats: Datum: Handtekening:" in signing
    parent = f"De ouder of wettelijk vertegenwoordiger Naam: {SIGNERS['ouder_naam']} Plaats: Datum: Handtekening:"
    if who == "minderjarig":
        assert parent in signing
        assert signing.count("Handtekening:") == 4
        assert "1.3 Omdat de leerling op de startdatum minderjarig is" in text
        assert "1.5 Partijen sluiten" in text
    else:
        assert SIGNERS["ouder_naam"] not in text and "De ouder of wettelijk vertegenwoordiger" not in signing
        assert signing.count("Handtekening:") == 3  # one block fewer
        assert "minderjarig is, sluit hij" not in text
        # an adult signs himself (WVO 2.103 lid 6; BW 1:233): his own lid instead of the parent's
        assert "1.3 Omdat de leerling op de startdatum meerderjarig is, sluit hij deze overeenkomst zelf" in text
        assert "1.5 Partijen sluiten" in text
    for item in WERK:
        assert re.search(rf"^\s*•\s+{re.escape(item)}\s*$", layout, re.M), item  # a bullet, on its own line


@pytest.mark.office
def test_blank_download_keeps_fill_in_lines_and_hints(tmp_path: Path) -> None:
    path = tmp_path / "blanco.docx"
    path.write_bytes(BUILDER.generic(LWO))
    text = flat(pdf_text(path))
    assert "Voorbeeldovereenkomst" in text
    assert "[Alleen opnemen als 'Vergoeding door het leerbedrijf' is: ja]" in text
    assert f"Naam: {FILL_IN_LINE} [Naam van de leerling]" in text
    assert text.count("Handtekening:") == len(LWO.ondertekening)
    assert "⟦" not in text


def test_blank_hint_above_a_signature_block_stays_with_it() -> None:
    blocks = body_blocks(BUILDER.generic(LWO))
    parent = next(i for i, b in enumerate(blocks) if text_of(b).startswith("De ouder of wettelijk vertegenwoordiger"))
    hint = blocks[parent - 1]
    assert text_of(hint) == "[Alleen opnemen als de leerling op 'Startdatum' jonger is dan 18 jaar]"
    assert hint.find(f"{W}pPr/{W}keepNext") is not None


# --- the XML ----------------------------------------------------------------------------------------------------


def test_signature_blocks_are_tables_that_stay_on_one_page() -> None:
    tables = signature_tables(BUILDER.tailored(LWO, MINOR))
    assert len(tables) == len(LWO.ondertekening)
    for table in tables:
        rows = table.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        for row in rows[:-1]:  # every row keeps with the next, so the block never breaks over a page
            assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p"))
        height = rows[-1].find(f"{W}trPr/{W}trHeight")
        assert height is not None and int(height.get(f"{W}val", "0")) >= 1134  # 2 cm to sign in
    pupil = next(t for t in tables if text_of(t).startswith("De leerling"))
    assert "Functie:" not in text_of(pupil) and SIGNERS["leerling_naam"] in text_of(pupil)
    school = text_of(tables[0])
    assert SIGNERS["school_vertegenwoordiger_naam"] in school and SIGNERS["school_vertegenwoordiger_functie"] in school


def test_adult_pupil_has_no_parent_block_and_clause_1_3_is_settled() -> None:
    minor, adult = BUILDER.tailored(LWO, MINOR), BUILDER.tailored(LWO, ADULT)
    assert len(signature_tables(adult)) == len(signature_tables(minor)) - 1
    assert all("ouder" not in text_of(t).lower() for t in signature_tables(adult))
    for data in (minor, adult):
        assert "Alleen opnemen" not in text_of(part(data, "word/document.xml"))


def headings(data: bytes) -> list[tuple[str, str]]:
    out = []
    for p in part(data, "word/document.xml").iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val", "").startswith("Heading"):
            out.append((style.get(f"{W}val", ""), text_of(p)))
    return out


def test_clause_numbers_are_filled_in_for_the_clauses_kept() -> None:
    with_fee = BUILDER.tailored(LWO, MINOR | {"stagevergoeding": "ja", "stagevergoeding_bedrag": "50"})
    without = BUILDER.tailored(LWO, MINOR)
    for data, count in ((with_fee, len(LWO.clausules)), (without, len(LWO.clausules) - 1)):
        articles = [t for style, t in headings(data) if t.startswith("Artikel")]
        assert all(style == "Heading1" for style, _ in headings(data))  # Word heading styles
        assert [int(re.match(r"Artikel (\d+)\.", t).group(1)) for t in articles] == list(range(1, count + 1))  # type: ignore[union-attr]
    assert any("Vergoeding" in t for _, t in headings(with_fee))
    assert not any("Vergoeding" in t for _, t in headings(without))


def test_list_answers_are_word_bullets() -> None:
    data = BUILDER.tailored(LWO, MINOR)
    numbering = part(data, "word/numbering.xml")
    items = [p for p in part(data, "word/document.xml").iter(f"{W}p") if text_of(p) in WERK]
    assert [text_of(p) for p in items] == WERK
    for p in items:
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        assert num is not None, "list item without Word numbering"
        abstract = numbering.xpath(f"w:num[@w:numId='{num.get(W + 'val')}']/w:abstractNumId/@w:val", namespaces=NS)
        fmt = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract[0]}']/w:lvl[@w:ilvl='0']", namespaces=NS)
        assert fmt[0].find(f"{W}numFmt").get(f"{W}val") == "bullet"
        assert fmt[0].find(f"{W}lvlText").get(f"{W}val") == "•"
    assert not any(text_of(p).startswith(("- ", "• ")) for p in part(data, "word/document.xml").iter(f"{W}p"))


def test_core_and_app_properties() -> None:
    data = BUILDER.tailored(LWO, MINOR)
    core = part(data, "docProps/core.xml")

    def one(path: str) -> str:
        return str(core.xpath(f"string({path})", namespaces=NS))

    assert one("dc:title") == LWO.titel
    assert one("dc:subject") == LWO.doel
    assert one("dc:language") == "nl-NL"
    assert one("cp:version") == META["versie"]
    assert one("dcterms:created") == one("dcterms:modified") == f"{META['peildatum']}T00:00:00Z"
    custom = etree.tostring(part(data, "docProps/custom.xml"), encoding="unicode")
    assert 'name="peildatum"' in custom and META["peildatum"] in custom
    app = etree.tostring(part(data, "docProps/app.xml"), encoding="unicode")
    for stale in ("Microsoft Word", "<Words>", "<Pages>", "<TotalTime>", "<Characters>"):
        assert stale not in app


def test_reference_document_styles_are_complete() -> None:
    with zipfile.ZipFile(io.BytesIO(build_reference())) as z:
        styles = z.read("word/styles.xml").decode()
        assert "Microsoft Word" not in z.read("docProps/app.xml").decode()
    ids = set(re.findall(r'w:styleId="([^"]+)"', styles))
    refs = set(re.findall(r'<w:(?:basedOn|link|next) w:val="([^"]+)"', styles))
    assert refs <= ids, refs - ids
    assert len(re.findall(r'w:type="table" w:default="1"', styles)) == 1


# --- same content, same bytes; one template; pandoc once per agreement ---------------------------------------


@pytest.mark.build
def test_same_content_gives_the_same_bytes_and_pandoc_runs_once_per_agreement(tmp_path: Path) -> None:
    builds = []
    for name in ("een", "twee"):  # two cold builds: no cache shared
        root = tmp_path / name
        shutil.copytree(ROOT / "templates", root / "templates")
        before = PANDOC_RUNS["count"]
        files = agreement_downloads(INHOUD, root, META) | all_webform_files(INHOUD, root, META)
        assert PANDOC_RUNS["count"] - before == len(AGREEMENTS)  # however many switches an agreement has
        builder = Agreements(root, META)
        files["op-maat.docx"] = builder.tailored(LWO, MINOR)
        builds.append(files)
    assert builds[0] == builds[1]
    templates = [n for n in builds[0] if n.startswith("samenstellen/") and n.endswith(".docx")]
    assert len(templates) == len(AGREEMENTS)
    with zipfile.ZipFile(io.BytesIO(builds[0]["op-maat.docx"])) as z:
        assert {i.date_time[:3] for i in z.infolist()} == {tuple(int(x) for x in META["peildatum"].split("-"))}


@pytest.mark.build
def test_built_site_holds_one_template_per_agreement(built_site: Path) -> None:
    for o in INHOUD.overeenkomsten:
        assert len(list((built_site / "samenstellen" / o.id).glob("*.docx"))) == 1, o.id


# --- a real OOXML validator ---------------------------------------------------------------------------------


@pytest.mark.parametrize("agreement", sorted(AGREEMENTS))
def test_every_generated_docx_validates(agreement: str) -> None:
    o = AGREEMENTS[agreement]
    documents = {
        "blanco": BUILDER.generic(o),
        "op maat": BUILDER.tailored(o, valid_values(o)),
        "vijandig": BUILDER.tailored(o, valid_values(o, HOSTILE)),
    }
    if o is LWO:
        documents |= {"minderjarig": BUILDER.tailored(o, MINOR), "meerderjarig": BUILDER.tailored(o, ADULT)}
    for kind, data in documents.items():
        assert ooxml_problems(data) == [], kind
