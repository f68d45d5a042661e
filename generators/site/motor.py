"""Step 2 of the build, render: a static site engine turns the generated build tree into HTML.

Input: a build tree (generators/site/genereer.py): its mkdocs.yml names the pages, the menu, the theme and the
folder to build into. Output: that folder with the engine's HTML and theme assets, nothing of ours added.
Two engines read the same tree: mkdocs 1.6 with mkdocs-material (the default), and zensical, the successor of
Material for MkDocs, which reads the same mkdocs.yml. The finish step (generators/site/afwerking.py) works
on what either engine wrote.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Literal

import jinja2

Motor = Literal["mkdocs", "zensical"]
MOTOREN: tuple[Motor, ...] = ("mkdocs", "zensical")


class RenderError(Exception):
    """The engine could not build the tree; the message (Dutch) carries the engine's own warnings."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render(config: Path, motor: Motor = "mkdocs", dirty: bool = False, cache: Path | None = None) -> None:
    """Build the tree whose mkdocs.yml is `config`. `dirty` (mkdocs only) renders just the pages whose source
    is newer than their HTML; `cache` keeps mkdocs' compiled theme templates between runs."""
    if motor == "mkdocs":
        _mkdocs(config, dirty, cache)
    elif motor == "zensical":
        _zensical(config)
    else:
        raise RenderError(f"Onbekende motor '{motor}'; kies uit: {', '.join(MOTOREN)}.")


def _mkdocs(config_file: Path, dirty: bool, cache: Path | None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException
    from mkdocs.plugins import BasePlugin

    class CompiledTemplates(BasePlugin):
        """The theme's compiled templates in `cache`: a warm build skips compiling them (engine-internal)."""

        def on_env(self, env: jinja2.Environment, **_: Any) -> jinja2.Environment:
            if cache is not None:
                cache.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
            return env

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    quiet = _DirtyIsChosen()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        config = load_config(str(config_file))
        config.plugins["wmwm-sjablonen"] = CompiledTemplates()
        build(config, dirty=dirty)
    except (Abort, MkDocsException) as exc:
        raise RenderError("\n".join(collector.messages) or str(exc)) from None
    finally:
        logger.removeHandler(collector)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


class _DirtyIsChosen(logging.Filter):
    """mkdocs warns on every dirty build; the preview chose it, and the tree's menu names every page itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def zensical_command() -> str | None:
    """The zensical program next to this Python (the test extras install it), else on PATH."""
    beside = Path(sys.executable).parent / "zensical"
    return str(beside) if beside.is_file() else shutil.which("zensical")


def _zensical(config_file: Path) -> None:
    command = zensical_command()
    if command is None:
        raise RenderError("zensical is niet geïnstalleerd; installeer het met: pip install -e '.[test]'.")
    result = subprocess.run(
        [command, "build", "--strict", "-f", str(config_file)], cwd=config_file.parent, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RenderError(f"zensical gaf een fout:\n{(result.stderr or result.stdout).strip()}")
