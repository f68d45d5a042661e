"""Shared fixtures: a copy of the project to break, a built site, a real Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PROJECT_PARTS = ["mkdocs.yml", "content", "templates", "docs"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def wmwm(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the `wmwm` command as an editor would, in `cwd` (its `content/` is the default --inhoud)."""
    return subprocess.run([sys.executable, "-m", "generators", *args], cwd=cwd, capture_output=True, text=True)


def wmwm_in(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return wmwm(*args, cwd=project)


def copy_project(target: Path) -> Path:
    """A private copy of everything a build reads, so a test can break it."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        else:
            shutil.copy2(src, target / part)
    cache = ROOT / ".cache"
    if cache.exists():  # reuse pandoc results: same content hash, same bytes
        shutil.copytree(cache, target / ".cache")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generators.site.bouw import build_site

    out = tmp_path_factory.mktemp("build") / "site"
    build_site(ROOT, out)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


_MEASUREMENTS: list[str] = []


@pytest.fixture
def meting() -> Callable[[str], None]:
    """Log a measurement (timings, hit rates); pytest prints them all at the end, also when everything passes."""
    return _MEASUREMENTS.append


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _MEASUREMENTS:
        terminalreporter.section("metingen")
        for line in _MEASUREMENTS:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian-pakket chromium ontbreekt (de testopdracht uit de README installeert het)"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()
