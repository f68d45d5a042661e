"""The staff guide (docs/redactie.md) shows real error messages: each example is what `wmwm controleer` prints.

Each example in the guide is a bold title followed by a ```text block. For every title below, the test makes the
mistake the guide describes in a private copy of the content and checks that every line of the example is in the
output, word for word. Where the guide names lines deep inside long files, numbers are compared as `N`, so that
ordinary editing elsewhere in those files does not break the guide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import ROOT, change_lid_text, copy_content, wmwm_in

from generators.inhoud.content import load_content

GUIDE = ROOT / "docs" / "redactie.md"
EXAMPLE = re.compile(r"^\*\*(?P<titel>[^*]+)\*\*\n\n```text\n(?P<tekst>.*?)```", re.MULTILINE | re.DOTALL)


def edit(project: Path, file: str, pattern: str, new: str) -> None:
    """Make one mistake: replace the first match of `pattern` (a regular expression, per line) by `new`."""
    path = project / "content" / file
    text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert count == 1, f"{file} bevat '{pattern}' niet meer; pas het voorbeeld in docs/redactie.md aan"
    path.write_text(text, encoding="utf-8")


MISTAKES: dict[str, Callable[[Path], None]] = {
    "Tikfout in een veldnaam": lambda p: edit(p, "uitspraken/aanbieden.yaml", "toelichting:", "toelichtng:"),
    "Verkeerde waarde": lambda p: edit(p, "uitspraken/aanbieden.yaml", "soort: mag$", "soort: magg"),
    "Onbekende fase": lambda p: edit(p, "uitspraken/aanbieden.yaml", "fase: voorbereiden$", "fase: voorbereiding"),
    "MOET zonder wetsartikel": lambda p: edit(p, "uitspraken/aanbieden.yaml", "soort: advies$", "soort: moet"),
    "Lid bestaat niet": lambda p: edit(p, "uitspraken/aanbieden.yaml", 'lid: "1"', 'lid: "9"'),
    "Inspringing klopt niet": lambda p: edit(p, "uitspraken/aanbieden.yaml", "^    onderwerp:", "   onderwerp:"),
    "Datum in de verkeerde vorm": lambda p: edit(p, "publicatie.yaml", "peildatum: .*", "peildatum: 28-11-2026"),
    "Nieuwe versie zonder beschrijving": lambda p: edit(p, "publicatie.yaml", "^  versie: .*", '  versie: "2.0"'),
    "Als een wettekst verandert": lambda p: change_lid_text(p, load_content(p / "content"), "4"),
}
NUMBERS_AS_N = {"Als een wettekst verandert", "MOET zonder wetsartikel"}


def guide_examples() -> dict[str, str]:
    text = GUIDE.read_text(encoding="utf-8")
    # The law-change example sits under a ### heading rather than a bold title.
    text = text.replace("### Als een wettekst verandert: opnieuw beoordelen", "**Als een wettekst verandert**")
    found = {m["titel"]: m["tekst"] for m in EXAMPLE.finditer(text)}
    law_change = text.index("**Als een wettekst verandert**")
    block = text.index("```text\n", law_change)
    found["Als een wettekst verandert"] = text[block + 8 : text.index("```", block + 8)]
    return found


def numbers_as_n(line: str) -> str:
    return re.sub(r"\d+", "N", line)


def test_every_example_in_the_guide_is_checked() -> None:
    assert set(MISTAKES) <= set(guide_examples()), set(MISTAKES) - set(guide_examples())
    controleer_examples = {t for t, body in guide_examples().items() if re.match(r"content/\S+:\d+:\d+: ", body)}
    assert controleer_examples <= set(MISTAKES), controleer_examples - set(MISTAKES)


@pytest.mark.parametrize("titel", sorted(MISTAKES))
def test_guide_example_is_real_output(titel: str, content_project: Path) -> None:
    MISTAKES[titel](content_project)
    result = wmwm_in(content_project, "controleer")
    assert result.returncode == 1
    output = result.stderr.splitlines()
    expected = guide_examples()[titel].strip().splitlines()
    if titel in NUMBERS_AS_N:
        output, expected = [numbers_as_n(x) for x in output], [numbers_as_n(x) for x in expected]
    missing = [line for line in expected if line not in output]
    assert not missing, "werkelijke uitvoer:\n" + "\n".join(output)


def test_one_typo_gives_exactly_one_message(tmp_path: Path) -> None:
    """A misspelt key: one message, naming the key meant; no 'ontbreekt' for the real key, no echo elsewhere."""
    project = copy_content(tmp_path / "project")
    MISTAKES["Tikfout in een veldnaam"](project)
    result = wmwm_in(project, "controleer")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "1 fout gevonden; niets gebouwd.", lines
    assert "onbekend veld 'toelichtng'; bedoelde u 'toelichting'?" in lines[0]
