"""The `wmwm` mkdocs plugin: hands the generated pages and downloads to mkdocs.

Input: the mkdocs config (content/ and templates/ sit next to mkdocs.yml).
Output: generated files in the mkdocs build. Content problems stop the build
with the same Dutch messages as `wmwm controleer`.
"""

from __future__ import annotations

import logging
import re
import subprocess
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generators.inhoud.content import load_content
from generators.inhoud.model import Inhoud
from generators.inhoud.problems import ContentError
from generators.inhoud.publication import site_meta
from generators.site import urls
from generators.site.changelog import atom_feed
from generators.site.csp import with_policy
from generators.site.downloads import agreement_downloads
from generators.site.invulbestand import all_blank_files
from generators.site.pages import SitePages, render_site
from generators.site.samenstellen import all_webform_files
from generators.site.stappenplan_docx import site_files as stappenplan_files
from generators.site.voorvertoning import KnownDirtyWarning, Voorvertoning
from generators.site.zoeken import SearchIndexError, abbreviation_map, build_search_index, start_search_index

_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


class WmwmPlugin(BasePlugin):
    def __init__(self) -> None:
        self.inhoud: Inhoud | None = None
        self.adres: str | None = None  # `wmwm publiceer --adres`; else the address in content/publicatie.yaml
        self.pages = SitePages()
        self.root = Path(".")
        self.meta: dict[str, str] = {}
        self.progress: Callable[[str], None] = lambda step: None  # `wmwm bouw` shows the step it is in
        self.previewing = False  # under `wmwm bekijk` (mkdocs serve), where this one instance serves every rebuild
        self.indexing: subprocess.Popen[bytes] | None = None
        self.voorvertoning: Voorvertoning | None = None  # `wmwm bekijk`: rebuild only the changed pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Only `mkdocs serve` and the mkdocs command call this; `wmwm bouw` builds without it."""
        self.previewing = command == "serve"
        if self.previewing and dirty:
            self.voorvertoning = Voorvertoning()
            logging.getLogger("mkdocs.commands.build").addFilter(KnownDirtyWarning())

    def on_shutdown(self) -> None:
        if self.voorvertoning is not None:
            self.voorvertoning.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Use the content `wmwm bouw` already read; only a bare `mkdocs build` or `wmwm bekijk` reads it here."""
        self.root = Path(config.config_file_path).parent
        if self.previewing:
            self.inhoud = None  # each rebuild of the preview reads the edited content
        if self.inhoud is None:
            try:
                self.inhoud = load_content(self.root / "content")
            except ContentError as exc:
                raise PluginError(f"De inhoud bevat {len(exc.problems)} fout(en):\n{exc}") from None
        self.meta = site_meta(self.inhoud)
        # `wmwm bekijk` (mkdocs serve) has already set its own local address; keep that one.
        if self.adres or not config.site_url:
            config.site_url = self.adres or (self.inhoud.publicatie.adres if self.inhoud.publicatie else None)
        self.progress("Pagina's maken uit de inhoud")
        try:
            self.pages = render_site(self.inhoud, self.root / "templates", self.meta, self.compiled())
        except jinja2.TemplateSyntaxError as exc:
            raise PluginError(f"templates/{exc.name}:{exc.lineno}: fout in sjabloon: {exc.message}") from None
        except jinja2.TemplateError as exc:
            raise PluginError(f"Fout in een sjabloon in templates/: {exc.message}") from None
        config.nav = self.pages.nav
        config.extra["versie"] = self.meta["versie"]
        config.extra["peildatum"] = self.meta["peildatum_tekst"]
        return config

    def compiled(self) -> jinja2.BytecodeCache:
        """Compiled Jinja templates, ours and the theme's, kept in .cache/ so a warm build skips compiling."""
        folder = self.root / ".cache" / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        return jinja2.FileSystemBytecodeCache(str(folder))

    def on_env(self, env: jinja2.Environment, **_: Any) -> jinja2.Environment:
        env.bytecode_cache = self.compiled()
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.progress("Word-bestanden en formulieren maken")
        generated = self.generated_files(config)
        preview = self.voorvertoning
        if preview is None:
            for path, content in generated.items():
                files.append(File.generated(config, path, content=content))
            return files
        shared = [config.nav, config.extra, config.site_url, self.pages.abbreviations]
        watched = [Path(config.config_file_path), *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
        written = {str(f): f.read_text(encoding="utf-8") for f in Path(config.docs_dir).rglob("*.md")}  # their titles
        preview.whole_if_changed(Path(config.site_dir), shared, {**generated, **written}, watched)
        for path, content in generated.items():
            files.append(File.generated(config, path, abs_src_path=preview.source(path, content)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """A dirty build renders only the changed pages; the menu takes the others' titles from the build before."""
        if self.voorvertoning is not None:
            for page in nav.pages:
                if not page.file.is_modified() and page.file.src_uri in self.voorvertoning.titles:
                    page.title = self.voorvertoning.titles[page.file.src_uri]
        return nav

    def generated_files(self, config: MkDocsConfig) -> dict[str, str | bytes]:
        """Every file this plugin adds, by site path: pages (Markdown), downloads, form files, feed, search aids.
        Also what `benchmarks/bouw.py` writes out to build the same pages with mkdocs-material alone."""
        assert self.inhoud is not None
        files: dict[str, str | bytes] = dict(self.pages.pages)
        files.update(agreement_downloads(self.inhoud, self.root, self.meta))
        files.update(all_webform_files(self.inhoud, self.root, self.meta))
        files.update(stappenplan_files(self.inhoud, self.root, self.meta))
        files.update(all_blank_files(self.inhoud, self.root / ".cache" / "xlsx"))
        files[urls.FEED] = atom_feed(self.inhoud, config.site_name, config.site_url or "/")
        files["zoeken/afkortingen.json"] = abbreviation_map(self.inhoud)
        self.progress("Pagina's opmaken")
        return files

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Index the finished pages for search (Pagefind, Dutch stemming from `lang="nl"`)."""
        self.progress("Zoekindex maken")
        if self.previewing:
            if self.indexing is not None:
                self.indexing.kill()
                self.indexing.wait()
            self.indexing = start_search_index(Path(config.site_dir))
            return
        try:
            build_search_index(Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None

    def on_post_page(self, output: str, *, page: Page, **_: Any) -> str:
        if self.voorvertoning is not None and page.title is not None:
            self.voorvertoning.titles[page.file.src_uri] = page.title
        return with_policy(output)

    def on_post_template(self, output_content: str, template_name: str, **_: Any) -> str:
        """The 404 page is a theme template, not a page."""
        return with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_page_content(self, html: str, *, page: Page, **_: Any) -> str:
        """The browser tab and the header name a page by its own heading; the menu may use a shorter name (an
        article under its law, a form under its agreement), which mkdocs would otherwise put in the tab too."""
        heading = _H1.search(html)
        if heading and not page.is_homepage:
            text = unescape(re.sub(r"<[^>]+>", "", _HEADERLINK.sub("", heading[1])))
            page.meta.setdefault("title", " ".join(text.split()))
        return html

    def on_page_markdown(self, markdown: str, **_: Any) -> str:
        """Append abbreviation definitions so every page gets hover explanations."""
        return with_abbreviations(markdown, self.pages.abbreviations)


def with_abbreviations(markdown: str, abbreviations: dict[str, str]) -> str:
    defs = "\n".join(f"*[{abbr}]: {text}" for abbr, text in sorted(abbreviations.items()))
    return f"{markdown}\n\n{defs}\n" if defs else markdown
