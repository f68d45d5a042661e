"""`wmwm bekijk`: the preview serves the site and follows edits; a busy port is one Dutch line, not a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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


@pytest.mark.build
def test_bekijk_rebuilds_when_content_changes(project: Path) -> None:
    """The preview serves the site and shows an edit to content/ without a restart."""
    port = free_port()
    page = f"http://127.0.0.1:{port}/wat-moet-wat-mag/aanbieden/"

    def text_when(condition: str, seconds: float) -> str:
        deadline, body = time.monotonic() + seconds, ""
        while time.monotonic() < deadline:
            try:
                body = urllib.request.urlopen(page, timeout=5).read().decode("utf-8")
            except OSError:
                body = ""
            if condition in body:
                return body
            time.sleep(0.5)
        return body

    preview = subprocess.Popen(
        [sys.executable, "-m", "generators", "bekijk", "--poort", str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert "zonder toestemming van het ministerie" in text_when("zonder toestemming van het ministerie", 120)
        path = project / "content" / "uitspraken" / "aanbieden.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("zonder toestemming van het ministerie", "zonder vergunning van het ministerie"))
        assert "zonder vergunning van het ministerie" in text_when("zonder vergunning van het ministerie", 120)
    finally:
        preview.terminate()
        preview.wait(timeout=30)
