"""Law text in content/ is the official text, word for word, and `wmwm wetten importeer` puts it there."""

from __future__ import annotations

from pathlib import Path

import yaml
from helpers import ROOT, wmwm, wmwm_in

from generators.inhoud.content import load_content
from generators.inhoud.lawimport import joined, parse_leden, plain, read_source, source_articles

SOURCES = sorted((ROOT / "bronnen" / "wetten").glob("*.yaml"))


def test_both_source_files_are_kept_in_the_project() -> None:
    assert [p.name for p in SOURCES] == ["aanvulling_bron.yaml", "wetsartikelen_bron.yaml"]


def test_every_article_matches_the_official_text() -> None:
    inhoud = load_content(ROOT / "content")
    wet_ids = {w.bwb_id: w.id for w in inhoud.wetten}
    ours = {(a.wet, a.artikel): a for a in inhoud.wetsartikelen}
    covered = set()
    for path in SOURCES:
        entries = read_source(path.read_text(encoding="utf-8"), path.name)
        for item in source_articles(entries):
            key = (wet_ids[item["bwb_id"]], item["artikel"])
            article = ours[key]
            assert joined(article.leden) == plain(item["tekst"]), article.id
            assert article.url == item["url"]
            assert (article.geldig_vanaf.isoformat() if article.geldig_vanaf else "onbekend") == item["geldig_vanaf"]
            covered.add(key)
        merged = " ".join(joined(a.leden) for a in ours.values())
        for entry in entries:  # each unit of a split article, too
            assert plain(entry["tekst"]) in merged, entry["artikel"]
    assert covered == set(ours), "artikelen in content/ zonder bron in bronnen/wetten/"


NRK_3_1_LID_2 = {
    "a": "op zondag geen arbeid verricht;",
    "b": "een onafgebroken rusttijd heeft van ten minste 14 uren in elke periode van 24 aaneengesloten uren, waarin de "
    "periode tussen 19.00 uur en 07.00 uur begrepen is.",
    "c": "niet langer arbeid verricht dan 35 uren per week, waarvan ten hoogste 7 uren per dag;",
    "d": "indien op een dag langer arbeid wordt verricht dan 4,5 uur, die arbeid afwisselt met een pauze van ten "
    "minste "
    "een half uur aaneengesloten.",
}


def test_young_pupils_rules_are_word_for_word() -> None:
    """The limits a school plans a 14- or 15-year-old's day by, each onderdeel exactly as the regulation words it."""
    inhoud = load_content(ROOT / "content")
    nrk = next(a for a in inhoud.wetsartikelen if (a.wet, a.artikel) == ("nrk", "3:1"))
    lid = nrk.find_lid("2")
    assert lid is not None
    assert {o.nr: o.tekst for o in lid.onderdelen} == NRK_3_1_LID_2
    assert nrk.versie_onzeker and nrk.laatst_bekend is not None and nrk.laatst_bekend.isoformat() == "2014-10-16"
    assert "wetten.overheid.nl" in (nrk.versie_opmerking or "")
    atw_3_4 = next(a for a in inhoud.wetsartikelen if (a.wet, a.artikel) == ("atw", "3:4"))
    assert atw_3_4.leden[0].tekst.startswith("De werkgever zorgt ervoor dat een ieder, die over een kind het ouderlijk")
    bw_233 = next(a for a in inhoud.wetsartikelen if (a.wet, a.artikel) == ("bw1", "233"))
    assert bw_233.leden[0].tekst == (
        "Minderjarigen zijn zij die de leeftijd van achttien jaren niet hebben bereikt en evenmin met toepassing van "
        "artikel 253ha meerderjarig zijn verklaard."
    )


def test_lid_split_units_become_one_article() -> None:
    inhoud = load_content(ROOT / "content")
    atb = [a for a in inhoud.wetsartikelen if a.wet == "atb"]
    assert [a.artikel for a in atb] == ["5.4:3"]
    assert atb[0].lid_numbers == ["1", "2", "3", "4", "5"]
    assert [o.nr for o in atb[0].leden[2].onderdelen] == ["a", "b", "c", "d"]


def test_parser_keeps_every_word() -> None:
    text = (
        "1 Eerste lid met [artikel 2.22, eerste lid][ref1]:\n\na. een;\n\n1°. sub; en\n\n"
        "b. twee.\n\nSlotzin.\n\n2 Tweede\nlid."
    )
    leden = parse_leden(text)
    assert [lid.nr for lid in leden] == ["1", "2"]
    assert leden[0].onderdelen[0].onderdelen[0].nr == "1°"
    assert leden[0].slot == "Slotzin."
    assert joined(leden) == plain(text)


def _source(path: Path, entries: list[dict[str, str]]) -> Path:
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _entry(artikel: str, tekst: str, **extra: str) -> dict[str, str]:
    return {
        "wet": "Wet voortgezet onderwijs 2020",
        "bwb_id": "BWBR0044212",
        "geldig_vanaf": "2026-08-01",
        "url": f"https://wetten.overheid.nl/BWBR0044212/2026-08-01#Artikel{artikel}",
        "artikel": artikel,
        "tekst": tekst,
    } | extra


def test_importeer_updates_text_keeps_editorial_fields_and_names_what_to_review(content_project: Path) -> None:
    before = next(a for a in load_content(content_project / "content").wetsartikelen if a.id == "wvo2020-2.105")
    lid2 = "2 De Stichting Samenwerking Beroepsonderwijs Bedrijfsleven beoordeelt het leerbedrijf elk jaar."
    leden = [f"{lid.nr} {lid.tekst}" if lid.nr != "2" else lid2 for lid in before.leden]
    bron = _source(content_project / "wijziging.yaml", [_entry("2.105", "\n\n".join(leden))])
    result = wmwm_in(content_project, "wetten", "importeer", str(bron))
    assert result.returncode == 0, result.stderr
    assert "Gewijzigd: wvo2020 2.105" in result.stdout
    assert "opnieuw beoordelen" in result.stdout and "leerbedrijf-sbb-beoordeelt-eens-in-vier-jaar" in result.stdout
    after = next(a for a in load_content(content_project / "content").wetsartikelen if a.id == "wvo2020-2.105")
    assert after.find_lid("2") is not None and after.find_lid("2").tekst == lid2[2:]  # type: ignore[union-attr]
    assert (after.onderwerp, after.vervangt) == (before.onderwerp, before.vervangt)
    assert (content_project / "bronnen" / "wetten" / "wijziging.yaml").exists()
    assert "wmwm beoordeel" in wmwm_in(content_project, "controleer").stderr


def test_importeer_adds_a_new_wet_by_flag_or_prompt(content_project: Path) -> None:
    new = {"wet": "Wet op de proef", "bwb_id": "BWBR0099999"}
    bron = _source(content_project / "proef.yaml", [_entry("1:1", "1 Eerste lid.\n\n2 Tweede lid.", **new)])
    by_flag = wmwm_in(content_project, "wetten", "importeer", str(bron), "--wet", "BWBR0099999=proef:Proefwet")
    assert by_flag.returncode == 0, by_flag.stderr
    assert "Nieuwe wet: proef (Wet op de proef)" in by_flag.stdout
    inhoud = load_content(content_project / "content")
    assert any(w.id == "proef" and w.afkorting == "Proefwet" for w in inhoud.wetten)
    article = next(a for a in inhoud.wetsartikelen if a.wet == "proef")
    assert article.lid_numbers == ["1", "2"] and article.onderwerp == "ONDERWERP INVULLEN"
    other = _source(content_project / "ander.yaml", [_entry("2", "Enige lid.", wet="Andere wet", bwb_id="BWBR0088888")])
    prompted = wmwm("wetten", "importeer", str(other), cwd=content_project, input="Andere\n\n")
    assert prompted.returncode == 0, prompted.stderr
    assert "Korte naam" in prompted.stdout
    assert any(w.id == "andere" for w in load_content(content_project / "content").wetten)


def test_importeer_refuses_a_broken_source_and_changes_nothing(content_project: Path) -> None:
    before = (content_project / "content" / "wetsartikelen" / "wvo-2020.yaml").read_text(encoding="utf-8")
    bron = _source(content_project / "kapot.yaml", [{"wet": "X", "artikel": "1"}, _entry("2.105", "")])
    result = wmwm_in(content_project, "wetten", "importeer", str(bron))
    assert result.returncode == 1
    assert "artikel 1: ontbreekt: bwb_id, geldig_vanaf, url, tekst" in result.stderr
    assert "artikel 2: ontbreekt: tekst" in result.stderr
    assert (content_project / "content" / "wetsartikelen" / "wvo-2020.yaml").read_text(encoding="utf-8") == before
