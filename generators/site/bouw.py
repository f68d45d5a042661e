"""Build the static site atomically.

Input: the project root (mkdocs.yml, content/, templates/, docs/). Output: the
site in `out_dir`. The site is built in a temporary directory next to
`out_dir` and swapped in only when everything succeeded, so a failed build
leaves the previous output byte-for-byte as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from generators.inhoud.content import load_content
from generators.inhoud.model import Inhoud


class BuildError(Exception):
    """The site could not be built; the message is for the user (Dutch)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    root: Path,
    out_dir: Path,
    inhoud: Inhoud | None = None,
    adres: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Build from `inhoud` if the caller already read it, else read content/ here (once: the plugin gets it).
    `adres` overrides the site address in content/publicatie.yaml (canonical links, sitemap, feed);
    `progress` hears which step the build is in."""
    if inhoud is None:
        inhoud = load_content(root / "content")  # raises ContentError with every problem before mkdocs starts
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-nieuw-", dir=out_dir.parent))
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging))
        plugin = config.plugins["wmwm"]
        plugin.inhoud = inhoud  # type: ignore[attr-defined]
        plugin.adres = adres  # type: ignore[attr-defined]
        if progress is not None:
            plugin.progress = progress  # type: ignore[attr-defined]
        mkdocs_build(config)
        readable_by_all(staging)
    except (Abort, MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        details = "\n".join(collector.messages) or str(exc)
        raise BuildError(f"De site kon niet worden gebouwd; {out_dir} is niet veranderd.\n{details}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(collector)
    swap_in(staging, out_dir)


def readable_by_all(site: Path) -> None:
    """Folders 755, files 644: a web server running as another user must read the site (mkdtemp makes 700)."""
    site.chmod(0o755)
    for folder, dirs, files in os.walk(site):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` with renames only: never a half-written target."""
    old = target.with_name(f".{target.name}-oud")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
