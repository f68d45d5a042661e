"""Stappenplan metadata: every statement has a valid phase and conditions; controleer names file:line otherwise."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from helpers import ROOT, wmwm_in

from generators.inhoud.content import load_content
from generators.inhoud.model import Inhoud, Uitspraak
from generators.inhoud.stappenplan import OngeldigeAntwoorden, stappenplan

LWT = {
    "wie": "school",
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


@functools.cache
def real_content() -> Inhoud:
    """The project's content, loaded once for the tests that only read it (each used to load it again)."""
    return load_content(ROOT / "content")


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
            "vraag 'routes' bestaat niet; bedoelde u 'route'?",
        ),
        (
            r"^      route: \[leer-werktraject\]",
            "      route: [leerwerktraject]",
            "geldt_voor.route[0]",
            "antwoord op vraag 'route' 'leerwerktraject' bestaat niet; bedoelde u 'leer-werktraject'?",
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
    content_project: Path, old: str, new: str, field: str, message: str
) -> None:
    file, line = _break(content_project, old, new)
    result = wmwm_in(content_project, "controleer")
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert problems[-1] == "1 fout gevonden; niets gebouwd.", result.stderr
    assert problems[0].startswith(f"{file}:{line}:"), problems[0]
    assert f": uitspraken[0].{field}: {message}" in problems[0]


def test_a_kind_without_a_block_is_reported(content_project: Path) -> None:
    path = content_project / "content" / "stappenplan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("soorten: [mag]", "soorten: [moet]"), encoding="utf-8")
    result = wmwm_in(content_project, "controleer")
    assert result.returncode == 1
    assert "uitspraken[1].soort: geen rubriek in content/stappenplan.yaml toont uitspraken van soort 'mag'" in (
        result.stderr
    )


def test_every_statement_has_a_phase_and_route() -> None:
    inhoud = real_content()
    fasen = {f.id for f in inhoud.fasen}
    assert all(u.fase in fasen for u in inhoud.uitspraken)
    assert [u.id for u in inhoud.uitspraken if "route" not in u.geldt_voor] == []


def test_answers_change_the_checklist() -> None:
    inhoud = real_content()
    lwt = stappenplan(inhoud, LWT)
    adult = stappenplan(inhoud, {**LWT, "leeftijd": "18-plus"})
    assert "lwo-ouders-tekenen-bij-minderjarige" in lwt.all_ids()  # the parents' duty, under the others
    assert "lwo-ouders-tekenen-bij-minderjarige" not in adult.all_ids()
    assert "lwt-samenwerkingsovereenkomst-verplicht" in lwt.ids()
    assert "lwt-samenwerkingsovereenkomst-verplicht" not in _ids(lwt.klaar)
    settled = stappenplan(inhoud, {**LWT, "samenwerkingsovereenkomst": "ja", "leerbedrijf": "ja"})
    assert "lwt-samenwerkingsovereenkomst-verplicht" in _ids(settled.klaar)
    assert "lwt-samenwerkingsovereenkomst-verplicht" not in settled.ids()
    assert "leerbedrijf-sbb-overzicht-gebruiken" in lwt.ids()
    assert "leerbedrijf-sbb-overzicht-gebruiken" not in settled.all_ids()
    mixed = stappenplan(inhoud, {**LWT, "leeftijd": "gemengd"})
    assert "lwo-ouders-tekenen-bij-minderjarige" in mixed.all_ids()
    entree = stappenplan(
        inhoud,
        {"wie": "school", "route": "entreeopleiding", "situatie": "loopt-al", "leeftijd": "gemengd"}
        | {"samenwerkingsovereenkomst": "ja"},
    )
    assert entree.answers == {
        "wie": "school",
        "route": "entreeopleiding",
        "situatie": "loopt-al",
        "leeftijd": "gemengd",
        "samenwerkingsovereenkomst": "ja",
    }
    # the entree plan has only statements for the entree route (some, like the limits for young pupils, are
    # shared with the leer-werktraject)
    routes = {u.id: u.geldt_voor.get("route", ["entreeopleiding"]) for u in inhoud.uitspraken}
    assert [uid for uid in entree.all_ids() if "entreeopleiding" not in routes[uid]] == []
    assert set(lwt.all_ids()) - set(entree.all_ids())


def _ids(items: list[Uitspraak]) -> list[str]:
    return [u.id for u in items]


# --- Who does what (issue 21): the reader's own open duties first, the others apart ----------------------------


def test_the_school_plan_holds_the_schools_own_open_duties_and_the_others_apart() -> None:
    """LWT, first pupil next year, under 16, nothing arranged yet: every own item is the school's, every
    statement that applies is in exactly one place, and the current phase and those before it come first."""
    inhoud = real_content()
    plan = stappenplan(inhoud, LWT)
    by_id = {u.id: u for u in inhoud.uitspraken}
    assert plan.ids() and {by_id[i].wie for i in plan.ids() + _ids(plan.klaar)} == {"school"}
    assert {g.wie for g in plan.anderen} >= {"leerbedrijf", "ouders", "sbb"}
    assert all(u.wie == g.wie != "school" for g in plan.anderen for u in g.items)
    every = plan.all_ids()
    assert len(every) == len(set(every))
    # nothing lost: what the school's plan holds is every statement of the plan that applies, whoever carries it
    leerbedrijf = stappenplan(inhoud, {**LWT, "wie": "leerbedrijf"})
    assert set(every) == set(leerbedrijf.all_ids())
    assert [(f.fase.id, f.nu) for f in plan.fasen] == [
        ("voorbereiden", True),
        ("voor-de-eerste-dag", True),  # 'de eerste leerling begint volgend schooljaar'
        ("tijdens-het-traject", False),
        ("examen-en-diploma", False),
        ("na-het-vmbo", False),
    ]
    started = stappenplan(inhoud, {**LWT, "situatie": "loopt-al"})
    assert [f.fase.id for f in started.fasen if f.nu] == ["voorbereiden", "voor-de-eerste-dag", "tijdens-het-traject"]
    # every open duty in "Nu te doen" that has an action keeps it (the page shows its button)
    now = [u for f in plan.fasen if f.nu for b in f.blokken for u in b.items]
    assert {u.actie for u in now} >= {"samenwerkingsovereenkomst-downloaden", "leer-werkovereenkomst-samenstellen"}


def test_an_answer_that_settles_something_shortens_the_open_list() -> None:
    inhoud = real_content()
    before = stappenplan(inhoud, LWT)
    after = stappenplan(inhoud, {**LWT, "samenwerkingsovereenkomst": "ja"})
    assert len(after.ids()) < len(before.ids())
    moved = set(before.ids()) - set(after.ids())
    assert moved == set(_ids(after.klaar)) and "lwt-samenwerkingsovereenkomst-verplicht" in moved
    assert before.klaar == []


def _cites_lid(u: Uitspraak, wet: str, artikel: str, lid: str | None = None) -> bool:
    return any(b.wet == wet and b.artikel == artikel and (lid is None or b.lid == lid) for b in u.bronnen)


def test_the_leerbedrijf_plan_for_pupils_under_16() -> None:
    """Erkenning (WVO 2.105), begeleiding (UB 2.64), the NRK working-day limits, ATW 3:4 and 3:5, the
    signatures, and what happens when the placement stops (WVO 2.107): all the leerbedrijf's own duties."""
    inhoud = real_content()
    plan = stappenplan(inhoud, {**LWT, "wie": "leerbedrijf"})
    assert "samenwerkingsovereenkomst" not in plan.answers  # not the leerbedrijf's question
    own = _statements(inhoud, plan.ids())
    assert {u.wie for u in own} == {"leerbedrijf"}
    for wet, artikel, lid in [
        ("wvo2020", "2.105", "3"),
        ("ub-wvo2020", "2.64", "1"),
        ("nrk", "3:1", "2"),
        ("atw", "3:4", None),
        ("atw", "3:5", None),
        ("wvo2020", "2.107", None),
    ]:
        assert [u.id for u in own if _cites_lid(u, wet, artikel, lid)], f"{wet} {artikel} lid {lid}"
    assert "werktijden-kind-ouder-tekent-mee" in plan.ids()
    erkend = stappenplan(inhoud, {**LWT, "wie": "leerbedrijf", "leerbedrijf": "ja"})
    assert "leerbedrijf-alleen-erkende-bedrijven" in _ids(erkend.klaar)
    assert len(erkend.ids()) < len(plan.ids())
    assert {g.wie for g in plan.anderen} >= {"school", "ouders"}


def test_a_new_leerbedrijf_statement_lands_in_its_plan_without_code(content_project: Path) -> None:
    """Same mechanism for every party: a statement with `wie: leerbedrijf` is in the leerbedrijf's own plan and
    under 'Wat de anderen doen' in the school's."""
    (content_project / "content" / "uitspraken" / "proef.yaml").write_text(
        "uitspraken:\n"
        "  - id: proef-leerbedrijf\n"
        "    soort: moet\n"
        "    wie: leerbedrijf\n"
        "    onderwerp: leerbedrijf\n"
        "    regel: Het leerbedrijf doet iets nieuws.\n"
        "    toelichting: Alleen voor deze test.\n"
        "    bronnen:\n"
        "      - {wet: wvo2020, artikel: '2.105', lid: '3'}\n"
        "    fase: tijdens-het-traject\n"
        "    geldt_voor:\n"
        "      route: [leer-werktraject]\n",
        encoding="utf-8",
    )
    inhoud = load_content(content_project / "content")
    leerbedrijf = stappenplan(inhoud, {**LWT, "wie": "leerbedrijf"})
    assert "proef-leerbedrijf" in leerbedrijf.ids()
    school = stappenplan(inhoud, LWT)
    assert "proef-leerbedrijf" not in school.ids()
    assert "proef-leerbedrijf" in _ids(next(g for g in school.anderen if g.wie == "leerbedrijf").items)


def test_missing_or_unknown_answers_are_refused() -> None:
    inhoud = real_content()
    with pytest.raises(OngeldigeAntwoorden):
        stappenplan(inhoud, {**LWT, "leerbedrijf": "misschien"})
    with pytest.raises(OngeldigeAntwoorden):
        stappenplan(inhoud, {k: v for k, v in LWT.items() if k != "leeftijd"})
    with pytest.raises(OngeldigeAntwoorden):
        stappenplan(inhoud, {**LWT, "route": "weet-niet"})


# --- Pupils who start under 16 turn 16 during the route (`later` on the answer 'onder-16') ---------------------

MARKER = "Vanaf de 16e verjaardag"
ENTREE_JONG = {
    "wie": "school",
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
    inhoud = real_content()
    leeftijd = next(v for v in inhoud.vragen if v.id == "leeftijd")
    onder_16 = next(a for a in leeftijd.antwoorden if a.id == "onder-16")
    assert [(x.antwoord, x.label) for x in onder_16.later] == [("16-17", MARKER)]
    assert MARKER.lower() == "vanaf de 16e verjaardag"


def test_under_16_also_gets_the_16_17_rules_marked_and_its_own_unmarked() -> None:
    inhoud = real_content()
    jong = stappenplan(inhoud, LWT)
    ouder = stappenplan(inhoud, {**LWT, "leeftijd": "16-17"})
    ids = jong.all_ids()
    assert len(ids) == len(set(ids))  # a statement for both ages is listed once
    assert set(ouder.all_ids()) <= set(ids)  # every rule that holds from 16 is in the plan of the younger pupil
    assert ouder.later == {}
    for u in _statements(inhoud, ids):
        ages = u.geldt_voor.get("leeftijd")
        if ages is None or "onder-16" in ages:
            assert u.id not in jong.later, u.id  # their own rules: unmarked
        else:
            assert ages == ["16-17"] and jong.later[u.id] == MARKER, u.id
    assert jong.later["werktijden-jeugdige-maximale-arbeidstijd"] == MARKER
    assert len(jong.later) >= 5
    assert set(jong.later) == {u for u in ouder.all_ids() if "onder-16" not in _leeftijd(inhoud, u)}


def _leeftijd(inhoud: Inhoud, uid: str) -> list[str]:
    return next(u for u in inhoud.uitspraken if u.id == uid).geldt_voor.get("leeftijd", ["onder-16"])


def test_lwt_under_16_cites_the_nadere_regeling_kinderarbeid_unmarked() -> None:
    inhoud = real_content()
    jong = stappenplan(inhoud, LWT)
    nrk = [u for u in _statements(inhoud, jong.all_ids()) if _cites(u, "nrk", "3:1")]
    assert nrk, "geen uitspraak met bron NRK 3:1 in het stappenplan LWT, jonger dan 16"
    assert [u.id for u in nrk if u.id in jong.later] == []
    wet = next(w for w in inhoud.wetten if w.id == "nrk")
    assert "Nadere regeling kinderarbeid" in wet.naam


def test_entree_under_16_cites_atw_3_2_and_nrk_3_1() -> None:
    inhoud = real_content()
    plan = stappenplan(inhoud, ENTREE_JONG)
    chosen = _statements(inhoud, plan.all_ids())
    assert [u.id for u in chosen if _cites(u, "atw", "3:2")], "geen uitspraak met bron ATW 3:2 in de entree, < 16"
    assert [u.id for u in chosen if _cites(u, "nrk", "3:1")], "geen uitspraak met bron NRK 3:1 in de entree, < 16"


def test_other_ages_get_no_marker() -> None:
    inhoud = real_content()
    for leeftijd in ("16-17", "18-plus", "gemengd"):
        assert stappenplan(inhoud, {**LWT, "leeftijd": leeftijd}).later == {}, leeftijd
    adult = stappenplan(inhoud, {**LWT, "leeftijd": "18-plus"})
    assert "werktijden-jeugdige-maximale-arbeidstijd" not in adult.all_ids()


def test_a_mixed_answer_inherits_later_from_what_it_stands_for() -> None:
    """'gemengd' without 16-17 itself still shows the 16-17 rules, marked, through 'onder-16'."""
    inhoud = real_content()
    leeftijd = next(v for v in inhoud.vragen if v.id == "leeftijd")
    gemengd = next(a for a in leeftijd.antwoorden if a.id == "gemengd")
    gemengd.omvat = ["onder-16", "18-plus"]
    plan = stappenplan(inhoud, {**LWT, "leeftijd": "gemengd"})
    assert plan.later["werktijden-jeugdige-maximale-arbeidstijd"] == MARKER
    assert "lwo-ouders-tekenen-bij-minderjarige" not in plan.later  # holds for onder-16 itself


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("16-18", "antwoord '16-18' bestaat niet; bedoelde u '16-17'?"),
        ("onder-16", "antwoord 'onder-16' noemt zichzelf"),
    ],
)
def test_controleer_rejects_a_later_answer_that_is_not_another_answer(
    content_project: Path, new: str, message: str
) -> None:
    path = content_project / "content" / "stappenplan.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("          - antwoord: 16-17\n") == 1
    path.write_text(text.replace("          - antwoord: 16-17\n", f"          - antwoord: {new}\n"), encoding="utf-8")
    line = _line_of(path, rf"- antwoord: {new}$")
    result = wmwm_in(content_project, "controleer")
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert problems[-1] == "1 fout gevonden; niets gebouwd.", result.stderr
    assert problems[0].startswith(f"content/stappenplan.yaml:{line}:"), problems[0]
    assert ": vragen[3].antwoorden[0].later[0].antwoord: " + message in problems[0], problems[0]
