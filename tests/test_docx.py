"""The agreement downloads are real Word files: LibreOffice opens them and the text reads back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import ROOT, pdf_text

from generators.docx.template import PANDOC_RUNS
from generators.inhoud.content import load_content
from generators.inhoud.publication import site_meta
from generators.overeenkomsten.documenten import FILL_IN_LINE
from generators.site.downloads import agreement_downloads


@pytest.mark.office
@pytest.mark.build
@pytest.mark.parametrize("agreement", ["samenwerkingsovereenkomst-lwt"])
def test_generic_download_opens_in_libreoffice(built_site: Path, tmp_path: Path, agreement: str) -> None:
    docx = tmp_path / f"{agreement}.docx"
    shutil.copy(built_site / "downloads" / f"{agreement}.docx", docx)
    text = " ".join(pdf_text(docx).split())
    inhoud = load_content(ROOT / "content")
    o = next(o for o in inhoud.overeenkomsten if o.id == agreement)
    meta = site_meta(inhoud)
    assert o.titel in text
    assert f"versie {meta['versie']}" in text  # header
    assert "Pagina 1 van" in text  # footer with page numbers
    assert f"{FILL_IN_LINE} [{o.velden[0].label}]" in text
    first_lid = o.clausules[0].leden[0].tekst
    words_before_placeholder = first_lid.split("{{")[0].split()[:4]
    assert " ".join(words_before_placeholder) in text
    assert "⟦" not in text and "{{" not in text


def test_unchanged_content_runs_pandoc_zero_times(tmp_path: Path) -> None:
    inhoud = load_content(ROOT / "content")
    meta = site_meta(inhoud)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    before = PANDOC_RUNS["count"]
    first = agreement_downloads(inhoud, tmp_path, meta)
    runs = PANDOC_RUNS["count"]
    assert runs - before == len(inhoud.overeenkomsten)  # cold cache: pandoc ran once per agreement
    second = agreement_downloads(inhoud, tmp_path, meta)
    assert PANDOC_RUNS["count"] == runs
    assert first == second
