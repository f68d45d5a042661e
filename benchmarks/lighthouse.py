"""Benchmark: Lighthouse performance of the built site, served with gzip as a static host serves it.

Why: issue 21 measured the stappenplan at performance 0.88 (layout shift 0.215) against 0.97-1.00 elsewhere; the
goal is >= 0.95 on stappenplan/. This script repeats the measurement.

It builds the site (or takes --site), serves it on 127.0.0.1 the way nginx's `gzip_static on` in the generated
_nginx.conf does (the build's `.gz` beside each text file, sent with Content-Encoding: gzip to a browser that asks
for it), and runs Lighthouse 12.2.3 from npm (installed on first use into .cache/lighthouse; 13 needs Node 22)
against Debian's chromium (CHROME_PATH), with Lighthouse's default settings: mobile, simulated throttling. Per page
it prints the performance score, layout shift (CLS), Largest and First Contentful Paint and Total Blocking Time,
and the median of --runs runs. No request leaves the machine: the pages are on 127.0.0.1 and Lighthouse runs
locally. It is a measurement, not a test: it exits 0 unless Lighthouse itself cannot run.

Run: .venv/bin/python benchmarks/lighthouse.py [--site site/] [--runs 3] [page ...]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"
PAGES = [
    "stappenplan/",
    "stappenplan/?wie=school&route=leer-werktraject&situatie=eerste-leerling&leeftijd=onder-16"
    "&samenwerkingsovereenkomst=nee&leerbedrijf=weet-niet&scherm=plan",
    "",
    "overeenkomsten/leer-werkovereenkomst/",
]


class GzipStatic(http.server.SimpleHTTPRequestHandler):
    """Serves `x.gz` for `x` with Content-Encoding: gzip when the browser accepts gzip (nginx gzip_static on)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        packed = path.with_name(path.name + ".gz")
        if "gzip" in self.headers.get("Accept-Encoding", "") and packed.is_file() and not self.path.endswith("/."):
            data = packed.open("rb")
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(packed.stat().st_size))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return data
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:
        pass


def lighthouse() -> Path:
    cli = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_DIR), "-E",
             f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )  # fmt: skip
    return cli


def measure(cli: Path, url: str, chromium: str, out: Path) -> dict[str, float]:
    subprocess.run(
        ["node", str(cli), url, "--only-categories=performance", "--output=json", f"--output-path={out}", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"],
        check=True,
        env={**os.environ, "CHROME_PATH": chromium},
    )  # fmt: skip
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "score": report["categories"]["performance"]["score"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one in a temporary folder)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    assert chromium, "Debian-pakket chromium ontbreekt"
    cli = lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from generators.site.bouw import build_site

            site = Path(tmp) / "site"
            build_site(ROOT, site)
        handler = functools.partial(GzipStatic, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"Lighthouse {LIGHTHOUSE_VERSION}, standaardinstellingen (mobiel, gesimuleerde vertraging), gzip, "
              f"mediaan van {args.runs} metingen")  # fmt: skip
        for page in args.pages:
            runs = [measure(cli, base + page, chromium, Path(tmp) / "rapport.json") for _ in range(args.runs)]
            median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            scores = ", ".join(f"{r['score']:.2f}" for r in runs)
            print(
                f"/{page:<40} prestatie {median['score']:.2f} ({scores})  CLS {median['cls']:.3f}  "
                f"LCP {median['lcp'] / 1000:.1f} s  FCP {median['fcp'] / 1000:.1f} s  TBT {median['tbt']:.0f} ms"
            )
        server.shutdown()


if __name__ == "__main__":
    main()
