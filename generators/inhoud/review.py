"""Law-change guard: which lid texts each statement and clause was last reviewed against.

Input: a valid `Inhoud` (its `beoordelingen` come from the ledger
`content/beoordelingen.yaml`). Output: problems for every statement or clause
whose cited lid text changed since its review, or that was never reviewed; and
the ledger text `wmwm beoordeel` writes. Editors never type hashes: the tool
computes a short hash of each cited lid (with its onderdelen and slot).
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generators.inhoud.model import Bron, Inhoud, Item, Lid, Onderdeel, Wetsartikel
from generators.inhoud.problems import Problem, WmwmError

LEDGER = "beoordelingen.yaml"
LEDGER_HEADER = """\
# yaml-language-server: $schema=../schemas/inhoud.schema.json
# Bijgehouden door `wmwm beoordeel`; niet met de hand bewerken.
# Per uitspraak en clausule: tegen welke tekst van elk geciteerd wetsartikel-lid die het laatst is beoordeeld
# (een korte vingerafdruk van de tekst). Verandert een lid, dan meldt `wmwm controleer` wat opnieuw moet.
"""


class ReviewError(WmwmError):
    """`wmwm beoordeel` was given an id that is not a statement or clause."""


@dataclass(frozen=True)
class Reviewable:
    """A statement or agreement clause that cites law."""

    id: str
    soort: str  # "uitspraak" or "clausule", shown to editors
    item: Item
    path: tuple[str | int, ...]
    bronnen: tuple[Bron, ...]

    def problem(self, message: str) -> Problem:
        return self.item.problem(*self.path, message=message)


def reviewables(inhoud: Inhoud) -> list[Reviewable]:
    """Every statement and clause with at least one law citation."""
    found = [Reviewable(u.id, "uitspraak", u, (), tuple(u.bronnen)) for u in inhoud.uitspraken]
    for o in inhoud.overeenkomsten:
        for i, c in enumerate(o.clausules):
            found.append(Reviewable(f"{o.id}/{c.id}", "clausule", o, ("clausules", i), tuple(c.bronnen)))
    return [r for r in found if any(b.is_law for b in r.bronnen)]


def citation_key(bron: Bron) -> str:
    """`wvo2020 2.103 lid 6`; without `lid` for an article without numbered leden."""
    return f"{bron.wet} {bron.artikel}" + (f" lid {bron.lid}" if bron.lid else "")


def lid_hash(lid: Lid) -> str:
    """Short fingerprint of a lid's words (whitespace-insensitive, so re-wrapping a line changes nothing)."""

    def parts(onderdelen: Iterable[Onderdeel]) -> list[str]:
        return [x for o in onderdelen for x in (o.nr, o.tekst, *parts(o.onderdelen))]

    words = " ".join(" ".join([lid.tekst, *parts(lid.onderdelen), lid.slot or ""]).split())
    return hashlib.sha256(words.encode()).hexdigest()[:10]


def _cited_lids(r: Reviewable, articles: dict[tuple[str, str], Wetsartikel]) -> dict[str, tuple[Wetsartikel, int]]:
    """citation key -> (article, index of the lid) for every law citation of `r`."""
    out: dict[str, tuple[Wetsartikel, int]] = {}
    for bron in r.bronnen:
        artikel = articles.get((str(bron.wet), str(bron.artikel))) if bron.is_law else None
        if artikel is None:
            continue
        index = next((i for i, lid in enumerate(artikel.leden) if lid.nr == bron.lid), None)
        if index is not None:
            out[citation_key(bron)] = (artikel, index)
    return out


def current(r: Reviewable, inhoud: Inhoud) -> dict[str, str]:
    """citation key -> hash of the lid text as it is now."""
    articles = {(a.wet, a.artikel): a for a in inhoud.wetsartikelen}
    return {key: lid_hash(a.leden[i]) for key, (a, i) in _cited_lids(r, articles).items()}


def review_problems(inhoud: Inhoud) -> list[Problem]:
    """One problem per statement or clause that needs (re)review, at the statement or clause."""
    ledger = {b.id: b for b in inhoud.beoordelingen}
    articles = {(a.wet, a.artikel): a for a in inhoud.wetsartikelen}
    problems: list[Problem] = []
    for r in reviewables(inhoud):
        command = f"lees de tekst en draai daarna: wmwm beoordeel {r.id}"
        record = ledger.get(r.id)
        if record is None:
            problems.append(r.problem(f"nog niet beoordeeld: {r.soort} '{r.id}'; {command}"))
            continue
        changed: list[str] = []
        for key, (artikel, index) in _cited_lids(r, articles).items():
            if record.bronnen.get(key) != lid_hash(artikel.leden[index]):
                where = artikel.problem("leden", index, message="")
                what = "wordt nu ook geciteerd" if key not in record.bronnen else "heeft een andere tekst"
                changed.append(f"{key} ({where.file}:{where.line}) {what}")
        if changed:
            problems.append(
                r.problem(
                    f"opnieuw beoordelen: {r.soort} '{r.id}': {'; '.join(changed)} "
                    f"sinds de beoordeling van {record.datum.isoformat()}; {command}"
                )
            )
    return problems


def resolve(inhoud: Inhoud, ids: Iterable[str]) -> list[Reviewable]:
    """The reviewables named by `ids`; a clause may be named by its bare id when that is unique."""
    known = {r.id: r for r in reviewables(inhoud)}
    by_clause: dict[str, list[Reviewable]] = {}
    for r in known.values():
        if r.soort == "clausule":
            by_clause.setdefault(r.id.split("/", 1)[1], []).append(r)
    chosen: list[Reviewable] = []
    errors: list[str] = []
    for name in ids:
        if name in known:
            chosen.append(known[name])
        elif len(by_clause.get(name, [])) == 1:
            chosen.append(by_clause[name][0])
        elif name in by_clause:
            options = ", ".join(r.id for r in by_clause[name])
            errors.append(f"'{name}' is een clausule in meer overeenkomsten; kies uit: {options}")
        else:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"; bedoelde u '{close[0]}'?" if close else ""
            errors.append(f"'{name}' is geen uitspraak of clausule met een wettelijke bron{hint}")
    if errors:
        raise ReviewError("\n".join(errors))
    return chosen


def ledger_text(inhoud: Inhoud, reviewed: Iterable[Reviewable], today: date) -> str:
    """The new ledger: `reviewed` recorded against today's lid texts, other records kept (if still cited)."""
    records: dict[str, tuple[str, dict[str, str]]] = {
        b.id: (b.datum.isoformat(), dict(b.bronnen)) for b in inhoud.beoordelingen
    }
    for r in reviewed:
        records[r.id] = (today.isoformat(), current(r, inhoud))
    alive = {r.id for r in reviewables(inhoud)}
    lines = [LEDGER_HEADER.rstrip("\n"), "beoordelingen:"]
    for rid in sorted(records):
        if rid not in alive:
            continue
        datum, bronnen = records[rid]
        lines += [f'  - id: "{rid}"', f"    datum: {datum}", "    bronnen:"]
        lines += [f'      "{key}": "{value}"' for key, value in sorted(bronnen.items())]
        if not bronnen:
            lines[-1] = "    bronnen: {}"
    return "\n".join(lines) + "\n"


def write_ledger(content_dir: Path, text: str) -> Path:
    path = content_dir / LEDGER
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
