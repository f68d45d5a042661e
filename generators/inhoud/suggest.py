"""'X bestaat niet; bedoelde je Y?': one wording for every reference that does not resolve."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def missing(kind: str, value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f"; bedoelde je '{close[0]}'?" if close else ""
    return f"{kind} '{value}' bestaat niet{hint}"
