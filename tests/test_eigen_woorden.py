"""Prose is written in our own words: no long run of words copied from the brochure or the reports.

Law text is quoted verbatim on purpose (content/wetsartikelen/, checked against the official text elsewhere), and
so is a phrase of the law that a source quotes too;
`vindplaats` values name a table or passage of a source and may quote its title. Everything else an editor
writes (uitspraken, routes, clauses, begrippen, praktijk, cijfers notes, hand-written pages) must not share a run
of RUN words with a source. Numbers are left out of the comparison: figures are meant to match the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pytest
from helpers import ROOT, SHARED, read_yaml

RUN = 10
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
QUOTING_KEYS = {"vindplaats"}

pytestmark = pytest.mark.skipif(not SEEDS, reason="../shared/seeds ontbreekt naast de checkout")


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def runs(ws: list[str]) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + RUN]) for i in range(len(ws) - RUN + 1)}


@cache
def source_runs() -> dict[tuple[str, ...], str]:
    """Runs of the sources, less those that quote the law (quoting the law is what we should do)."""
    law = set().union(*(runs(words(p.read_text(encoding="utf-8"))) for p in (SHARED / "law").glob("*.yaml")))
    found: dict[tuple[str, ...], str] = {}
    for seed in SEEDS:
        for run in runs(words(seed.read_text(encoding="utf-8"))) - law:
            found.setdefault(run, seed.name)
    return found


def prose(data: object, key: str = "") -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in QUOTING_KEYS:
                yield from prose(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from prose(v, key)
    elif isinstance(data, str):
        yield data


def written_texts() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        if "wetsartikelen" not in path.parts:
            for text in prose(read_yaml(path.read_text(encoding="utf-8"))):
                yield str(path.relative_to(ROOT)), text
    for path in sorted([*(ROOT / "docs").glob("*.md"), *(ROOT / "templates").glob("*.j2")]):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def copied(text: str) -> list[str]:
    """Each copied passage in `text` once: its first RUN words and the source file."""
    known, ws, hits, last = source_runs(), words(text), [], -RUN
    for i in range(len(ws) - RUN + 1):
        window = tuple(ws[i : i + RUN])
        if window in known:
            if i > last + 1:
                hits.append(f"'{' '.join(window)}…' ({known[window]})")
            last = i
    return hits


def test_a_copied_sentence_is_caught() -> None:
    brochure = next(s for s in SEEDS if s.name.startswith("003_")).read_text(encoding="utf-8")
    sentence = max(re.split(r"(?<=[.!?])\s+", brochure), key=lambda s: len(words(s)))
    assert copied(f"Onze eigen inleiding. {sentence}")
    assert not copied("Een leer-werktraject begint met een samenwerkingsovereenkomst tussen de school en het mbo.")


def test_no_prose_copied_from_the_sources() -> None:
    found = [f"{name}: {hit}" for name, text in written_texts() for hit in copied(text)]
    assert not found, "in eigen woorden herschrijven:\n" + "\n".join(found)
