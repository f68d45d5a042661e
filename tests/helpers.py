"""Every helper the tests (and benchmarks) share: run `wmwm`, copy and serve a project, valid agreement values,
read a DOCX back through LibreOffice, axe in Chromium. Fixtures live in conftest.py; no test imports another."""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from generators.inhoud.model import Inhoud, Overeenkomst
from generators.overeenkomsten.regels import InvoerError, check_values

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PROJECT_PARTS = ["mkdocs.yml", "content", "templates", "docs"]
CONTENT_PARTS = ["mkdocs.yml", "content"]
SITE_ADDRESS = "https://wmwm.example.org/lwt/"  # the address the shared test site is built for
TEST_AGREEMENT = ROOT / "tests" / "voorbeelden" / "samenstellen-overeenkomst.yaml"
# yaml.safe_load's result through libyaml: ten times faster than PyYAML's Python parser on content/ (1 s -> 0.08 s)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


# --- the project and the `wmwm` command ------------------------------------------------------------------------


def wmwm(*args: str, cwd: Path = ROOT, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `wmwm` command as an editor would, in `cwd` (its `content/` is the default --inhoud), in this
    process (typer's CliRunner: no interpreter start per call). An exception that escapes the command is a bug: it
    is shown in `stderr` with its traceback, as a terminal would show it."""
    from typer.testing import CliRunner

    from generators.cli import app

    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), input=input)
    finally:
        os.chdir(before)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(["wmwm", *args], result.exit_code, result.stdout, stderr)


def wmwm_process(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`wmwm` as its own process, as installed: for the few smoke tests of the real command line."""
    return subprocess.run([sys.executable, "-m", "generators", *args], cwd=cwd, capture_output=True, text=True)


def with_test_agreement(root: Path) -> Path:
    """The project at `root` with the form tests' agreement (every field type, conditions, rules) added."""
    shutil.copy(TEST_AGREEMENT, root / "content" / "overeenkomsten" / TEST_AGREEMENT.name)
    return root


def wmwm_in(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return wmwm(*args, cwd=project)


def site_to_measure(work: Path) -> Path:
    """For a benchmark: the built site named on its command line, or a fresh build of this project in `work`."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    from generators.site.bouw import build_site

    build_site(ROOT, work / "site")
    return work / "site"


KEPT_CACHE = ("docx", "xlsx", "jinja")


def copy_project(target: Path) -> Path:
    """A private copy of everything a build reads, so a test can break it."""
    _copy_parts(target, PROJECT_PARTS)
    cache = ROOT / ".cache"
    # reuse what pandoc and the XLSX writer made (same content hash, same bytes); the build's other caches and a
    # benchmark's tools would only make every copy slow
    kept = [path for part in KEPT_CACHE for path in (cache / part).rglob("*")]
    for path in kept:
        if path.is_file():
            copy = target / ".cache" / path.relative_to(cache)
            copy.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):  # a build elsewhere may replace a file meanwhile
                shutil.copy2(path, copy)
    return target


def copy_content(target: Path) -> Path:
    """A private copy of mkdocs.yml and content/ only: all that `controleer`, `beoordeel`, `wetten importeer` and
    load_content read (mkdocs.yml marks the project folder). For a test that changes content and reads it back: a
    quarter of the time of copy_project (about 17 against 75 ms), and a tenth of the files to delete afterwards."""
    _copy_parts(target, CONTENT_PARTS)
    return target


def _copy_parts(target: Path, parts: list[str]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        else:
            shutil.copy2(src, target / part)


def read_yaml(text: str) -> Any:
    """`yaml.safe_load(text)`, parsed by libyaml."""
    return yaml.load(text, Loader=SAFE_LOADER)


def snapshot(directory: Path) -> dict[str, str]:
    """Every file and folder below `directory` with a hash of its bytes."""
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "map"
        for p in sorted(directory.rglob("*"))
    }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def site_pages(site: Path) -> list[str]:
    """Every built HTML page as a URL path (404 page excluded)."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith(("pagefind", "assets")):
            continue
        pages.append("/" if rel == "." else f"/{rel}/")
    return pages


# --- law texts ---------------------------------------------------------------------------------------------------

ARTICLE = ("wvo2020", "2.103")


def change_lid_text(project: Path, inhoud: Inhoud, lid: str | None) -> None:
    """Edit the YAML text of lid `lid` of art. 2.103 in place: insert a word at the start of its `tekst`."""
    artikel = next(a for a in inhoud.wetsartikelen if (a.wet, a.artikel) == ARTICLE)
    index = next(i for i, x in enumerate(artikel.leden) if x.nr == lid)
    where = artikel.problem("leden", index, "tekst", message="")
    path = project / where.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[where.line - 1]
    start = line.index("tekst:") + len("tekst:")
    rest = line[start:].lstrip()
    if rest[:1] in ("'", '"'):
        lines[where.line - 1] = line[:start] + " " + rest[0] + "Gewijzigd " + rest[1:]
    elif rest[:1] in (">", "|"):
        nxt = lines[where.line]
        indent = len(nxt) - len(nxt.lstrip())
        lines[where.line] = nxt[:indent] + "Gewijzigd " + nxt[indent:]
    else:
        lines[where.line - 1] = line[:start] + " Gewijzigd " + rest
    path.write_text("".join(lines), encoding="utf-8")


# --- agreement values --------------------------------------------------------------------------------------------

HOSTILE = [
    '& <b>x</b> *y* _z_ [a](b) | "q" ‘q’ {{ x }} <w:t>x</w:t>',
    "Ş̌çhøøl 🏫 مدرسة النور # {x} ~~doorgestreept~~ `code` \\backslash",
    "regel één\nregel twee\r\nregel drie",
    "lang " + "abcdefghij" * 500,
]


def valid_values(o: Overeenkomst, text: str | list[str] = "Waarde") -> dict[str, Any]:
    """One valid value per field; `text` (or one per tekst field, cycling) for every tekst field."""
    texts = [text] if isinstance(text, str) else text
    values: dict[str, Any] = {}
    day = date(2026, 9, 1)
    n_text = 0
    for veld in o.velden:
        if veld.type == "tekst":
            values[veld.naam] = texts[n_text % len(texts)]
            n_text += 1
        elif veld.type == "datum":
            if "geboor" in veld.naam:
                values[veld.naam] = "2011-03-15"
            else:
                values[veld.naam] = day.isoformat()
                day += timedelta(days=300)
        elif veld.voorbeeld is not None:  # the content's own example, where the lower bound would break a rule
            values[veld.naam] = veld.voorbeeld
        elif veld.type == "getal":
            low = next(v["min"] for v in o.spec["velden"] if v["naam"] == veld.naam) or "1"
            values[veld.naam] = low.replace(".", ",")
        elif veld.type == "keuze":
            values[veld.naam] = veld.keuzes[0]
        elif veld.type == "ja/nee":
            values[veld.naam] = "ja"
        elif veld.type == "tijd":
            values[veld.naam] = "16.00" if "einde" in veld.naam else "9.00"
        elif veld.type == "dagen":
            values[veld.naam] = "dinsdag en donderdag"
        else:  # lijst
            values[veld.naam] = [texts[0], "tweede item"]
    return values


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """Rows as a CSV the batch command reads: header = field names, list items one per line."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "\n".join(v) if isinstance(v, list) else v for k, v in row.items()})


# --- office ------------------------------------------------------------------------------------------------------


def pdf_text(docx: Path) -> str:
    """DOCX -> PDF with LibreOffice headless, then the text with pdftotext."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "libreoffice-writer-nogui ontbreekt (de testopdracht uit de README installeert het)"
    outdir = docx.parent / "pdf"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{docx.parent}/lo-profiel",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = outdir / (docx.stem + ".pdf")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


# --- browser -----------------------------------------------------------------------------------------------------


def other_requests(requests: list[tuple[str, str]], site_url: str) -> list[tuple[str, str]]:
    """Every request that is not a GET of this site's own files (blob:/data: never touch the network)."""
    own = urlparse(site_url).netloc
    return [
        (method, url)
        for method, url in requests
        if urlparse(url).scheme not in ("blob", "data") and (method != "GET" or urlparse(url).netloc != own)
    ]


def axe_serious(page: Any) -> list[tuple[str, str, list[Any]]]:
    """Serious and critical axe violations on the page as it is now (axe-playwright-python's `Axe().run`)."""
    from axe_playwright_python.sync_playwright import Axe

    # resultTypes: full node lists for violations only (axe's own speed option; what counts as a violation is unchanged)
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


# The one table of cases for the agreement rules (tests/gevallen/invoer.yaml), run against Python and the browser.
TABLE = read_yaml((ROOT / "tests" / "gevallen" / "invoer.yaml").read_text(encoding="utf-8"))
CASES = TABLE["gevallen"]


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def answer_of_python(o: Overeenkomst, raw: dict[str, Any]) -> dict[str, Any]:
    """Python's answer in the browser's JSON shape: `fouten`, or `waarden`, `teksten` and `waarschuwingen`."""
    try:
        result = check_values(o, raw)
    except InvoerError as exc:
        return {"fouten": [[f.veld, f.melding] for f in exc.fouten]}
    return {
        "waarden": {k: _plain(v) for k, v in result.waarden.items()},
        "teksten": result.teksten,
        "waarschuwingen": [[w.veld, w.melding] for w in result.waarschuwingen],
    }


def answer_of_browser(result: dict[str, Any]) -> dict[str, Any]:
    """regels.js's result in the same shape as `answer_of_python`."""
    if result["fouten"]:
        return {"fouten": [[f["veld"], f["melding"]] for f in result["fouten"]]}
    return {
        "waarden": result["waarden"],
        "teksten": result["teksten"],
        "waarschuwingen": [[w["veld"], w["melding"]] for w in result["waarschuwingen"]],
    }


def raw_of(case: dict[str, Any]) -> dict[str, Any]:
    """A case's input on top of the table's basis values (None removes a field)."""
    raw = {**TABLE["basis"], **case["invoer"]}
    return {k: v for k, v in raw.items() if v is not None}
