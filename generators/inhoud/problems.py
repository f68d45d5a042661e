"""Problems found in content, and the errors a user can cause.

Only the CLI turns an error into output and an exit code; every other module
raises or collects `Problem`s, so a single run can report everything at once.
Every message is Dutch, says where and what to fix. Every error a user can cause
is a `WmwmError`; anything else that escapes is a bug in this program, and the CLI
says so instead of blaming the user's file. The whole tree, by layer:

    WmwmError                                        something the user can fix; str() is the Dutch message
    ├── ContentError         inhoud/problems         content/ has problems: every Problem (file:line:col: field: …)
    │   └── ReviewNeeded     inhoud/problems         valid, but statements/clauses citing changed law need review
    ├── ReviewError          inhoud/review           `wmwm beoordeel` got an id that is no statement or clause
    ├── SourceError          inhoud/lawimport        a law source file is not in the expected format
    ├── OngeldigeAntwoorden  inhoud/stappenplan      stappenplan answers missing or unknown
    ├── BestandError         inhoud/problems         a file the user gave (values, CSV) cannot be read; names the file
    ├── InvoerError          overeenkomsten/regels   typed agreement values refused, one Invoerfout per field
    ├── GenerateError        site/genereer           a template could not be rendered; names templates/file:line
    ├── RenderError          site/motor              the engine could not turn the pages into HTML (its warnings)
    ├── SearchIndexError     site/zoeken             Pagefind could not index the built site
    ├── BuildError           site/bouw               the site could not be built (any of the three above, links,
    │                                                anchors, disk); the output is kept as it was
    └── PublishError         site/publiceer          nothing to roll back to, or the target cannot be replaced
        └── AddressError     site/publiceer          no address a visitor can reach (empty or on this computer)

Syntax errors in YAML, invalid UTF-8 and duplicate keys are not exceptions:
the reader turns them into `Problem`s like every other content mistake.
"""

from __future__ import annotations

from dataclasses import dataclass


class WmwmError(Exception):
    """The base of every error a user can cause and fix; its text is the Dutch message."""


class BestandError(WmwmError):
    """A file the user gave cannot be read as asked; the message starts with the file's name."""

    def __init__(self, path: object, message: str) -> None:
        super().__init__(f"{path}: {message}")


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


class ContentError(WmwmError):
    """Raised when content has problems; holds all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ReviewNeeded(ContentError):
    """The content is valid, but these statements and clauses must be (re)reviewed against the law they cite."""
