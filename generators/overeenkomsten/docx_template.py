"""Build an agreement's template DOCX with pandoc, once per content hash.

Input: the agreement Markdown (with tokens) and the reference.docx. Output:
DOCX bytes with tokens still in place, header and footer filled with title,
version and date. Results are cached under `.cache/` by a hash of everything
that goes into pandoc, so a rebuild with unchanged content runs pandoc zero
times.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pypandoc

from generators.overeenkomsten.docx_fill import fill
from generators.overeenkomsten.reference_docx import build_reference

PANDOC_RUNS = {"count": 0}


def template_docx(markdown: str, header: Mapping[str, str], cache_dir: Path) -> bytes:
    reference = _reference()
    parts = [
        markdown,
        hashlib.sha256(reference).hexdigest(),
        pypandoc.get_pandoc_version(),
        repr(sorted(header.items())),
    ]
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]
    cached = cache_dir / f"{key}.docx"
    if cached.exists():
        return cached.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        ref_path, out_path = Path(tmp, "reference.docx"), Path(tmp, "out.docx")
        ref_path.write_bytes(reference)
        pypandoc.convert_text(
            markdown, "docx", format="markdown", outputfile=str(out_path), extra_args=[f"--reference-doc={ref_path}"]
        )
        PANDOC_RUNS["count"] += 1
        data = fill(out_path.read_bytes(), {f"#{k}": v for k, v in header.items()})
    _write_atomic(cached, data)
    return data


@functools.cache
def _reference() -> bytes:
    return build_reference()


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
