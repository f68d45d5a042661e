"""Problems found in content, and the one exception that carries them.

Only the CLI turns a `ContentError` into output; every other module raises or
collects `Problem`s, so a single run can report everything at once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a content editor has to fix, with where it is."""

    file: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{self.col}:{field} {self.message}"


class ContentError(Exception):
    """Raised when content has problems; holds all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
