"""Stappenplan metadata: every statement has a valid phase and conditions; controleer names file:line otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ROOT, wmwm_in

from generators.inhoud.content import load_content
from generators.inhoud.model import Inhoud, Uitspraak
from generators.inhoud.stappenplan import OngeldigeAntwoorden, stappenplan

LWT = {
    "route": "leer-werktraject",
    "situatie": "eerste-leerling",
    "leeftijd": "onder-16",
    "samenwerkingsovereenkomst": "nee",
    "leerbedrijf": "weet-niet",
}


def _line_of(path: Path, pattern: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if re.search(pattern, line)
    )


def _break(project: Path, old: str, new: str) -> tuple[str, int]:
    """Replace the first line matching `old` in aanbieden.yaml; returns the file and line number."""
    path = project / "content" / "uitspraken" / "aanbieden.yaml"
    line = _line_of(path, old)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = re.sub(old, new, lines[line - 1])
    path.write_text("".join(lines), encoding="utf-8")
    return "content/uitspraken/aanbieden.yaml", line


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (r"fase: voorbereiden$", "fase: voorbereiding", "fase", "fase 'voorbereiding' bestaat niet"),
        (
            r"^      route: \[leer-werktraject\]",
            "      routes: [leer-werktraject]",
            "geldt_voor.routes",
            "vraag 'routes' bestaat niet; bedoelde je 'route'?",
        ),
        (
            r"^      route: \[leer-werktraject\]",
            "      route: [leerwerktraject]",
            "geldt_voor.route[0]",
            "antwoord op vraag 'route' 'leerwerktraject' bestaat niet; bedoelde je 'leer-werktraject'?",
        ),
        (
            r"^      samenwerkingsovereenkomst: \[ja\]",
            "      samenwerkingsovereenkomst: [misschien]",
            "klaar_als.samenwerkingsovereenkomst[0]",
            "antwoord op vraag 'samenwerkingsovereenkomst' 'misschien' bestaat niet",
        ),
    ],
)
def test_controleer_rejects_unknown_fase_or_condition(
    project: Path, old: str, new: str, field: str, message: str
) -> None:
    file, line = _break(project, old, new)
    result = wmwm_in(project, "controleer")
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert problems[-1] == "1 fout gevonden; niets gebouwd.", result.stderr
    assert problems[0].startswith(f"{file}:{line}:"), problems[0]
    assert f": uitspraken[0].{field}: {message}" in problems[0]


def test_a_kind_without_a_block_is_reported(project: Path) -> None:
    path = project / "content" / "stappenplan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("soorten: [mag]", "soorten: [moet]"), encoding="utf-8")
    result = wmwm_in(project, "controleer")
    assert result.returncode == 1
    assert "uitspraken[1].soort: geen rubriek in content/stappenplan.yaml toont uitspraken van soort 'mag'" in (
        result.stderr
    )


def test_every_statement_has_a_phase_and_route() -> None:
    inhoud = load_content(ROOT / "content")
    fasen = {f.id for f in inhoud.fasen}
    assert all(u.fase in fasen for u in inhoud.uitspraken)
    assert [u.id for u in inhoud.uitspraken if "route" not in u.geldt_voor] == []


def test_answers_change_the_checklist() -> None:
    inhoud = load_content(ROOT / "content")
    lwt = stappenplan(inhoud, LWT)
    adult = stappenplan(inhoud, {**LWT, "leeftijd": "18-plus"})
    assert "lwo-ouders-tekenen-bij-minderjarige" in lwt.ids()
    assert "lwo-ouders-tekenen-bij-minderjarige" not in adult.ids()
    assert "lwt-samenwerkingsovereenkomst-verplicht" not in lwt.klaar
    settled = stappenplan(inhoud, {**LWT, "samenwerkingsovereenkomst": "ja", "leerbedrijf": "ja"})
    assert {"lwt-samenwerkingsovereenkomst-verplicht", "leerbedrijf-alleen-erkende-bedrijven"} <= settled.klaar
    assert "leerbedrijf-sbb-overzicht-gebruiken" in lwt.ids()
    assert "leerbedrijf-sbb-overzicht-gebruiken" not in settled.ids()
    mixed = stappenplan(inhoud, {**LWT, "leeftijd": "gemengd"})
    assert "lwo-ouders-tekenen-bij-minderjarige" in mixed.ids()
    entree = stappenplan(
        inhoud,
        {"route": "entreeopleiding", "situatie": "loopt-al", "leeftijd": "gemengd"}
        | {"samenwerkingsovereenkomst": "ja"},
    )
    assert entree.answers == {
        "route": "entreeopleiding",
        "situatie": "loopt-al",
        "leeftijd": "gemengd",
        "samenwerkingsovereenkomst": "ja",
    }
    # the entree plan has only statements for the entree route (some, like the limits for young pupils, are
    # shared with the leer-werktraject)
    routes = {u.id: u.geldt_voor.get("route", ["entreeopleiding"]) for u in inhoud.uitspraken}
    assert [uid for uid in entree.ids() if "entreeopleiding" not in routes[uid]] == []
    assert set(lwt.ids()) - set(entree.ids())


def test_missing_or_unknown_answers_are_refused() -> None:
    inhoud = load_content(ROOT / "content")
    with pytest.raises(OngeldigeAntwoorden):
        stappenplan(inhoud, {**LWT, "leerbedrijf": "misschien"})
    with pytest.raises(OngeldigeAntwoorden):
        stappenplan(inhoud, {k: v for k, v in LWT.items() if k != "leeftijd"})
    with pytest.raises(OngeldigeAntwoorden):
        stappenplan(inhoud, {**LWT, "route": "weet-niet"})


# --- Pupils who start under 16 turn 16 during the route (`later` on the answer 'onder-16') ---------------------

MARKER = "Vanaf de 16e verjaardag"
ENTREE_JONG = {
    "route": "entreeopleiding",
    "situatie": "eerste-leerling",
    "leeftijd": "onder-16",
    "samenwerkingsovereenkomst": "ja",
}


def _cites(u: Uitspraak, wet: str, artikel: str) -> bool:
    return any(b.wet == wet and b.artikel == artikel for b in u.bronnen)


def _statements(inhoud: Inhoud, ids: list[str]) -> list[Uitspraak]:
    by_id = {u.id: u for u in inhoud.uitspraken}
    return [by_id[i] for i in ids]


def test_the_later_marker_is_data_on_the_answer() -> None:
    inhoud = load_content(ROOT / "content")
    leeftijd = next(v for v in inhoud.vragen if v.id == "leeftijd")
    onder_16 = next(a for a in leeftijd.antwoorden if a.id == "onder-16")
    assert [(x.antwoord, x.label) for x in onder_16.later] == [("16-17", MARKER)]
    assert MARKER.lower() == "vanaf de 16e verjaardag"


def test_under_16_also_gets_the_16_17_rules_marked_and_its_own_unmarked() -> None:
    inhoud = load_content(ROOT / "content")
    jong = stappenplan(inhoud, LWT)
    ouder = stappenplan(inhoud, {**LWT, "leeftijd": "16-17"})
    ids = jong.ids()
    assert len(ids) == len(set(ids))  # a statement for both ages is listed once
    assert set(ouder.ids()) <= set(ids)  # every rule that holds from 16 is in the plan of the younger pupil
    assert ouder.later == {}
    for u in _statements(inhoud, ids):
        ages = u.geldt_voor.get("leeftijd")
        if ages is None or "onder-16" in ages:
            assert u.id not in jong.later, u.id  # their own rules: unmarked
        else:
            assert ages == ["16-17"] and jong.later[u.id] == MARKER, u.id
    assert jong.later["werktijden-jeugdige-maximale-arbeidstijd"] == MARKER
    assert len(jong.later) >= 5
    assert set(jong.later) == {u for u in ouder.ids() if "onder-16" not in _leeftijd(inhoud, u)}


def _leeftijd(inhoud: Inhoud, uid: str) -> list[str]:
    return next(u for u in inhoud.uitspraken if u.id == uid).geldt_voor.get("leeftijd", ["onder-16"])


def test_lwt_under_16_cites_the_nadere_regeling_kinderarbeid_unmarked() -> None:
    inhoud = load_content(ROOT / "content")
    jong = stappenplan(inhoud, LWT)
    nrk = [u for u in _statements(inhoud, jong.ids()) if _cites(u, "nrk", "3:1")]
    assert nrk, "geen uitspraak met bron NRK 3:1 in het stappenplan LWT, jonger dan 16"
    assert [u.id for u in nrk if u.id in jong.later] == []
    wet = next(w for w in inhoud.wetten if w.id == "nrk")
    assert "Nadere regeling kinderarbeid" in wet.naam


def test_entree_under_16_cites_atw_3_2_and_nrk_3_1() -> None:
    inhoud = load_content(ROOT / "content")
    plan = stappenplan(inhoud, ENTREE_JONG)
    chosen = _statements(inhoud, plan.ids())
    assert [u.id for u in chosen if _cites(u, "atw", "3:2")], "geen uitspraak met bron ATW 3:2 in de entree, < 16"
    assert [u.id for u in chosen if _cites(u, "nrk", "3:1")], "geen uitspraak met bron NRK 3:1 in de entree, < 16"


def test_other_ages_get_no_marker() -> None:
    inhoud = load_content(ROOT / "content")
    for leeftijd in ("16-17", "18-plus", "gemengd"):
        assert stappenplan(inhoud, {**LWT, "leeftijd": leeftijd}).later == {}, leeftijd
    adult = stappenplan(inhoud, {**LWT, "leeftijd": "18-plus"})
    assert "werktijden-jeugdige-maximale-arbeidstijd" not in adult.ids()


def test_a_mixed_answer_inherits_later_from_what_it_stands_for() -> None:
    """'gemengd' without 16-17 itself still shows the 16-17 rules, marked, through 'onder-16'."""
    inhoud = load_content(ROOT / "content")
    leeftijd = next(v for v in inhoud.vragen if v.id == "leeftijd")
    gemengd = next(a for a in leeftijd.antwoorden if a.id == "gemengd")
    gemengd.omvat = ["onder-16", "18-plus"]
    plan = stappenplan(inhoud, {**LWT, "leeftijd": "gemengd"})
    assert plan.later["werktijden-jeugdige-maximale-arbeidstijd"] == MARKER
    assert "lwo-ouders-tekenen-bij-minderjarige" not in plan.later  # holds for onder-16 itself


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("16-18", "antwoord '16-18' bestaat niet; bedoelde je '16-17'?"),
        ("onder-16", "antwoord 'onder-16' noemt zichzelf"),
    ],
)
def test_controleer_rejects_a_later_answer_that_is_not_another_answer(project: Path, new: str, message: str) -> None:
    path = project / "content" / "stappenplan.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("          - antwoord: 16-17\n") == 1
    path.write_text(text.replace("          - antwoord: 16-17\n", f"          - antwoord: {new}\n"), encoding="utf-8")
    line = _line_of(path, rf"- antwoord: {new}$")
    result = wmwm_in(project, "controleer")
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert problems[-1] == "1 fout gevonden; niets gebouwd.", result.stderr
    assert problems[0].startswith(f"content/stappenplan.yaml:{line}:"), problems[0]
    assert ": vragen[2].antwoorden[0].later[0].antwoord: " + message in problems[0], problems[0]
