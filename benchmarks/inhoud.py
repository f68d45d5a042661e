"""Benchmark: reading content/ with load_content, the first time and again.

Prints, from one run on this machine, medians of CPU time (process time: less sensitive to other work on a shared
machine than wall time):
  (a) load_content of content/ with an empty parse cache, as `wmwm controleer` or `wmwm bouw` reads it once;
  (b) load_content again, each unchanged file's parse kept (generators/inhoud/yamlsource.py), as the tests and the
      preview (`wmwm bekijk`) read it over and over;
  (c) the YAML parse alone: libyaml's composer with PyYAML's base loader, and with the loader yamlsource uses (the
      same, without PyYAML's Python tag lookup for every node).
Measured on 2026-12-06 (2 cores, shared machine): (a) 86-97 ms, (b) 34-35 ms; before the parse cache (commit 9bd3fdb)
every load cost what (a) costs, 84-100 ms. (c) differs by a few ms; the medians swing with the garbage collector, the
minimums went from 38-39 ms to 28-35 ms.

Run: .venv/bin/python benchmarks/inhoud.py [--rondes N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generators.inhoud import yamlsource  # noqa: E402
from generators.inhoud.content import load_content  # noqa: E402


def cpu_ms(work: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median and minimum CPU time of `work`, in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        work()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=15)
    rounds = parser.parse_args().rondes
    content = ROOT / "content"
    texts = [path.read_text(encoding="utf-8") for path in sorted(content.rglob("*.yaml"))]

    def first() -> None:
        yamlsource._parse.cache_clear()
        load_content(content)

    rows = [
        ("(a) load_content, eerste keer", first),
        ("(b) load_content, opnieuw", lambda: load_content(content)),
        ("(c) YAML: CBaseLoader", lambda: [yaml.compose(t, Loader=yamlsource.FAST_LOADER) for t in texts]),
        ("(c) YAML: yamlsource._Loader", lambda: [yaml.compose(t, Loader=yamlsource._Loader) for t in texts]),
    ]
    load_content(content)  # imports and pydantic's first validations out of the way
    print(f"content/: {len(texts)} bestanden, {sum(map(len, texts)) // 1024} KB; CPU-tijd over {rounds} rondes")
    for name, work in rows:
        median, least = cpu_ms(work, rounds)
        print(f"  {name:32} mediaan {median:6.1f} ms   minimum {least:6.1f} ms")


if __name__ == "__main__":
    main()
