"""Step 2 of the build, render: a static site engine turns the generated build tree into HTML.

Input: a build tree (generators/site/genereer.py): its mkdocs.yml names the pages, the menu, the theme and the
folder to build into. Output: that folder with the engine's HTML and theme assets, nothing of ours added.
Two engines read the same tree: mkdocs 1.6 with mkdocs-material (the default), and zensical, the successor of
Material for MkDocs, which reads the same mkdocs.yml. The finish step (generators/site/afwerking.py) works
on what either engine wrote.

With a cache folder (`wmwm bouw` and `wmwm bekijk` pass `.cache/`), mkdocs keeps two things between runs, both
inside the engine and both keyed by everything they depend on, so the HTML is the same as without them:
the theme's compiled templates (`thema/`), and each page's Markdown converted to HTML (`paginas/`: under the
page's text, where it lives, the Markdown settings and the versions of mkdocs, Markdown and its extensions,
with every file its links looked up and what was found; it is used only when each lookup finds the same now).
A page whose conversion logged anything (a link warning, a notice) is never kept, so every warning is given
again by every build. Entries are kept as generators/site/bewaard.py says.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import jinja2

from generators.inhoud.problems import WmwmError
from generators.site import bewaard

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

Motor = Literal["mkdocs", "zensical"]
MOTOREN: tuple[Motor, ...] = ("mkdocs", "zensical")


class RenderError(WmwmError):
    """The engine could not build the tree; the message (Dutch) carries the engine's own warnings."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


THEME_CACHE = "thema"
PAGE_CACHE = "paginas"
CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a change to this module converts every page again
ENGINE = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")


def render(config: Path, motor: Motor = "mkdocs", dirty: bool = False, cache: Path | None = None) -> None:
    """Build the tree whose mkdocs.yml is `config`. `dirty` (mkdocs only) renders just the pages whose source
    is newer than their HTML; `cache` (mkdocs only) is the folder where mkdocs keeps its compiled theme
    templates and converted pages between runs."""
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

    class Cached(BasePlugin):
        """Engine-internal: the theme's compiled templates and each page's converted Markdown from `cache`."""

        pages: _PageCache | None = None

        def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
            if cache is not None:
                self.pages = _PageCache(cache / PAGE_CACHE, config, files)
            return files

        def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
            if self.pages is not None:
                self.pages.attach(page)
            return page

        def on_env(self, env: jinja2.Environment, **_: Any) -> jinja2.Environment:
            if cache is not None:
                (cache / THEME_CACHE).mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache / THEME_CACHE))
            return env

        def on_post_build(self, *, config: MkDocsConfig) -> None:
            if self.pages is not None and not dirty:
                self.pages.prune()

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    quiet = _DirtyIsChosen()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        config = load_config(str(config_file))
        config.plugins["wmwm-cache"] = Cached()
        build(config, dirty=dirty)
    except (Abort, MkDocsException) as exc:
        raise RenderError("\n".join(collector.messages) or str(exc)) from None
    finally:
        logger.removeHandler(collector)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


class _Heard(logging.Handler):
    """Hears every log record (of mkdocs, Markdown or an extension) while one page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _PageCache:
    """Each page's Markdown converted to HTML, with what mkdocs keeps of the conversion (the table of contents,
    the title, the anchors it has and the anchors it links to), stored under a hash of everything the
    conversion reads but the other files, with the files its links looked up: a kept page is used only while
    each of those lookups finds the same file at the same address. Only conversions that logged nothing are
    stored."""

    def __init__(self, folder: Path, config: MkDocsConfig, files: Files) -> None:
        self.folder = folder
        self.files = files
        settings = {
            "code": CODE,
            "engine": [version(name) for name in ENGINE],
            "extensions": config["markdown_extensions"],
            "configs": config["mdx_configs"],
            "directory_urls": config["use_directory_urls"],
            "validation": config["validation"],
            "anchor_links": logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG,
        }
        self.settings = hashlib.sha256(json.dumps(settings, sort_keys=True, default=repr).encode()).hexdigest()

    def attach(self, page: Page) -> None:
        convert = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            assert page.markdown is not None
            parts = [self.settings, json.dumps(_identity(page.file)), page.markdown]
            name = f"{hashlib.sha256(chr(0).join(parts).encode()).hexdigest()[:32]}.json"
            if self._load(page, self.folder / name):
                return
            lookups = _Lookups(files)
            heard = _Heard()
            listeners = [logging.getLogger(), logging.getLogger("mkdocs")]
            for logger in listeners:
                logger.addHandler(heard)
            try:
                convert(config, cast("Files", lookups))
            finally:
                for logger in listeners:
                    logger.removeHandler(heard)
            if heard.count == 0:
                self._store(page, lookups.found, self.folder / name)

        page.render = render  # type: ignore[method-assign]

    def _load(self, page: Page, path: Path) -> bool:
        from mkdocs.structure.toc import get_toc

        data = bewaard.read(path)
        try:
            kept = json.loads(data) if data is not None else None
        except ValueError:
            kept = None
        if kept is None or any(
            _identity(self.files.get_file_from_path(path)) != found for path, found in kept["lookups"].items()
        ):
            return False
        page.content = kept["content"]
        page.toc = get_toc(kept["toc"])
        page._title_from_render = kept["title"]
        page.present_anchor_ids = set(kept["anchors"])
        links = kept["links"]
        if links is not None:
            page.links_to_anchors = {self.files.src_uris[uri]: anchors for uri, anchors in links.items()}
        return True

    def _store(self, page: Page, lookups: dict[str, list[str] | None], path: Path) -> None:
        links = page.links_to_anchors
        kept = {
            "lookups": lookups,
            "content": page.content,
            "toc": [_token(link) for link in page.toc],
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: anchors for f, anchors in links.items()},
        }
        bewaard.write(path, json.dumps(kept, ensure_ascii=False).encode("utf-8"))

    def prune(self) -> None:
        bewaard.prune(self.folder, "*.json")


class _Lookups:
    """The site's files as one page's conversion sees them: notes each path its links look up and what was found."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.found: dict[str, list[str] | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self.files.get_file_from_path(path)
        self.found[path] = _identity(file)
        return file

    def __getattr__(self, name: str) -> Any:
        return getattr(self.files, name)


def _identity(file: File | None) -> list[str] | None:
    """What a link to `file` turns into: its address, and whether it is in the built site."""
    return None if file is None else [file.src_uri, file.url, str(file.inclusion)]


def _token(link: AnchorLink) -> dict[str, Any]:
    """A table of contents entry as the Markdown token mkdocs made it from (mkdocs.structure.toc.get_toc)."""
    return {"name": link.title, "id": link.id, "level": link.level, "children": [_token(c) for c in link.children]}


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
