"""Every built page is valid HTML by the Nu HTML checker (vnu.jar), except for the theme's own markup."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT

pytestmark = pytest.mark.build

VNU = ROOT / ".venv" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# mkdocs-material's own markup, out of our hands: (start of the message, a piece of the offending markup).
THEME = [
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link'),
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # the theme's table-of-contents label on a page that hides its table of contents (`hide: [toc]`)
    ("The value of the “for” attribute of the “label” element must be the ID", 'for="__toc"'),
]


def theirs(message: dict[str, str]) -> bool:
    return any(message["message"].startswith(m) and part in message.get("extract", "") for m, part in THEME)


def test_nu_checker_finds_none_of_our_errors(built_site: Path) -> None:
    java = shutil.which("java")
    assert java and VNU.exists(), (
        "Java of vnu.jar ontbreekt; de testopdracht uit de README (bash dev.sh test) installeert ze"
    )
    # C1 compiler only: half the CPU time for a run this short, the same messages (the stack size vnu asks for then)
    run = subprocess.run(
        [
            java,
            "-Xss4m",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            str(VNU),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            str(built_site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert len(list(built_site.rglob("*.html"))) > 40
    ours = [f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if not theirs(m)]
    assert ours == [], "\n".join(ours[:40])
