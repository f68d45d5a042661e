"""Law-change guard: a changed lid text makes `wmwm controleer` name exactly the statements and clauses citing it."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import ARTICLE, change_lid_text, wmwm_in

from generators.inhoud.content import load_content
from generators.inhoud.model import Bron, Inhoud, Lid, Onderdeel
from generators.inhoud.review import lid_hash

REPORTED = re.compile(r"^(\S+?):(\d+):\d+: \S+ opnieuw beoordelen: (?:uitspraak|clausule) '([^']+)'", re.MULTILINE)


def _cites(bronnen: list[Bron], lid: str | None) -> bool:
    return any((b.wet, b.artikel) == ARTICLE and b.lid == lid for b in bronnen)


def citers(inhoud: Inhoud, lid: str | None) -> dict[str, str]:
    """id -> 'file:line' of every statement and clause citing lid `lid` of art. 2.103, computed from the content."""
    found = {u.id: u.where for u in inhoud.uitspraken if _cites(u.bronnen, lid)}
    for o in inhoud.overeenkomsten:
        for i, c in enumerate(o.clausules):
            if _cites(c.bronnen, lid):
                p = o.problem("clausules", i, message="")
                found[f"{o.id}/{c.id}"] = f"{p.file}:{p.line}"
    return found


def test_changed_lid_lists_exactly_its_citers_until_reviewed(content_project: Path) -> None:
    setup = wmwm_in(content_project, "beoordeel", "--alles")
    assert setup.returncode == 0, setup.stderr
    clean = wmwm_in(content_project, "controleer")
    assert clean.returncode == 0, clean.stderr

    inhoud = load_content(content_project / "content")
    artikel = next(a for a in inhoud.wetsartikelen if (a.wet, a.artikel) == ARTICLE)
    lid = max((x.nr for x in artikel.leden), key=lambda nr: len(citers(inhoud, nr)))
    expected = citers(inhoud, lid)
    assert len(expected) >= 2, "art. 2.103 should have a lid that more than one statement or clause cites"
    change_lid_text(content_project, inhoud, lid)
    # The edited lid now really has another text (and the citers of other leden are unaffected).
    changed = load_content(content_project / "content")
    new_artikel = next(a for a in changed.wetsartikelen if (a.wet, a.artikel) == ARTICLE)
    assert new_artikel.find_lid(lid) != artikel.find_lid(lid)

    result = wmwm_in(content_project, "controleer")
    assert result.returncode == 1
    reported = {m.group(3): f"{m.group(1)}:{m.group(2)}" for m in REPORTED.finditer(result.stderr)}
    assert reported == expected, result.stderr
    assert "nog niet beoordeeld" not in result.stderr
    assert f"wvo2020 2.103 lid {lid}" in result.stderr

    review = wmwm_in(content_project, "beoordeel", *sorted(expected))
    assert review.returncode == 0, review.stderr
    again = wmwm_in(content_project, "controleer")
    assert again.returncode == 0, again.stderr


def test_new_citation_and_unreviewed_statement_are_reported(content_project: Path) -> None:
    assert wmwm_in(content_project, "beoordeel", "--alles").returncode == 0
    extra = content_project / "content" / "uitspraken" / "nieuw.yaml"
    extra.write_text(
        "uitspraken:\n"
        "  - id: test-nieuwe-uitspraak\n"
        "    soort: moet\n"
        "    wie: school\n"
        "    onderwerp: aanbieden\n"
        "    regel: Een nieuwe uitspraak.\n"
        "    toelichting: Nog niet nagelezen.\n"
        "    fase: voorbereiden\n"
        "    bronnen:\n"
        "      - {wet: wvo2020, artikel: '2.103', lid: '2'}\n",
        encoding="utf-8",
    )
    result = wmwm_in(content_project, "controleer")
    assert result.returncode == 1
    assert (
        "content/uitspraken/nieuw.yaml:2:5: uitspraken[0]: nog niet beoordeeld: uitspraak 'test-nieuwe-uitspraak'"
        in (result.stderr)
    )
    assert wmwm_in(content_project, "beoordeel", "test-nieuwe-uitspraak").returncode == 0
    assert wmwm_in(content_project, "controleer").returncode == 0
    extra.write_text(extra.read_text(encoding="utf-8") + "      - {wet: wvo2020, artikel: '2.103', lid: '6'}\n")
    result = wmwm_in(content_project, "controleer")
    assert result.returncode == 1
    assert "'test-nieuwe-uitspraak': wvo2020 2.103 lid 6 (" in result.stderr
    assert "wordt nu ook geciteerd" in result.stderr


def test_unknown_id_is_refused_with_a_hint(content_project: Path) -> None:
    inhoud = load_content(content_project / "content")
    some = next(u.id for u in inhoud.uitspraken if any(b.is_law for b in u.bronnen))
    ledger = content_project / "content" / "beoordelingen.yaml"
    before = ledger.read_bytes() if ledger.exists() else None
    result = wmwm_in(content_project, "beoordeel", some, some[:-1])
    assert result.returncode == 1
    assert f"bedoelde u '{some}'?" in result.stderr
    assert "Niets vastgelegd." in result.stderr
    assert (ledger.read_bytes() if ledger.exists() else None) == before


def test_hash_covers_onderdelen_but_not_line_wrapping() -> None:
    lid = Lid(nr="5", tekst="Het bevoegd gezag stelt vast:", onderdelen=[Onderdeel(nr="a", tekst="de begeleiding; en")])
    rewrapped = Lid(
        nr="5", tekst="Het bevoegd  gezag\nstelt vast:", onderdelen=[Onderdeel(nr="a", tekst="de begeleiding; en")]
    )
    changed = Lid(nr="5", tekst="Het bevoegd gezag stelt vast:", onderdelen=[Onderdeel(nr="a", tekst="de begeleiding")])
    assert lid_hash(lid) == lid_hash(rewrapped)
    assert lid_hash(lid) != lid_hash(changed)
    assert len(lid_hash(lid)) == 10
