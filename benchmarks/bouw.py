"""Benchmark: `wmwm bouw` against a bare build of the same pages, with both engines, the site's size and the
preview's edit latency.

Prints, from one run on this machine:
  (a) warm `wmwm bouw` (.cache/ filled: Word files, compiled templates, converted pages, .gz copies), warm
      after an edit of one content file (a new text each run, in a copy of its own), cold `wmwm bouw` (no .cache/)
      and warm `wmwm bouw --motor zensical`, each a fresh process as an editor runs it, against (b) `mkdocs build`
      (and `zensical build`) of the generated tree alone: the same pages, theme and Markdown extensions, without
      the generate and finish steps. Runs alternate so machine load hits all alike; medians of wall time and of
      CPU time (user + system of the child, less sensitive to other work on a shared machine), and the ratios.
      Target: warm <= 1.2x bare.
  The size of the built site, without and with its precompressed .gz copies.
  (c) preview latency: under `wmwm bekijk`, the time from saving a content edit until the page serves the new text.
      Target: <= 3 s.

Run: .venv/bin/python benchmarks/bouw.py [--rondes N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import copy_project, free_port  # noqa: E402

from generators.site.motor import zensical_command  # noqa: E402

PREVIEW_PAGE = "wat-moet-wat-mag/aanbieden/"
PREVIEW_FILE = Path("content") / "uitspraken" / "aanbieden.yaml"
PREVIEW_TEXT = "zonder toestemming van het ministerie"


def write_bare(project: Path, target: Path) -> Path:
    """The generated tree of `project` (generators/site/genereer.py) as a plain project; returns its mkdocs.yml.
    Building it with an engine alone is the bare build: the same pages, no generate and no finish step."""
    from generators.inhoud.content import load_content
    from generators.site.genereer import Tree, generate

    tree = Tree(target)
    generate(project, load_content(project / "content"), tree)
    return tree.config


def site_size(site: Path) -> tuple[int, int]:
    """Bytes of the site without and with the precompressed .gz copies."""
    files = [p for p in site.rglob("*") if p.is_file()]
    plain = sum(p.stat().st_size for p in files if p.suffix != ".gz")
    return plain, sum(p.stat().st_size for p in files)


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system of the child and its children) of one run."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def fetch(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition: Callable[[], bool], seconds: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def preview_latencies(project: Path, rounds: int) -> list[float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/{PREVIEW_PAGE}"
    preview = subprocess.Popen(
        [sys.executable, "-m", "generators", "bekijk", "--poort", str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    path = project / PREVIEW_FILE
    original = path.read_text(encoding="utf-8")
    times = []
    try:
        if not wait_for(lambda: PREVIEW_TEXT in fetch(url), 180, 0.5):
            raise SystemExit("de voorvertoning kwam niet op")
        for i in range(rounds):
            marker = f"zonder toestemming van het ministerie{i}x"
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            started = time.perf_counter()
            path.write_text(original.replace(PREVIEW_TEXT, marker, 1), encoding="utf-8")
            if not wait_for(lambda m=marker: m in fetch(url), 60):  # type: ignore[misc]
                raise SystemExit("de voorvertoning liet de wijziging niet zien")
            times.append(time.perf_counter() - started)
    finally:
        path.write_text(original, encoding="utf-8")
        preview.terminate()
        preview.wait(timeout=30)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=5, help="Aantal metingen per soort (standaard 5).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wmwm-bouw-") as tmp:
        base = Path(tmp)
        project = copy_project(base / "project")
        edited = copy_project(base / "project-bewerkt")
        bare = write_bare(project, base / "kaal")
        zensical = zensical_command()
        wmwm = [sys.executable, "-m", "generators", "bouw", "--uitvoer", str(base / "site")]
        commands = {
            "warm": (wmwm, project),
            "kaal": ([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare)], base),
            "bewerkt": ([*wmwm[:-1], str(base / "site-bewerkt")], edited),
        }
        if zensical:
            zensical_out = [*wmwm[:-1], str(base / "site-zensical")]  # the size below is of the mkdocs site
            commands["zensical"] = ([*zensical_out, "--motor", "zensical"], project)
            commands["zensical-kaal"] = ([zensical, "build", "-f", str(bare)], base / "kaal")
        for command, cwd in commands.values():  # fills .cache/ (and zensical's cache): later runs are warm
            subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        sizes = site_size(base / "site")
        results: dict[str, list[tuple[float, float]]] = {key: [] for key in [*commands, "koud"]}
        statement = edited / PREVIEW_FILE
        original = statement.read_text(encoding="utf-8")
        for round_ in range(args.rondes):
            for key, (command, cwd) in commands.items():
                if key == "bewerkt":  # one statement's text changes: its pages are made and converted again
                    statement.write_text(original.replace(PREVIEW_TEXT, f"{PREVIEW_TEXT} {round_}x", 1), "utf-8")
                results[key].append(timed(command, cwd))
            cache = project / ".cache"
            kept = base / "cache-bewaard"
            shutil.copytree(cache, kept)
            shutil.rmtree(cache)
            results["koud"].append(timed(wmwm, project))
            shutil.rmtree(cache, ignore_errors=True)
            shutil.move(kept, cache)
        latencies = preview_latencies(project, args.rondes)

    wall = {k: statistics.median(w for w, _ in v) for k, v in results.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in results.items()}
    print(f"\n{args.rondes} rondes, afwisselend; mediaan per soort ({os.cpu_count()} kernen)\n")
    print(f"{'':<34}{'wandklok':>10}{'cpu-tijd':>10}")
    labels = {
        "kaal": "kale mkdocs-bouw van de boom",
        "warm": "wmwm bouw, warm (cache)",
        "bewerkt": "wmwm bouw, warm, 1 bestand anders",
        "koud": "wmwm bouw, koud",
        "zensical-kaal": "kale zensical-bouw van de boom",
        "zensical": "wmwm bouw --motor zensical",
    }
    for key in [k for k in labels if k in results]:
        print(f"{labels[key]:<34}{wall[key]:>9.2f}s{cpu[key]:>9.2f}s")
    ratios = [("warm", "kaal"), ("bewerkt", "kaal"), ("koud", "kaal"), ("zensical", "kaal"), ("zensical-kaal", "kaal")]
    for top, bottom in [(t, b) for t, b in ratios if t in results]:
        name = f"verhouding {top} / {bottom}"
        print(f"{name:<34}{wall[top] / wall[bottom]:>9.2f}x{cpu[top] / cpu[bottom]:>9.2f}x")
    if "zensical" not in results:
        print("zensical is niet geïnstalleerd (pip install -e '.[test]'); alleen mkdocs gemeten")
    print(f"\nsite: {sizes[0] / 1e6:.2f} MB zonder .gz-kopieën, {sizes[1] / 1e6:.2f} MB met")
    print(f"\nvoorvertoning, wijziging opgeslagen tot pagina bijgewerkt: {', '.join(f'{t:.2f}' for t in latencies)} s")
    print(f"mediaan {statistics.median(latencies):.2f} s (doel <= 3 s); warm / kaal doel <= 1.2x")


if __name__ == "__main__":
    main()
