"""Step 1 of the build, generate: content -> a build tree of plain Markdown, assets and downloads.

Input: the project root (mkdocs.yml, templates/, docs/) and the checked `Inhoud`. Output: a folder with
`docs/` (the hand-written pages and assets, every generated page, download and form file) and `mkdocs.yml`
(the project's settings with the menu, version, address and absolute paths filled in, and no plugins). Any
static site engine that reads mkdocs.yml renders that folder as it is (generators/site/motor.py); nothing in
it depends on one engine. Every page already carries what the plugin used to add while mkdocs ran: the
abbreviation definitions, and as `title` the page's own heading (the tab names a page in full; the menu may
use a shorter name), and every menu entry carries its title, so a partial rebuild keeps the menu right.

A file is written only when its bytes changed, so its time stays older than the built page and a dirty
render (the preview, generators/site/voorvertoning.py) skips it. Files that are no longer generated go.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from generators.inhoud.model import Inhoud
from generators.inhoud.problems import WmwmError
from generators.inhoud.publication import site_meta
from generators.site import urls
from generators.site.changelog import atom_feed
from generators.site.downloads import agreement_downloads
from generators.site.invulbestand import all_blank_files
from generators.site.pages import render_site
from generators.site.samenstellen import all_webform_files
from generators.site.stappenplan_docx import site_files as stappenplan_files
from generators.site.zoeken import abbreviation_map

PREVIEW_ADDRESS = "http://127.0.0.1:8000/"  # `wmwm bouw` and `wmwm bekijk` when content/ names no address yet
TREE_CONFIG = "mkdocs.yml"
TREE_DOCS = "docs"
TREE_SITE = "site"

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_H1 = re.compile(r"^# (.+?)\s*$", re.MULTILINE)
_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_ESCAPE = re.compile(r"\\(.)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


class GenerateError(WmwmError):
    """A template could not be rendered; the message (Dutch) names templates/file:line."""


@dataclass(frozen=True)
class Tree:
    """A generated build tree: `config` is its mkdocs.yml, `docs` its pages, `site_dir` where it renders to
    (inside the tree: zensical builds only below its config's folder)."""

    folder: Path

    @property
    def site_dir(self) -> Path:
        return self.folder / TREE_SITE

    @property
    def config(self) -> Path:
        return self.folder / TREE_CONFIG

    @property
    def docs(self) -> Path:
        return self.folder / TREE_DOCS


def site_address(inhoud: Inhoud, adres: str | None) -> str:
    """The address for canonical links, sitemap and feed: `--adres`, else content/publicatie.yaml, else the preview."""
    given = inhoud.publicatie.adres if inhoud.publicatie else ""
    return adres or given or PREVIEW_ADDRESS


def generate(
    root: Path,
    inhoud: Inhoud,
    tree: Tree,
    adres: str | None = None,
    progress: Callable[[str], None] = lambda step: None,
) -> None:
    """Write the build tree for `inhoud`; `adres` overrides the address in content/publicatie.yaml."""
    meta = site_meta(inhoud)
    site_url = site_address(inhoud, adres)
    settings = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    progress("Pagina's maken uit de inhoud")
    compiled = root / ".cache" / "jinja"
    compiled.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes] = {}
    try:
        pages = render_site(inhoud, root / "templates", meta, jinja2.FileSystemBytecodeCache(str(compiled)))
        progress("Word-bestanden en formulieren maken")
        docs = root / settings.get("docs_dir", "docs")
        for path in sorted(p for p in docs.rglob("*") if p.is_file()):
            name = path.relative_to(docs).as_posix()
            files[name] = path.read_text(encoding="utf-8") if path.suffix == ".md" else path.read_bytes()
        files.update(pages.pages)
        files.update(agreement_downloads(inhoud, root, meta))
        files.update(all_webform_files(inhoud, root, meta))
        files.update(stappenplan_files(inhoud, root, meta))
    except jinja2.TemplateError as exc:
        raise template_error(exc, root) from None
    files.update(all_blank_files(inhoud, root / ".cache" / "xlsx"))
    files[urls.FEED] = atom_feed(inhoud, settings["site_name"], site_url)
    files["zoeken/afkortingen.json"] = abbreviation_map(inhoud)
    titles: dict[str, str] = {}
    for name, text in files.items():
        if name.endswith(".md") and isinstance(text, str):
            title = heading_title(text)
            if title is not None:
                titles[name] = title
            page_title = None if name == urls.HOME else title  # the home page's tab is the site name alone
            files[name] = with_title(with_abbreviations(text, pages.abbreviations), page_title)
    write_changed(tree.docs, files)
    settings.update(
        docs_dir=TREE_DOCS,
        site_dir=TREE_SITE,
        site_url=site_url,
        nav=titled_nav(pages.nav, titles),
        plugins=[p for p in settings.get("plugins") or [] if p != "wmwm"],
        extra={**(settings.get("extra") or {}), "versie": meta["versie"], "peildatum": meta["peildatum_tekst"]},
    )
    settings["theme"]["custom_dir"] = str((root / settings["theme"]["custom_dir"]).resolve())
    settings.pop("watch", None)
    write_changed(
        tree.folder, {TREE_CONFIG: yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)}, prune=False
    )


def template_error(exc: jinja2.TemplateError, root: Path) -> GenerateError:
    """The error as one Dutch line naming the template and its line: where a syntax error is, or the innermost
    template line that was running when rendering failed (an undefined name, a missing attribute)."""
    where = ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = _template_place(exc.filename or f"templates/{exc.name}", exc.lineno, root)
    else:
        trace = exc.__traceback__
        while trace is not None:  # jinja2 gives each template line its own frame, named after the template file
            filename = trace.tb_frame.f_code.co_filename
            if _template_place(filename, 0, root):
                where = _template_place(filename, trace.tb_lineno, root)
            trace = trace.tb_next
    message = _dutch(exc.message or str(exc))
    if isinstance(exc, jinja2.TemplateNotFound):
        message = f"sjabloon '{exc.name}' bestaat niet"
    if not where:
        return GenerateError(f"Fout in een sjabloon in templates/: {message}")
    return GenerateError(f"{where}: {message}")


def _template_place(filename: str, line: int, root: Path) -> str:
    """`templates/name:line` for a file in the project's templates/ folder, else ''."""
    path = Path(filename) if Path(filename).is_absolute() else root / filename
    try:
        name = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return ""
    return f"{name}:{line}" if name.startswith("templates/") else ""


_UNDEFINED = re.compile(r"^'(?P<name>[^']*)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'(?:[\w.]*\.)?(?P<thing>\w+)(?: object)?' has no attribute (?P<name>'[^']*')$")


def _dutch(message: str) -> str:
    """jinja2's usual messages in Dutch; any other message as jinja2 wrote it."""
    if found := _UNDEFINED.match(message):
        return f"'{found['name']}' is niet gedefinieerd"
    if found := _NO_ATTRIBUTE.match(message):
        return f"{found['thing']} heeft geen attribuut {found['name']}"
    return f"fout in sjabloon: {message}"


def heading_title(markdown: str) -> str | None:
    """The text of the page's first `# ` heading as the browser shows it: no markup, escapes or attribute list."""
    body = _FRONT_MATTER.sub("", markdown, count=1)
    found = _H1.search(body)
    if found is None:
        return None
    text = _ATTRS.sub("", found[1])
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(html.unescape(text).split())


def with_title(markdown: str, title: str | None) -> str:
    """Front matter `title` (the tab's name) unless the page sets its own."""
    if title is None:
        return markdown
    line = f"title: {json.dumps(title, ensure_ascii=False)}\n"
    found = _FRONT_MATTER.match(markdown)
    if found is None:
        return f"---\n{line}---\n{markdown}"
    if re.search(r"^title:", found[1], re.MULTILINE):
        return markdown
    return f"---\n{found[1]}{line}---\n{markdown[found.end() :]}"


def with_abbreviations(markdown: str, abbreviations: Mapping[str, str]) -> str:
    """Abbreviation definitions at the end, so every page explains them on hover."""
    defs = "\n".join(f"*[{abbr}]: {text}" for abbr, text in sorted(abbreviations.items()))
    return f"{markdown}\n\n{defs}\n" if defs else markdown


def titled_nav(nav: Any, titles: Mapping[str, str]) -> Any:
    """The menu with a title on every page: what the page's heading says where the menu named none."""
    if isinstance(nav, str):
        return {titles[nav]: nav} if nav in titles else nav
    if isinstance(nav, list):
        return [titled_nav(item, titles) for item in nav]
    if isinstance(nav, dict):
        return {key: (value if isinstance(value, str) else titled_nav(value, titles)) for key, value in nav.items()}
    return nav


def write_changed(folder: Path, files: Mapping[str, str | bytes], prune: bool = True) -> list[str]:
    """Write each file whose bytes differ; with `prune`, remove what is not in `files`. Returns what was written."""
    written = []
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = folder / name
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(name)
    if prune and folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                shutil.rmtree(path)
    return written
