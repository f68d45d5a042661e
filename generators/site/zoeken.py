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


def _pagefind(site_dir: Path) -> list[str]:
    # The permalink "¶" after each heading is not content: without this it ends up in every result title.
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--exclude-selectors", ".headerlink", "--quiet"]


def build_search_index(site_dir: Path) -> None:
    result = subprocess.run(_pagefind(site_dir), capture_output=True, text=True)
    if result.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").exists():
        raise SearchIndexError(f"De zoekindex (Pagefind) kon niet worden gemaakt:\n{result.stderr or result.stdout}")


def start_search_index(site_dir: Path) -> subprocess.Popen[bytes]:
    """Index in the background (the preview): the page is served at once, search follows a moment later."""
    return subprocess.Popen(_pagefind(site_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def abbreviation_map(inhoud: Inhoud) -> str:
    """JSON {afkorting in kleine letters: term}, so a query for 'LWT' searches 'leer-werktraject'."""
    mapping = {b.afkorting.lower(): b.term.lower() for b in inhoud.begrippen if b.afkorting}
    return json.dumps(mapping, ensure_ascii=False, sort_keys=True)
