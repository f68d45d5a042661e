"""What the build keeps between runs in `.cache/` (converted pages, compressed files): read, write, clean up.

Every entry is named by a hash of everything it was made from, so an entry is never wrong, only unused. An
entry a build reads is touched; a whole build removes entries no build used for a day. So switching between
two versions of a page, between engines, or between `bouw` and `publiceer --adres` keeps both sets, and the
folder does not grow without end.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

UNUSED_FOR = 24 * 3600  # seconds an entry may go unused before a whole build removes it


def read(path: Path) -> bytes | None:
    """The entry's bytes (and marks it used), or None when there is none."""
    try:
        data = path.read_bytes()
        os.utime(path)
    except OSError:
        return None
    return data


def write(path: Path, data: bytes) -> None:
    """Atomically: a build that stops halfway never leaves half an entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def prune(folder: Path, pattern: str) -> None:
    """Remove the entries matching `pattern` that no build used for `UNUSED_FOR` seconds."""
    if not folder.is_dir():
        return
    oldest = time.time() - UNUSED_FOR
    for path in folder.glob(pattern):
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
        except OSError:  # another build removed or replaced it
            pass
