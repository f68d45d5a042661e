"""Fixtures: a copy of the project to break, ONE built site for the whole session, a real Chromium.

Test layers (markers, registered in pyproject.toml): `build` builds a site or uses the shared one, `browser` drives
Chromium, `office` opens files in LibreOffice. The quick layer for the inner loop is
`pytest -m "not browser and not office and not build"`; a test that uses a layer's fixture without its marker is
refused at collection, so the quick layer never builds by accident.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from helpers import CHROMIUM_FLAGS, SITE_ADDRESS, copy_content, copy_project, serve, with_test_agreement

# fixture -> the markers of which a test using it needs at least one
LAYER_FIXTURES = {
    "built_project": {"build", "browser"},
    "built_site": {"build", "browser"},
    "site_url": {"build", "browser"},
    "browser": {"browser"},
    "browser_context": {"browser"},
    "page": {"browser"},
}


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Iterator[object]:
    """No garbage collection while the test modules are imported; then the objects made so far (modules, classes,
    schemas) are frozen: the collector no longer scans them, hundreds of times in a run. Content loads make much
    garbage, and each full collection went through every module's objects (about 2 of 17 CPU seconds of the quick
    layer in one process, and 2 of the 4 seconds it took to collect the tests)."""
    gc.disable()
    try:
        return (yield)
    finally:
        gc.freeze()
        gc.enable()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    unmarked = []
    for item in items:
        marks = {m.name for m in item.iter_markers()}
        for fixture in getattr(item, "fixturenames", []):
            if fixture in LAYER_FIXTURES and not marks & LAYER_FIXTURES[fixture]:
                unmarked.append(f"{item.nodeid} (fixture {fixture})")
    if unmarked:
        raise pytest.UsageError("test zonder laag-marker:\n" + "\n".join(unmarked))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the whole project (content, templates, pages, the pandoc and XLSX caches): for a test that builds."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def content_project(tmp_path: Path) -> Path:
    """A copy of mkdocs.yml and content/ only, for a test that changes content and reads it back (controleer,
    beoordeel, importeer, load_content): a quarter of the time of `project`."""
    return copy_content(tmp_path / "project")


@pytest.fixture
def form_project(tmp_path: Path) -> Path:
    """A copy of mkdocs.yml and content/ with the test agreement that has every kind of field (tests/voorbeelden)."""
    return with_test_agreement(copy_content(tmp_path / "project"))


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project the shared site is built from: the real content plus the test agreement, published at
    SITE_ADDRESS (not the local address in content/, so a test sees that the configured address is used).
    Built once per run: the first worker (pytest -n) builds it under a file lock, the others wait and reuse it."""
    # this run's temporary folder, the same for every worker (a worker of pytest -n has its own folder inside it)
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if "PYTEST_XDIST_WORKER" in os.environ else base
    root = shared / "gebouwd" / "project"
    with FileLock(shared / "gebouwd.lock"):
        if not (shared / "gebouwd" / "klaar").exists():
            shutil.rmtree(shared / "gebouwd", ignore_errors=True)
            _build_shared(root)
            (shared / "gebouwd" / "klaar").touch()
    return root


def _build_shared(root: Path) -> None:
    from generators.site.bouw import build_site

    with_test_agreement(copy_project(root))
    publicatie = root / "content" / "publicatie.yaml"
    text, count = re.subn(r"^  adres: .*$", f"  adres: {SITE_ADDRESS}", publicatie.read_text("utf-8"), flags=re.M)
    assert count == 1
    publicatie.write_text(text, encoding="utf-8")
    build_site(root, root.parent / "site")


@pytest.fixture(scope="session")
def built_site(built_project: Path) -> Path:
    """The one site every build and browser test reads; never modify it (copy it first)."""
    return built_project.parent / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture
def meting(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Log a measurement (timings, hit rates); pytest prints them all at the end, also when everything passes.
    Kept on the test's report, so they also reach the end of a run spread over workers (pytest -n)."""
    return lambda line: request.node.user_properties.append(("meting", line))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    reports = [r for key in ("passed", "failed") for r in terminalreporter.stats.get(key, []) if r.when == "call"]
    lines = [value for r in reports for name, value in r.user_properties if name == "meting"]
    if lines:
        terminalreporter.section("metingen")
        for line in lines:
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


@pytest.fixture(scope="session")
def browser_context(browser):  # type: ignore[no-untyped-def]
    """One browser context per worker, a fresh tab per test: a new context costs about half a second of Chromium's
    CPU (measured: 0.48 s per context against 0.20 s per tab), and the site keeps no state but localStorage, which
    the `page` fixture clears after each test. Every tab reports Content-Security-Policy violations to its own list."""
    context = browser.new_context(accept_downloads=True)
    context.expose_binding("wmwmCspFout", lambda source, text: source["page"].csp_violations.append(text))
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "window.wmwmCspFout(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))"
    )
    yield context
    context.close()


@pytest.fixture
def page(browser_context, site_url: str):  # type: ignore[no-untyped-def]
    """A fresh tab that records every request as (method, url), keeps every download and fails the test on any
    Content-Security-Policy violation (the policy must allow everything the site itself does)."""
    tab = browser_context.new_page()
    tab.csp_violations = []  # type: ignore[attr-defined]
    tab.requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda r: tab.requests.append((r.method, r.url)))  # type: ignore[attr-defined]
    tab.downloads = []  # type: ignore[attr-defined]
    tab.on("download", lambda d: tab.downloads.append(d))  # type: ignore[attr-defined]
    yield tab
    if tab.url.startswith(site_url):
        tab.evaluate("localStorage.clear()")  # the next test starts without what this one stored
    tab.close()
    assert tab.csp_violations == [], "Content-Security-Policy weigerde:\n" + "\n".join(tab.csp_violations)  # type: ignore[attr-defined]
