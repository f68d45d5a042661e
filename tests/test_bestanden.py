"""Every Word and Excel file the site ships passes the Open XML SDK's schema and semantic rules (openxml-audit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ooxml import ooxml_problems

pytestmark = pytest.mark.build


def test_every_shipped_docx_and_xlsx_is_valid_open_xml(built_site: Path) -> None:
    files = sorted([*built_site.rglob("*.docx"), *built_site.rglob("*.xlsx")])
    assert len([f for f in files if f.suffix == ".xlsx"]) >= 2 and len(files) >= 6
    found = {str(f.relative_to(built_site)): ooxml_problems(f.read_bytes(), f.suffix) for f in files}
    assert {name: problems for name, problems in found.items() if problems} == {}
