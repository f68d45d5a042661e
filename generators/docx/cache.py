"""Files made by a slow step (pandoc, openpyxl), kept in `.cache/` under a hash of everything they depend on.

A warm build then makes nothing it made before. The caller names every input in `parts`, including a format
number it bumps when its own post-processing changes; a file is written atomically, so a stopped build never
leaves half a file behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def cached(cache_dir: Path, suffix: str, parts: Iterable[str], make: Callable[[], bytes]) -> bytes:
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]
    path = cache_dir / f"{key}{suffix}"
    if path.exists():
        return path.read_bytes()
    data = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    return data
