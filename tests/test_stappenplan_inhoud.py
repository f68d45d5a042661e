"""Stappenplan metadata: every statement has a valid phase and conditions; controleer names file:line otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ROOT, wmwm_in

from generators.inhoud.content import load_content
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
    assert set(entree.ids()).isdisjoint(lwt.ids())


def test_missing_or_unknown_answers_are_refused() -> None:
    inhoud = load_content(ROOT / "content")
    with pytest.raises(OngeldigeAntwoorden):
        stappenplan(inhoud, {**LWT, "leerbedrijf": "misschien"})
    with pytest.raises(OngeldigeAntwoorden):
        stappenplan(inhoud, {k: v for k, v in LWT.items() if k != "leeftijd"})
    with pytest.raises(OngeldigeAntwoorden):
        stappenplan(inhoud, {**LWT, "route": "weet-niet"})
