"""Benchmark: `wmwm bouw` against a bare mkdocs-material build of the same pages, and the preview's edit latency.

Prints, from one run on this machine:
  (a) warm `wmwm bouw` (pandoc cache filled) and cold `wmwm bouw` (no .cache/), each a fresh process as an editor
      runs it, against (b) `mkdocs build` of the same pages without the wmwm plugin: the plugin's generated files
      (pages with their abbreviations, downloads, form files, feed) written out as plain docs, same theme and
      Markdown extensions. Runs alternate (warm, bare, cold, ...) so machine load hits all alike; medians of wall
      time and of CPU time (user + system of the child, less sensitive to other work on a shared machine), and the
      ratios. Target: warm <= 1.5x bare.
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

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from helpers import copy_project, free_port  # noqa: E402

from generators.site.plugin import with_abbreviations  # noqa: E402

PREVIEW_PAGE = "wat-moet-wat-mag/aanbieden/"
PREVIEW_FILE = Path("content") / "uitspraken" / "aanbieden.yaml"
PREVIEW_TEXT = "zonder toestemming van het ministerie"


def write_bare(project: Path, target: Path) -> Path:
    """A plain mkdocs-material project with the pages the wmwm plugin generates for `project`; returns mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["wmwm"]
    plugin.on_config(config)
    docs = target / "docs"
    shutil.copytree(project / "docs", docs)
    for path, content in plugin.generated_files(config).items():  # type: ignore[attr-defined]
        out = docs / path
        out.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            out.write_text(content, encoding="utf-8")
    for page in docs.rglob("*.md"):  # what the plugin's on_page_markdown adds
        page.write_text(with_abbreviations(page.read_text("utf-8"), plugin.pages.abbreviations), encoding="utf-8")  # type: ignore[attr-defined]
    raw = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    raw["plugins"] = []
    raw["nav"] = config.nav
    raw["docs_dir"] = str(docs)
    raw["theme"]["custom_dir"] = str(project / raw["theme"]["custom_dir"])
    raw["extra"] = dict(config.extra)
    raw.pop("watch", None)
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


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
        bare = write_bare(project, base / "kaal")
        wmwm = [sys.executable, "-m", "generators", "bouw", "--uitvoer", str(base / "site")]
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare), "-d", str(base / "kaal-site")]
        subprocess.run(wmwm, cwd=project, check=True, capture_output=True)  # fills .cache/: later runs are warm
        subprocess.run(mkdocs, cwd=base, check=True, capture_output=True)
        results: dict[str, list[tuple[float, float]]] = {"warm": [], "kaal": [], "koud": []}
        for _ in range(args.rondes):
            results["warm"].append(timed(wmwm, project))
            results["kaal"].append(timed(mkdocs, base))
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
    labels = {"kaal": "kale mkdocs-material-bouw", "warm": "wmwm bouw, warm (cache)", "koud": "wmwm bouw, koud"}
    for key in ("kaal", "warm", "koud"):
        print(f"{labels[key]:<34}{wall[key]:>9.2f}s{cpu[key]:>9.2f}s")
    print(f"{'verhouding warm / kaal':<34}{wall['warm'] / wall['kaal']:>9.2f}x{cpu['warm'] / cpu['kaal']:>9.2f}x")
    print(f"{'verhouding koud / kaal':<34}{wall['koud'] / wall['kaal']:>9.2f}x{cpu['koud'] / cpu['kaal']:>9.2f}x")
    print(f"\nvoorvertoning, wijziging opgeslagen tot pagina bijgewerkt: {', '.join(f'{t:.2f}' for t in latencies)} s")
    print(f"mediaan {statistics.median(latencies):.2f} s (doel <= 3 s); warm / kaal doel <= 1.5x")


if __name__ == "__main__":
    main()
