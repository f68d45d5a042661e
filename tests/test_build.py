"""`wmwm bouw`: atomic output, a Dutch search index, the DOCX download in the site."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from helpers import site_pages, snapshot

from generators.inhoud import content
from generators.inhoud.load import load
from generators.inhoud.problems import ContentError
from generators.site.bouw import BuildError, build_site

pytestmark = pytest.mark.build


def test_site_has_dutch_search_index_and_downloads(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]  # Dutch stemming
    assert entry["languages"]["nl"]["page_count"] > 40
    fragments = [
        json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd") :])
        for p in (built_site / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    text = " ".join(f["content"] for f in fragments)
    assert "samenwerkingsovereenkomst" in text
    assert "buitenschoolse praktijkgedeelte" in text
    for name in ("samenwerkingsovereenkomst-lwt", "leer-werkovereenkomst"):
        assert (built_site / "downloads" / f"{name}.docx").stat().st_size > 5000
    assert (built_site / "wet" / "wvo2020-2-103" / "index.html").exists()


def test_every_tab_title_is_the_page_heading_and_unique(built_site: Path) -> None:
    """The menu names an article or a form briefly under its law or agreement; the browser tab still says in full
    which page it is, so titles are unique (WCAG 2.4.2) and equal the page's own heading."""
    titles: dict[str, str] = {}
    for path in site_pages(built_site):
        tree = lxml.html.parse(str(built_site / path.strip("/") / "index.html"))
        title = tree.findtext(".//title")
        for link in tree.iterfind(".//h1/a[@class='headerlink']"):
            link.drop_tree()
        heading = " ".join(tree.find(".//h1").text_content().split())
        if path != "/":
            assert title == f"{heading} - Wat moet en wat mag", path
        assert title not in titles, (path, titles.get(title))
        titles[title] = path
    assert titles["Art. 2.103 Wet voortgezet onderwijs 2020: Het leer-werktraject - Wat moet en wat mag"]
    assert len(titles) > 90


def test_broken_content_leaves_output_untouched(project: Path, built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    shutil.copytree(built_site, out)
    before = snapshot(out)
    (project / "content" / "uitspraken" / "aanbieden.yaml").write_text("uitspraken:\n  - id: [\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        build_site(project, out)
    assert str(err.value).startswith("content/uitspraken/aanbieden.yaml:3:1: YAML-syntaxfout")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "uit"]  # no half-built leftovers


def test_broken_page_link_and_anchor_fail_build_and_keep_output(
    project: Path, built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also: the build reads content/ once (the plugin is handed what `build_site` read)."""
    reads: list[Path] = []
    monkeypatch.setattr(content, "load", lambda d: reads.append(d) or load(d))
    out = tmp_path / "uit"
    shutil.copytree(built_site, out)
    before = snapshot(out)
    index = project / "docs" / "index.md"
    broken = "\n[kapot](bestaat-niet.md#nergens)\n\n[kapot anker](wet/wvo2020-2-103.md#lid-99)\n"
    index.write_text(index.read_text(encoding="utf-8") + broken, encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build_site(project, out)
    assert "bestaat-niet.md" in str(err.value)
    assert "lid-99" in str(err.value)
    assert reads == [project / "content"]
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "uit"]


def test_zensical_builds_the_same_mkdocs_yml(project: Path) -> None:
    """The site stays buildable by zensical (Material's successor) from the same mkdocs.yml, where it is installed."""
    zensical = shutil.which("zensical")
    if zensical is None:
        pytest.skip("zensical is niet geïnstalleerd")
    result = subprocess.run([zensical, "build", "-f", "mkdocs.yml"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").exists()
