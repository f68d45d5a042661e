"""Step 3 of the build, finish: work on the HTML an engine wrote, whichever engine it was.

Input: a rendered site folder (generators/site/motor.py). Output: the same folder, ready for a web server:
- dead weight removed: the theme's own search (lunr and its worker; zensical's search.json), source maps (and
  the comments naming them), Pagefind's UI bundles the site never loads (docs/javascripts/zoeken.js uses only
  pagefind.js);
- page scripts only where used: the table script goes on the pages that have a table;
- a Content-Security-Policy <meta> in every page (generators/site/csp.py);
- the Pagefind search index (Dutch stemming from `lang="nl"`);
- for the web server: `_headers` (the headers file of common static hosts) and `_nginx.conf` (an nginx
  snippet to include), both with the site's policy, `frame-ancestors 'none'`, and a year's Cache-Control for
  fingerprinted files (their name changes with their content), and a precompressed `.gz` beside every text file.
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

from generators.site.csp import site_policy, with_policy
from generators.site.zoeken import build_search_index

TABLE_SCRIPT = "javascripts/tabellen.js"
POLICY_META = '<meta http-equiv="Content-Security-Policy"'
HEADERS = "_headers"
NGINX = "_nginx.conf"
DEAD_FOLDERS = ("assets/javascripts/lunr", "assets/javascripts/workers", "search")  # mkdocs' theme search
DEAD_FILES = ("search.json",)  # zensical's search index
UNUSED_PAGEFIND = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")
# A name with a content hash (the theme's bundle.a5f9d56c.min.js, Pagefind's fragments and index chunks).
FINGERPRINTED = re.compile(r"(\.[0-9a-f]{8,}\.min\.(js|css)$)|(^pagefind/(fragment|index)/)|(\.pf_meta$)")
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".mjs"}
_SOURCE_MAP = re.compile(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")
_CACHE = "public, max-age=31536000, immutable"


def finish(site: Path, index: bool = True, compress: bool = True) -> None:
    """Everything above, in place; `index` False (the preview) leaves the search index to the caller."""
    remove_dead_weight(site)
    pages = []
    for path in sorted(site.rglob("*.html")):
        before = path.read_text(encoding="utf-8")
        page = before if POLICY_META in before else with_policy(with_page_scripts(before, _up(site, path)))
        if page != before:  # the preview finishes again after each render: a page it did not render stays as it is
            path.write_text(page, encoding="utf-8")
        pages.append(page)
    if index:
        build_search_index(site)
        for name in UNUSED_PAGEFIND:
            for bundle in (site / "pagefind").glob(f"{name}.*"):
                bundle.unlink()
    write_host_files(site, site_policy(pages))
    if compress:
        precompress(site)


def remove_dead_weight(site: Path) -> None:
    for folder in DEAD_FOLDERS:
        shutil.rmtree(site / folder, ignore_errors=True)
    for name in DEAD_FILES:
        (site / name).unlink(missing_ok=True)
    for path in site.rglob("*.map"):
        path.unlink()
    for path in [*site.glob("assets/**/*.js"), *site.glob("assets/**/*.css")]:
        text = path.read_text(encoding="utf-8")
        kept = _SOURCE_MAP.sub("", text)
        if kept != text:
            path.write_text(kept, encoding="utf-8")


def with_page_scripts(page: str, up: str) -> str:
    """The table script on a page with a table (it names each scrolling table for keyboard users)."""
    if "<table" not in page or TABLE_SCRIPT in page:
        return page
    return page.replace("</body>", f'<script src="{up}{TABLE_SCRIPT}"></script>\n</body>', 1)


def _up(site: Path, page: Path) -> str:
    depth = len(page.relative_to(site).parts) - 1
    return "../" * depth


def fingerprinted(site: Path) -> list[str]:
    """Header rules (site paths) for the files whose name changes when their content does: a whole folder where
    all of it is (Pagefind's fragments and index), else the file (hosts allow about 100 rules)."""
    rules = set()
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.is_file() and not name.endswith(".gz") and FINGERPRINTED.search(name):
            rules.add(re.sub(r"^(pagefind/(fragment|index))/.*", r"\1/*", name))
    return sorted(rules)


def write_host_files(site: Path, policy: str) -> None:
    """`_headers` (Netlify, Cloudflare Pages and others read it from the site root) and `_nginx.conf`."""
    lasting = fingerprinted(site)
    headers = [
        "# Gemaakt door wmwm bouw; niet met de hand bewerken. Webserverkoppen voor statische hosts.",
        "/*",
        f"  Content-Security-Policy: {policy}",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
    ]
    for path in lasting:
        headers += [f"/{path}", f"  Cache-Control: {_CACHE}"]
    (site / HEADERS).write_text("\n".join(headers) + "\n", encoding="utf-8")
    common = [
        f'add_header Content-Security-Policy "{policy}" always;',
        "add_header X-Content-Type-Options nosniff always;",
        "add_header Referrer-Policy strict-origin-when-cross-origin always;",
    ]
    nginx = [
        "# Gemaakt door wmwm bouw; niet met de hand bewerken. Neem dit bestand op in het server-blok van de site:",
        "#   include /pad/naar/doel/_nginx.conf;",
        "# en laad nginx opnieuw na elke publicatie (nginx -s reload): het beleid verandert met de pagina's.",
        "gzip_static on;",
        *common,
        "location ~ /_(headers|nginx\\.conf)$ { return 404; }",
        'location ~ "(\\.[0-9a-f]{8,}\\.min\\.(js|css)|\\.pf_fragment|\\.pf_index|\\.pf_meta)$" {',
        *(f"    {line}" for line in common),
        f'    add_header Cache-Control "{_CACHE}" always;',
        "}",
    ]
    (site / NGINX).write_text("\n".join(nginx) + "\n", encoding="utf-8")


def precompress(site: Path) -> None:
    """A `.gz` beside each text file, for servers that send it as is (nginx gzip_static, most static hosts)."""
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSED:
            data = path.read_bytes()
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            if len(packed) < len(data):
                path.with_name(path.name + ".gz").write_bytes(packed)
