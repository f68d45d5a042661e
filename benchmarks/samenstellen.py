"""Benchmark: one leer-werkovereenkomst made in the browser ('Stel uw overeenkomst samen') in Chromium.

Prints, from one run on this machine: the median and slowest time the page needs to check the values and fill the
Word file (goal < 200 ms, a click that feels immediate), and as baseline the same document made in-process by
Python (`Agreements.tailored`), with the ratio browser / Python. Timing goals live here, not in the tests.

Run: .venv/bin/python benchmarks/samenstellen.py [BUILT_SITE]   (without BUILT_SITE it builds the site first)
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM_FLAGS, raw_of, serve, site_to_measure  # noqa: E402

from generators.inhoud.content import load_content  # noqa: E402
from generators.inhoud.publication import site_meta  # noqa: E402
from generators.overeenkomsten.documenten import Agreements  # noqa: E402

ID = "leer-werkovereenkomst"
ROUNDS = 20
GOAL_MS = 200


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="samenstellen-"))
    site = site_to_measure(work)
    inhoud = load_content(ROOT / "content")
    o = next(o for o in inhoud.overeenkomsten if o.id == ID)
    raw = raw_of({"invoer": {}})  # the shared case table's valid pupil

    builder = Agreements(ROOT, site_meta(inhoud))
    builder.tailored(o, raw)  # template built once, as the site build did
    python = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        builder.tailored(o, raw)
        python.append((time.perf_counter() - start) * 1000)

    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(f"{url}/overeenkomsten/{ID}/samenstellen/")
        page.wait_for_selector(".wmwm-samenstellen[data-klaar='ja']")
        page.evaluate("(raw) => window.wmwmSamenstellen.docx(raw)", raw)  # template fetched and unpacked once
        in_page = page.evaluate(
            """async ([raw, rounds]) => {
                const times = [];
                for (let i = 0; i < rounds; i++) {
                    const start = performance.now();
                    await window.wmwmSamenstellen.docx(raw);
                    times.push(performance.now() - start);
                }
                return times;
            }""",
            [raw, ROUNDS],
        )
        browser.close()
    median = statistics.median(in_page)
    baseline = statistics.median(python)
    print(f"in de pagina (controleren en Word-bestand maken), {ROUNDS} keer:")
    print(f"  mediaan {median:.1f} ms, langzaamste {max(in_page):.1f} ms (doel < {GOAL_MS} ms)")
    print(f"basislijn Python in-process (Agreements.tailored): mediaan {baseline:.1f} ms")
    print(f"verhouding browser / Python {median / baseline:.2f}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
