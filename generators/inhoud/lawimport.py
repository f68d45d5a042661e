"""Turn the official law text (one string per article) into leden and onderdelen.

Input: `wetsartikelen_bron.yaml` (as in ../shared/law). Output: YAML for
content/wetsartikelen/, keeping the editorial fields (`onderwerp`,
`vervangt`) of articles that are already there. The words are kept exactly;
only reference markup (`[tekst][ref1]`, `[tekst](url)`) is reduced to its
link text and hard line breaks inside a paragraph are joined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

LINK = re.compile(r"\[([^\]]*)\](?:\[ref\d+\]|\([^)]*\))")
LID = re.compile(r"^(\d+[a-z]?) (.*)$", re.S)
ONDERDEEL = re.compile(r"^([a-z]{1,2})\. (.*)$", re.S)
SUBONDERDEEL = re.compile(r"^(\d+°)\. (.*)$", re.S)


def plain(text: str) -> str:
    """Law text as a reader sees it: link text only, one space between words."""
    return " ".join(LINK.sub(r"\1", text).split())


@dataclass
class ParsedOnderdeel:
    nr: str
    tekst: str
    onderdelen: list[ParsedOnderdeel] = field(default_factory=list)


@dataclass
class ParsedLid:
    nr: str | None
    tekst: str
    onderdelen: list[ParsedOnderdeel] = field(default_factory=list)
    slot: str | None = None


def parse_leden(text: str) -> list[ParsedLid]:
    """Split an article into leden; a paragraph opens lid n only if n is the next number."""
    paragraphs = [plain(p) for p in re.split(r"\n\s*\n", text) if p.strip()]
    leden: list[ParsedLid] = []
    for para in paragraphs:
        lid_match = LID.match(para)
        expected = str(len(leden) + 1) if (leden and leden[0].nr) or not leden else None
        if lid_match and expected and lid_match.group(1).rstrip("abcdefghij") == expected:
            leden.append(ParsedLid(lid_match.group(1), lid_match.group(2)))
            continue
        if not leden:
            leden.append(ParsedLid(None, para))
            continue
        current = leden[-1]
        sub = SUBONDERDEEL.match(para)
        part = ONDERDEEL.match(para)
        if sub and current.onderdelen:
            current.onderdelen[-1].onderdelen.append(ParsedOnderdeel(sub.group(1), sub.group(2)))
        elif part and current.slot is None:
            current.onderdelen.append(ParsedOnderdeel(part.group(1), part.group(2)))
        elif current.onderdelen:
            current.slot = para if current.slot is None else f"{current.slot}\n\n{para}"
        else:
            current.tekst = f"{current.tekst}\n\n{para}"
    return leden


class _Part(Protocol):
    nr: str
    tekst: str

    @property
    def onderdelen(self) -> Sequence[_Part]: ...


class _Lid(Protocol):
    nr: str | None
    tekst: str
    slot: str | None

    @property
    def onderdelen(self) -> Sequence[_Part]: ...


def joined(leden: Sequence[_Lid]) -> str:
    """All words of parsed (or loaded) leden in reading order, to compare with `plain(source)`."""
    words: list[str] = []

    def add_parts(parts: Sequence[_Part]) -> None:
        for part in parts:
            words.append(f"{part.nr}. {part.tekst}")
            add_parts(part.onderdelen)

    for lid in leden:
        words.append(f"{lid.nr} {lid.tekst}" if lid.nr else lid.tekst)
        add_parts(lid.onderdelen)
        if lid.slot:
            words.append(lid.slot)
    return " ".join(" ".join(words).split())


def article_data(source: dict[str, str], wet_id: str, editorial: dict[str, object]) -> dict[str, object]:
    """One content record for a source article; `editorial` keeps hand-written fields."""

    def part(p: ParsedOnderdeel) -> dict[str, object]:
        out: dict[str, object] = {"nr": p.nr, "tekst": p.tekst}
        if p.onderdelen:
            out["onderdelen"] = [part(s) for s in p.onderdelen]
        return out

    leden = []
    for lid in parse_leden(source["tekst"]):
        record: dict[str, object] = {"nr": lid.nr} if lid.nr else {}
        record["tekst"] = lid.tekst
        if lid.onderdelen:
            record["onderdelen"] = [part(p) for p in lid.onderdelen]
        if lid.slot:
            record["slot"] = lid.slot
        leden.append(record)
    return {
        "wet": wet_id,
        "artikel": str(source["artikel"]),
        "onderwerp": editorial.get("onderwerp", "ONDERWERP INVULLEN"),
        "geldig_vanaf": str(source["geldig_vanaf"]),
        "url": source["url"],
        **({"vervangt": editorial["vervangt"]} if editorial.get("vervangt") else {}),
        "leden": leden,
    }
