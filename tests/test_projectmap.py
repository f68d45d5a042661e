"""`wmwm` from any folder inside the project finds the project; outside one it says so in one line."""

from __future__ import annotations

from pathlib import Path

from helpers import wmwm


def test_wmwm_works_from_a_folder_inside_the_project(content_project: Path) -> None:
    inside = wmwm("controleer", cwd=content_project / "content" / "uitspraken")
    assert inside.returncode == 0, inside.stderr
    assert inside.stdout == wmwm("controleer", cwd=content_project).stdout


def test_a_typed_path_stays_relative_to_where_wmwm_runs(content_project: Path) -> None:
    """Only defaults come from the content_project root: `--inhoud ..` in content/uitspraken is content/."""
    result = wmwm("controleer", "--inhoud", "..", cwd=content_project / "content" / "uitspraken")
    assert result.returncode == 0, result.stderr


def test_outside_a_project_one_dutch_line(tmp_path: Path) -> None:
    result = wmwm("controleer", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"Geen wmwm-project gevonden in {tmp_path} of een map daarboven (een projectmap heeft mkdocs.yml en "
        "content/); ga naar de projectmap of geef --project MAP."
    ]
