"""'X bestaat niet; bedoelde u Y?': one wording for every reference that does not resolve, and its reading back."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_MISSING = re.compile(r"^[^']*'(?P<ref>[^']+)' bestaat niet")


def missing(kind: str, value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f"; bedoelde u '{close[0]}'?" if close else ""
    return f"{kind} '{value}' bestaat niet{hint}"


def missing_reference(message: str) -> str | None:
    """The id a `missing` message names, so an echo of an item that failed to load can be left out."""
    found = _MISSING.match(message)
    return found["ref"] if found else None
