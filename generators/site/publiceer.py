"""Publish: check everything, build, and swap the new site into place; roll back on request.

Input: the project root and the target directory. Output: the new site in the
target, the previous one kept next to it (`.<naam>-vorige`). The new site is
built next to the target and swapped in with one atomic exchange of two
directories (Linux `renameat2(RENAME_EXCHANGE)`), so a web server never sees a
missing or half-written site. Any failure before the swap leaves the target
and the kept version exactly as they were.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

from generators.inhoud.content import check_all
from generators.site.bouw import BuildError, build_site

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class PublishError(Exception):
    """Publishing or rolling back is not possible; the message is for the user (Dutch)."""


def previous_dir(target: Path) -> Path:
    return target.parent / f".{target.name}-vorige"


def publish(root: Path, target: Path) -> Path | None:
    """Check, build, swap in. Returns where the previous version is kept (None on a first publication)."""
    inhoud = check_all(root / "content")  # the same gate as `wmwm controleer`
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-publiceer-", dir=target.parent))
    try:
        new = work / "site"
        try:
            build_site(root, new, inhoud)  # touches nothing outside `work`
        except BuildError as exc:
            raise BuildError(str(exc).replace(str(new), str(target))) from None
        if not target.exists():
            os.replace(new, target)
            return None
        _exchange(new, target)  # `new` now holds the old site
        previous = previous_dir(target)
        if previous.exists():
            shutil.rmtree(previous)
        os.replace(new, previous)
        return previous
    finally:
        shutil.rmtree(work, ignore_errors=True)


def rollback(target: Path) -> None:
    """Swap the kept previous version back in; the rolled-back version is kept, so a second call redoes it."""
    target = target.resolve()
    previous = previous_dir(target)
    if not previous.is_dir():
        raise PublishError(f"Er is geen vorige versie bewaard naast {target}; er is niets teruggezet.")
    if not target.exists():
        os.replace(previous, target)
        return
    _exchange(previous, target)


def _exchange(a: Path, b: Path) -> None:
    """Swap two directories atomically where the kernel allows it, else with two quick renames."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
        if rc == 0:
            return
    spare = a.with_name(a.name + ".wissel")
    os.replace(b, spare)
    os.replace(a, b)
    os.replace(spare, a)
