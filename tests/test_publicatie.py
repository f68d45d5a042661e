"""Publishing: version on every page and in every DOCX, changelog feed, atomic publish with rollback."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree as ET

import pytest
from helpers import ROOT, SITE_ADDRESS, snapshot, wmwm_in

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
        href = link.group(1)  # relative, or absolute on 404.html (which any folder may show): below the site's path
        mount = urlparse(SITE_ADDRESS).path
        base = built_site if href.startswith(mount) else p.parent
        assert (base / href.removeprefix(mount)).resolve() == (built_site / "feed.xml").resolve(), p


@pytest.mark.build
def test_feed_sitemap_and_canonical_links_use_the_configured_address(built_site: Path) -> None:
    feed = ET.parse(built_site / "feed.xml").getroot()
    feed_urls = [feed.findtext(f"{ATOM}id", "")] + [e.get("href", "") for e in feed.iter(f"{ATOM}link")]
    assert feed_urls and all(u.startswith(SITE_ADDRESS) for u in feed_urls), feed_urls
    locs = [e.text or "" for e in ET.parse(built_site / "sitemap.xml").getroot().iter()
            if e.tag.endswith("loc")]  # fmt: skip
    assert len(locs) > 40 and all(u.startswith(SITE_ADDRESS) for u in locs)
    for p in pages(built_site):
        if p.name == "index.html" and not p.relative_to(built_site).as_posix().startswith(("pagefind", "assets")):
            canonical = re.search(r'<link rel="canonical" href="([^"]+)"', p.read_text("utf-8"))
            assert canonical, p
            rel = p.parent.relative_to(built_site).as_posix()
            assert canonical.group(1) == SITE_ADDRESS + ("" if rel == "." else rel + "/"), p
    heads = {p: p.read_text("utf-8").split("</head>")[0] for p in pages(built_site)}
    assert not [p for p, head in heads.items() if "127.0.0.1" in head]  # the local address in content/ is not used


@pytest.mark.build
def test_every_page_has_a_strict_content_security_policy(built_site: Path) -> None:
    found = pages(built_site)
    assert len(found) > 40
    for p in found:
        head = p.read_text(encoding="utf-8").split("</head>")[0]
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert len(policies) == 1, p
        policy = html.unescape(policies[0])
        assert policy.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), p
        assert "unsafe-inline" not in policy and not re.search(r"https?:|\*|wss?:", policy), p
        assert head.index("Content-Security-Policy") < head.find("<script"), p  # before any script runs


def _set_version(project: Path, versie: str) -> None:
    path = project / "content" / "publicatie.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'versie: "[^"]*"', f'versie: "{versie}"', text, count=1), encoding="utf-8")
    log = project / "content" / "wijzigingen.yaml"
    text = log.read_text(encoding="utf-8")
    entry = f'  - datum: 2026-11-29\n    versie: "{versie}"\n    samenvatting: Testversie {versie}.\n'
    log.write_text(text.replace("wijzigingen:\n", "wijzigingen:\n" + entry, 1), encoding="utf-8")


def _set_address(project: Path, adres: str) -> None:
    path = project / "content" / "publicatie.yaml"
    text, count = re.subn(r"^  adres: .*$", f"  adres: {adres}", path.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def _adres_line(project: Path) -> int:
    lines = (project / "content" / "publicatie.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith("  adres:"))


def test_shipped_content_is_not_published_without_an_address(content_project: Path, tmp_path: Path) -> None:
    """content/ ships no address (the preview uses its own); publishing then stops before building, with one
    Dutch line naming the file, the line and --adres, and the target is not created."""
    assert wmwm_in(content_project, "beoordeel", "--alles").returncode == 0
    target = tmp_path / "www"
    result = wmwm_in(content_project, "publiceer", "--doel", str(target))
    line = _adres_line(content_project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"content/publicatie.yaml:{line}:3: publicatie.adres: is leeg; vul het webadres van de site in, bijvoorbeeld "
        "https://www.voorbeeld.nl/leerwerktrajecten/ (of geef het voor deze ene publicatie met --adres); "
        "niets gepubliceerd."
    ]
    assert not target.exists() and not (tmp_path / "releases").exists()


@pytest.mark.parametrize("adres", ["http://127.0.0.1:8000/", "http://localhost/lwt/", "http://[::1]:8080/"])
def test_a_local_address_is_refused(content_project: Path, tmp_path: Path, adres: str) -> None:
    assert wmwm_in(content_project, "beoordeel", "--alles").returncode == 0
    target = tmp_path / "www"
    given = wmwm_in(content_project, "publiceer", "--doel", str(target), "--adres", adres)
    assert given.returncode == 1
    assert given.stderr.splitlines() == [
        f"--adres: '{adres}' is een adres op deze computer; geef het adres waarop bezoekers de site zien, "
        "bijvoorbeeld --adres https://www.voorbeeld.nl/leerwerktrajecten/"
    ]
    _set_address(content_project, adres)
    configured = wmwm_in(content_project, "publiceer", "--doel", str(target))
    assert configured.returncode == 1
    assert configured.stderr.startswith(
        f"content/publicatie.yaml:{_adres_line(content_project)}:3: "
        f"publicatie.adres: '{adres}' is een adres op deze computer"
    )
    assert len(configured.stderr.splitlines()) == 1
    assert not target.exists()


def readable_by_others(site: Path) -> list[str]:
    """Paths below `site` a web server running as another user could not read: modes, and, when the tests run as
    root, a real read of every file as the user `nobody`."""
    wrong = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if (p.stat().st_mode & 0o777) != (0o755 if p.is_dir() else 0o644)
    ]
    if os.geteuid() == 0:
        read = subprocess.run(
            ["find", f"{site}/", "-type", "f", "-exec", "cat", "{}", "+"], user="nobody", capture_output=True
        )
        wrong += read.stderr.decode().splitlines()
    return wrong


@pytest.mark.build
def test_publish_switches_atomically_is_readable_and_terug_restores(project: Path) -> None:
    base = Path(tempfile.mkdtemp(prefix="wmwm-publiceer-"))
    base.chmod(0o755)  # like /var/www: the web server's user may enter it
    try:
        _publish_and_break(project, base)
    finally:
        shutil.rmtree(base)


def _publish_and_break(project: Path, base: Path) -> None:
    target = base / "www"
    releases = base / "releases"
    assert wmwm_in(project, "beoordeel", "--alles").returncode == 0
    elders = "https://elders.example.org/lwt/"
    first = wmwm_in(project, "publiceer", "--doel", str(target), "--adres", elders)
    assert first.returncode == 0, first.stderr
    assert target.is_symlink() and target.resolve().parent == releases
    assert f"<id>{elders}wijzigingen/</id>" in (target / "feed.xml").read_text(encoding="utf-8")
    assert f"<loc>{elders}</loc>" in (target / "sitemap.xml").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{elders}">' in (target / "index.html").read_text(encoding="utf-8")
    assert readable_by_others(target) == []
    v1 = snapshot(target)
    _set_version(project, "9.1")
    _set_address(project, SITE_ADDRESS)
    second = wmwm_in(project, "publiceer", "--doel", str(target))
    assert second.returncode == 0, second.stderr
    assert "versie 9.1" in (target / "index.html").read_text(encoding="utf-8")
    assert elders not in (target / "feed.xml").read_text(encoding="utf-8")  # --adres was for one publication
    assert f"<loc>{SITE_ADDRESS}</loc>" in (target / "sitemap.xml").read_text(encoding="utf-8")
    v2 = snapshot(target)
    kept = releases / "www-vorige"
    assert snapshot(kept) == v1
    assert len(list(releases.iterdir())) == 3  # current, previous and the link to the previous

    # 1. A content error, 2. an unreviewed law change, 3. a build error after all checks passed, 4. a bad address.
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
    result = wmwm_in(project, "publiceer", "--doel", str(target), "--adres", "www.voorbeeld.nl")
    assert result.returncode == 1 and "--adres: 'www.voorbeeld.nl' is geen volledig webadres" in result.stderr
    (project / "docs" / "redactie.md").write_text("[kapot](bestaat-niet.md)\n", encoding="utf-8")
    result = wmwm_in(project, "publiceer", "--doel", str(target))
    assert result.returncode == 1 and "bestaat-niet.md" in result.stderr
    assert snapshot(target) == v2
    assert snapshot(kept) == v1
    assert sorted(p.name for p in base.iterdir()) == ["releases", "www"]  # no leftovers
    assert len(list(releases.iterdir())) == 3

    back = wmwm_in(project, "publiceer", "--terug", "--doel", str(target))
    assert back.returncode == 0, back.stderr
    assert snapshot(target) == v1
    forward = wmwm_in(project, "publiceer", "--terug", "--doel", str(target))
    assert forward.returncode == 0
    assert snapshot(target) == v2
