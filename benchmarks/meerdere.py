"""Benchmark: 200 leer-werkovereenkomsten from one CSV on the page 'Meerdere leerlingen tegelijk' in Chromium.

Prints, from one run on this machine: the time to read and check the file in the page, the time to make the ZIP
(from the click to the download), their sum (goal < 5 s), and as baseline the CLI batch (`run_batch`, in-process)
on the same file, with the ratio browser / CLI.

Run: .venv/bin/python benchmarks/meerdere.py [BUILT_SITE]   (without BUILT_SITE it builds the site first)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM_FLAGS, serve, site_to_measure, valid_values, write_csv  # noqa: E402

from generators.inhoud.content import load_content  # noqa: E402
from generators.inhoud.publication import site_meta  # noqa: E402
from generators.overeenkomsten.batch import read_rows, run_batch  # noqa: E402
from generators.overeenkomsten.documenten import Agreements  # noqa: E402

ROWS = 200
ID = "leer-werkovereenkomst"


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="meerdere-"))
    site = site_to_measure(work)
    inhoud = load_content(ROOT / "content")
    o = next(o for o in inhoud.overeenkomsten if o.id == ID)
    csv_path = work / "leerlingen.csv"
    write_csv(csv_path, [valid_values(o, f"Leerling {n}") for n in range(ROWS)])

    builder = Agreements(ROOT, site_meta(inhoud))
    run_batch(builder, o, read_rows(csv_path), work / "opwarmen")  # template built once, as the site build did
    start = time.perf_counter()
    result = run_batch(builder, o, read_rows(csv_path), work / "cli")
    cli = time.perf_counter() - start
    assert len(result.written) == ROWS, result.failed

    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        page = browser.new_context(accept_downloads=True).new_page()
        page.goto(f"{url}/overeenkomsten/{ID}/meerdere/")
        page.wait_for_selector(".wmwm-meerdere[data-klaar='ja']")
        start = time.perf_counter()
        page.set_input_files("#wmwm-bestand", str(csv_path))
        page.wait_for_selector("#wmwm-uitslag:not([hidden])")
        checked = time.perf_counter() - start
        start = time.perf_counter()
        with page.expect_download() as download:
            page.click("#wmwm-maak")
        download.value.path()
        made = time.perf_counter() - start
        in_page = page.evaluate("window.wmwmMeerdere.lastMs") / 1000
        browser.close()
    total = checked + made
    print(f"{ROWS} rijen in Chromium: lezen en controleren {checked:.2f} s, maken tot download {made:.2f} s")
    print(f"  (in de pagina {in_page:.2f} s); samen {total:.2f} s (doel < 5 s)")
    print(f"basislijn CLI (run_batch, in-process) {cli:.2f} s; verhouding browser / CLI {total / cli:.2f}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
