"""The site in a real Chromium: it loads, search works, nothing leaves the host, axe finds no serious issue."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import axe_serious, other_requests, site_pages

pytestmark = pytest.mark.browser


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
    assert other_requests(page.requests, site_url) == []


def test_the_policy_refuses_another_host_and_the_page_fixture_sees_it(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """The check every browser test relies on can fail: a request to another host and an inline script are refused
    by the page's own Content-Security-Policy, and the refusal reaches the test."""
    page.goto(site_url + "/begrippen/")
    page.evaluate(
        """() => {
        const img = document.createElement("img"); img.src = "https://elders.example.org/pixel.png";
        const script = document.createElement("script"); script.textContent = "window.binnen = 1";
        document.body.append(img, script);
    }"""
    )
    for _ in range(100):  # the reports arrive asynchronously
        if len(page.csp_violations) >= 2:
            break
        page.wait_for_timeout(50)
    refused = sorted(v.split()[0] for v in page.csp_violations)
    assert refused == ["img-src", "script-src-elem"], page.csp_violations
    assert page.evaluate("window.binnen") is None
    page.csp_violations.clear()  # seen; the fixture's own check after the test must not fail on them


PARTS = 8  # every page, in eight interleaved parts, so a run over several workers (pytest -n) shares the work


@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_is_accessible_and_private(page, site_url: str, built_site: Path, part: int) -> None:  # type: ignore[no-untyped-def]
    problems = []
    pages = site_pages(built_site)
    assert len(pages) > 40 and "/" in pages
    for path in pages[part::PARTS]:
        page.goto(site_url + path)
        problems += [(path, *violation) for violation in axe_serious(page)]
        problems += [(path, "tabel", *area) for area in unnamed_scroll_areas(page)]
    assert problems == []
    assert other_requests(page.requests, site_url) == []


def unnamed_scroll_areas(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Each wide table's scroll area that a keyboard user cannot reach or that is not named 'Tabel N bij: <the
    page's heading>' (tabellen.js), as [tabindex, role, name]; the heading's permalink sign is no part of it."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => {
        const h1 = document.querySelector("article h1");
        const title = h1 ? h1.cloneNode(true) : null;
        title?.querySelectorAll(".headerlink").forEach((a) => a.remove());
        return [...document.querySelectorAll(".md-typeset__scrollwrap")]
          .map((w, i) => [w.getAttribute("tabindex"), w.getAttribute("role"), w.getAttribute("aria-label"), i])
          .filter(([tab, role, name, i]) => tab !== "0" || role !== "region"
            || name !== `Tabel ${i + 1} bij: ${title ? title.textContent.trim() : "Tabel"}` || name.includes("\u00b6"))
          .map(([tab, role, name]) => [tab, role, name]);
    }"""
    )
