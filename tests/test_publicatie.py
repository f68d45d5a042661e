"""Publishing: version on every page and in every DOCX, changelog feed, atomic publish with rollback."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from helpers import ROOT, snapshot, wmwm_in

from generators.inhoud.content import load_content
from generators.inhoud.publication import site_meta

ATOM = "{http://www.w3.org/2005/Atom}"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.build
def test_versie_and_peildatum_on_every_page(built_site: Path) -> None:
    meta = site_meta(load_content(ROOT / "content"))
    found = pages(built_site)
    assert len(found) > 40
    footer = f"Inhoud versie {meta['versie']} · wetgeving geldend op {meta['peildatum_tekst']}"
    missing = [p for p in found if footer not in p.read_text(encoding="utf-8")]
    assert missing == []


@pytest.mark.build
def test_versie_in_every_docx_properties_and_header(built_site: Path) -> None:
    meta = site_meta(load_content(ROOT / "content"))
    docs = sorted((built_site / "downloads").glob("*.docx"))
    assert docs, "de site heeft geen Word-bestanden"
    for docx in docs:
        with zipfile.ZipFile(docx) as z:
            props = ET.fromstring(z.read("docProps/custom.xml"))
            values = {p.get("name"): "".join(p.itertext()) for p in props}
            assert values.get("versie") == meta["versie"], docx.name
            assert values.get("peildatum") == meta["peildatum"], docx.name
            margins = "".join(z.read(n).decode() for n in z.namelist() if re.match(r"word/(header|footer)\d*\.xml", n))
            assert f"versie {meta['versie']}" in re.sub(r"<[^>]+>", "", margins), docx.name


@pytest.mark.build
def test_changelog_page_feed_and_head_link(built_site: Path) -> None:
    inhoud = load_content(ROOT / "content")
    assert inhoud.wijzigingen
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(inhoud.wijzigingen)
    newest = max(inhoud.wijzigingen, key=lambda w: w.datum)
    assert entries[0].findtext(f"{ATOM}summary", "").startswith(newest.samenvatting[:60])
    page = (built_site / "wijzigingen" / "index.html").read_text(encoding="utf-8")
    assert "Wat is er veranderd" in page
    for w in inhoud.wijzigingen:
        assert w.samenvatting[:40] in page
    for p in pages(built_site):
        link = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', p.read_text("utf-8"))
        assert link, p
        href = link.group(1)  # relative, or absolute from the site root on 404.html
        base = built_site if href.startswith("/") else p.parent
        assert (base / href.lstrip("/")).resolve() == (built_site / "feed.xml").resolve(), p


def _set_version(project: Path, versie: str) -> None:
    (project / "content" / "publicatie.yaml").write_text(
        f'publicatie:\n  versie: "{versie}"\n  peildatum: 2026-11-28\n', encoding="utf-8"
    )
    log = project / "content" / "wijzigingen.yaml"
    text = log.read_text(encoding="utf-8")
    entry = f'  - datum: 2026-11-29\n    versie: "{versie}"\n    samenvatting: Testversie {versie}.\n'
    log.write_text(text.replace("wijzigingen:\n", "wijzigingen:\n" + entry, 1), encoding="utf-8")


@pytest.mark.build
def test_failed_publish_leaves_target_unchanged_and_terug_restores(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "www"
    assert wmwm_in(project, "beoordeel", "--alles").returncode == 0
    first = wmwm_in(project, "publiceer", "--doel", str(target))
    assert first.returncode == 0, first.stderr
    v1 = snapshot(target)
    _set_version(project, "9.1")
    second = wmwm_in(project, "publiceer", "--doel", str(target))
    assert second.returncode == 0, second.stderr
    assert "versie 9.1" in (target / "index.html").read_text(encoding="utf-8")
    v2 = snapshot(target)
    kept = tmp_path / ".www-vorige"
    assert snapshot(kept) == v1

    # 1. A content error, 2. an unreviewed law change, 3. a build error after all checks passed.
    content = project / "content"
    broken = content / "kapot.yaml"
    broken.write_text("onderwerpen:\n  - id: x\n    volgordee: 1\n", encoding="utf-8")
    result = wmwm_in(project, "publiceer", "--doel", str(target))
    assert result.returncode == 1 and "onbekend veld 'volgordee'" in result.stderr
    broken.unlink()
    law = content / "wetsartikelen" / "wvo-2020.yaml"
    original = law.read_text(encoding="utf-8")
    law.write_text(original.replace("Een leer-werktraject omvat", "Een leer-werktraject bevat", 1), encoding="utf-8")
    result = wmwm_in(project, "publiceer", "--doel", str(target))
    assert result.returncode == 1 and "opnieuw beoordelen" in result.stderr
    law.write_text(original, encoding="utf-8")
    (project / "docs" / "redactie.md").write_text("[kapot](bestaat-niet.md)\n", encoding="utf-8")
    result = wmwm_in(project, "publiceer", "--doel", str(target))
    assert result.returncode == 1 and "bestaat-niet.md" in result.stderr
    assert snapshot(target) == v2
    assert snapshot(kept) == v1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".www-vorige", "project", "www"]  # no leftovers

    back = wmwm_in(project, "publiceer", "--terug", "--doel", str(target))
    assert back.returncode == 0, back.stderr
    assert snapshot(target) == v1
    forward = wmwm_in(project, "publiceer", "--terug", "--doel", str(target))
    assert forward.returncode == 0
    assert snapshot(target) == v2
