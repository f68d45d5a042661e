"""The preview (`wmwm bekijk`) rebuilds only the pages an edit changed.

A whole build renders every page again, which takes longer than an editor wants to wait after saving. mkdocs'
dirty build skips a page whose built HTML is newer than its source, but generated pages have no source file. Under
the preview they get one: each generated file is written to a folder of its own and rewritten only when its text
changed, so an unchanged page keeps its older time and mkdocs skips it; the menu of the pages it does build takes
the skipped pages' titles as they were rendered before. What every page shows (navigation, page titles,
abbreviations, version, theme, mkdocs.yml) goes into a fingerprint; when that changes, the built pages are removed
and the next build is whole again. `wmwm bouw` and `wmwm publiceer` always build whole.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

H1 = re.compile(r"^# .*$", re.MULTILINE)


class Voorvertoning:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="wmwm-voorvertoning-"))
        self.fingerprint = ""
        self.titles: dict[str, str] = {}  # page source -> title as rendered, for the menu of a dirty build

    def source(self, path: str, content: str | bytes) -> str:
        """The file mkdocs reads `path` from; written only if its content changed."""
        target = self.folder / path
        data = content.encode("utf-8") if isinstance(content, str) else content
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return str(target)

    def whole_if_changed(
        self, site_dir: Path, shared: Any, files: Mapping[str, str | bytes], watched: Iterable[Path]
    ) -> None:
        """Remove the built pages when something every page shows has changed since the previous build."""
        titles = {p: (m.group(0) if (m := H1.search(c)) else "") for p, c in files.items() if isinstance(c, str)}
        stamps = sorted((str(f), f.stat().st_mtime_ns) for d in watched for f in _files(d))
        fingerprint = hashlib.sha256(json.dumps([shared, titles, stamps], default=str).encode()).hexdigest()
        if fingerprint != self.fingerprint:
            for page in site_dir.rglob("*.html"):
                page.unlink()
        self.fingerprint = fingerprint

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _files(path: Path) -> list[Path]:
    return [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]


class KnownDirtyWarning(logging.Filter):
    """mkdocs warns on every dirty build; the preview chose it and keeps navigation right itself (see above)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")
