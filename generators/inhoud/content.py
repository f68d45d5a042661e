"""The single entry point for reading content: load, then cross-check.

Input: the content directory. Output: a valid `Inhoud`, or `ContentError`
with every problem found in one run. Each command reads content once and
hands the `Inhoud` on (to the build, and through it to the mkdocs plugin).
"""

from __future__ import annotations

from pathlib import Path

from generators.inhoud.checks import check
from generators.inhoud.load import load
from generators.inhoud.model import Inhoud
from generators.inhoud.parameters import resolve_parameters
from generators.inhoud.problems import ContentError, ReviewNeeded
from generators.inhoud.regelspec import resolve_specs
from generators.inhoud.review import review_problems
from generators.inhoud.suggest import missing_reference


def load_content(content_dir: Path) -> Inhoud:
    inhoud, problems, unloaded = load(content_dir)
    problems += resolve_parameters(inhoud)
    # a reference to an item that failed to load is an echo of that item's own problem, reported already
    problems += [p for p in check(inhoud) if missing_reference(p.message) not in unloaded]
    if problems:
        raise ContentError(problems)
    resolve_specs(inhoud)
    return inhoud


def check_all(content_dir: Path) -> Inhoud:
    """The gate for `controleer` and `publiceer`: valid content whose law citations are all reviewed."""
    inhoud = load_content(content_dir)
    problems = review_problems(inhoud)
    if problems:
        raise ReviewNeeded(problems)
    return inhoud


def count_items(inhoud: Inhoud) -> int:
    return len(inhoud.items())
