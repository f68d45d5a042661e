"""Site search: the Pagefind index of the built pages, and the abbreviation map for query normalisation.

Input: the built site folder; the content (for abbreviations). Output: the
`pagefind/` folder inside the site and `zoeken/afkortingen.json`. Pagefind
was chosen over mkdocs-material's lunr search by measurement (see
benchmarks/zoeken.py): it stems Dutch plurals and joins hyphenated
compounds, where lunr found nothing for "leerwerktraject".
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generators.inhoud.model import Inhoud


class SearchIndexError(Exception):
    """The search index could not be built (message in Dutch)."""


def build_search_index(site_dir: Path) -> None:
    result = subprocess.run(
        # The permalink "¶" after each heading is not content: without this it ends up in every result title.
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--exclude-selectors", ".headerlink", "--quiet"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").exists():
        raise SearchIndexError(f"De zoekindex (Pagefind) kon niet worden gemaakt:\n{result.stderr or result.stdout}")


def abbreviation_map(inhoud: Inhoud) -> str:
    """JSON {afkorting in kleine letters: term}, so a query for 'LWT' searches 'leer-werktraject'."""
    mapping = {b.afkorting.lower(): b.term.lower() for b in inhoud.begrippen if b.afkorting}
    return json.dumps(mapping, ensure_ascii=False, sort_keys=True)
