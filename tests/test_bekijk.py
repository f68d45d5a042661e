"""`wmwm bekijk`: the preview serves the site and follows edits; a content error is shown as Dutch file:line lines in
the console and as the page, without a hanging request, until it is fixed; a busy port is one Dutch line."""

from __future__ import annotations

import html
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from helpers import free_port, wmwm


def test_busy_port_gives_one_dutch_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = wmwm("bekijk", "--poort", str(port))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"Poort {port} is al in gebruik; kies een andere met --poort N."]
    assert result.stdout == ""


def nav_titles(html: str) -> list[str]:
    """The titles in the site menu, in order; not the page's own table of contents (links to '#...')."""
    menu = lxml.html.fromstring(html).find_class("md-nav--primary")[0]
    titles = []
    for span in menu.find_class("md-ellipsis"):
        link = next(span.iterancestors("a"), None)
        if link is None or not link.get("href", "").startswith("#"):
            titles.append(" ".join(span.text_content().split()))
    return titles


@pytest.mark.build
def test_bekijk_rebuilds_what_an_edit_changes_and_keeps_the_menu_right(project: Path, tmp_path: Path) -> None:
    """The preview shows an edit without a restart. It rebuilds only changed pages (see voorvertoning.py), yet
    every page keeps its whole menu, and a new menu title reaches pages the edit did not touch."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    changed, untouched = f"{base}/wat-moet-wat-mag/aanbieden/", f"{base}/begrippen/"

    def text_when(url: str, condition: str, seconds: float) -> str:
        deadline, body = time.monotonic() + seconds, ""
        while time.monotonic() < deadline:
            try:
                body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            except OSError:
                body = ""
            if condition in body:
                return body
            time.sleep(0.3)
        return body

    temp = tmp_path / "tmp"  # the preview builds into a temporary folder: here, so the test can see the files
    temp.mkdir()
    preview = subprocess.Popen(
        [sys.executable, "-m", "generators", "bekijk", "--poort", str(port)],
        cwd=project,
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def built(page: str) -> int:
        (folder,) = temp.glob("wmwm-voorvertoning-*")
        return (folder / "site" / page / "index.html").stat().st_mtime_ns

    try:
        before = text_when(changed, "zonder toestemming van het ministerie", 120)
        assert "zonder toestemming van het ministerie" in before
        menu = nav_titles(before)
        assert len(menu) > 40 and all(menu), menu
        # every section, and each law and agreement as a folded group (navigation.prune: only the open one unfolds)
        assert {"Een leer-werktraject aanbieden", "Vakcodetabel leer-werktrajecten", "Arbeidstijdenwet"} <= set(menu)
        assert {"Wet voortgezet onderwijs 2020", "Samenwerkingsovereenkomst leer-werktraject vmbo-mbo"} <= set(menu)
        other_menu = nav_titles(urllib.request.urlopen(untouched).read().decode("utf-8"))
        assert text_when(f"{base}/__wmwm/versie", "1", 60) == "1"  # the first build has finished
        stamps = built("wat-moet-wat-mag/aanbieden"), built("begrippen")

        path = project / "content" / "uitspraken" / "aanbieden.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("zonder toestemming van het", "zonder vergunning van het")
        )
        after = text_when(changed, "zonder vergunning van het ministerie", 60)
        assert "zonder vergunning van het ministerie" in after
        assert text_when(f"{base}/__wmwm/versie", "2", 60) == "2"
        assert nav_titles(after) == menu
        assert built("wat-moet-wat-mag/aanbieden") > stamps[0]
        assert built("begrippen") == stamps[1]  # not rebuilt: the edit did not change it
        assert nav_titles(urllib.request.urlopen(untouched).read().decode("utf-8")) == other_menu

        topics = project / "content" / "onderwerpen.yaml"
        topics.write_text(
            topics.read_text(encoding="utf-8").replace(
                "titel: Een leer-werktraject aanbieden", "titel: Een LWT aanbieden"
            )
        )
        renamed = nav_titles(text_when(untouched, "Een LWT aanbieden", 60))
        assert renamed == [("Een LWT aanbieden" if t == "Een leer-werktraject aanbieden" else t) for t in other_menu]
        assert built("begrippen") > stamps[1]  # a new menu title rebuilds every page
    finally:
        preview.terminate()
        preview.wait(timeout=30)


@pytest.mark.build
def test_bekijk_names_its_address_shows_content_errors_and_recovers(project: Path, tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page = f"{base}wat-moet-wat-mag/aanbieden/"
    log = tmp_path / "console.txt"
    with log.open("w", encoding="utf-8") as console:
        preview = subprocess.Popen(
            [sys.executable, "-m", "generators", "bekijk", "--poort", str(port)],
            cwd=project,
            stdout=console,
            stderr=subprocess.STDOUT,
        )

    def fetch(url: str) -> tuple[int, str]:
        """Status and text; every request must be answered within 5 seconds, also during a rebuild."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                result = answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            result = error.code, error.read().decode("utf-8")
        assert time.monotonic() - started < 5, url
        return result

    def until(condition: Callable[[], bool], seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.3)
        return False

    try:
        assert until(lambda: log.read_text(encoding="utf-8").startswith(f"Voorvertoning op {base}"), 30)
        assert until(lambda: "Bijgewerkt" in log.read_text(encoding="utf-8"), 120), log.read_text(encoding="utf-8")
        status, good = fetch(page)
        assert status == 200 and "zonder toestemming van het ministerie" in good
        assert "/__wmwm/herlaad.js" in good  # reloads itself after a build, only in the preview

        broken = project / "content" / "uitspraken" / "aanbieden.yaml"
        original = broken.read_text(encoding="utf-8")
        broken.write_text(original.replace("soort: ", "soortt: ", 1), encoding="utf-8")
        line = next(i for i, t in enumerate(original.splitlines(), 1) if "soort: " in t)
        where = f"content/uitspraken/aanbieden.yaml:{line}:"
        assert until(lambda: where in log.read_text(encoding="utf-8"), 60), log.read_text(encoding="utf-8")
        console = log.read_text(encoding="utf-8")
        assert "onbekend veld 'soortt'" in console and "Traceback" not in console and "ERROR" not in console
        status, shown = fetch(page)
        assert status == 500 and where in html.unescape(shown) and "onbekend veld 'soortt'" in html.unescape(shown)
        assert fetch(f"{base}begrippen/")[0] == 500  # every page shows it, not the stale text

        broken.write_text(original.replace("zonder toestemming van het", "zonder vergunning van het"), encoding="utf-8")
        assert until(lambda: "zonder vergunning van het" in fetch(page)[1], 60)
        assert fetch(page)[0] == 200 and fetch(f"{base}begrippen/")[0] == 200
    finally:
        preview.terminate()
        preview.wait(timeout=30)
