"""The site in a real Chromium: it loads, search works, nothing leaves the host, axe finds no serious issue."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"


@pytest.fixture
def page(browser, site_url):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    tab = context.new_page()
    tab.requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda request: tab.requests.append(request.url))  # type: ignore[attr-defined]
    yield tab
    context.close()


def other_hosts(urls: list[str], site_url: str) -> list[str]:
    own = urlparse(site_url).netloc
    return [u for u in urls if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).netloc != own]


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_home_page_search_and_privacy(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/")
    assert page.title().startswith("Wat moet en wat mag")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_label("Zoeken op deze site").fill("samenwerkingsovereenkomst")
    page.keyboard.press("Enter")
    page.wait_for_selector("body[data-zoek-klaar]", timeout=15_000)
    results = page.locator("#zoekresultaten li")
    assert results.count() >= 3
    assert "samenwerkingsovereenkomst" in results.first.inner_text().lower()
    page.wait_for_load_state("networkidle")
    assert other_hosts(page.requests, site_url) == []


def test_home_page_has_no_serious_accessibility_violations(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "/")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def site_pages(built_site: Path) -> list[str]:
    """Every built HTML page as a URL path (404 page excluded)."""
    pages = []
    for html in sorted(built_site.rglob("index.html")):
        rel = html.parent.relative_to(built_site).as_posix()
        if rel.startswith(("pagefind", "assets")):
            continue
        pages.append("/" if rel == "." else f"/{rel}/")
    return pages


def test_every_page_is_accessible_and_private(page, site_url: str, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    problems = []
    pages = site_pages(built_site)
    assert len(pages) > 40
    for path in pages:
        page.goto(site_url + path)
        for v in axe_violations(page):
            problems.append((path, v["id"], [n["target"] for n in v["nodes"][:2]]))
    assert problems == []
    assert other_hosts(page.requests, site_url) == []
