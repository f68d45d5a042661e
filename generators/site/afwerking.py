"""Step 3 of the build, finish: work on the HTML an engine wrote, whichever engine it was.

Input: a rendered site folder (generators/site/motor.py). Output: the same folder, ready for a web server:
- dead weight removed: the theme's own search (lunr and its worker; zensical's search.json), source maps (and
  the comments naming them), Pagefind's UI bundles the site never loads (docs/javascripts/zoeken.js uses only
  pagefind.js);
- page scripts only where used: the table script goes on the pages that have a table;
- no indentation: every run of white space with a line break between or around tags (the theme's templates
  indent its menu on every page, half the bytes of a page) becomes one line break, except inside elements
  where white space shows (pre, code, kbd, textarea) or is code (script, style); a browser shows the page
  the same;
- a Content-Security-Policy <meta> in every page (generators/site/csp.py);
- the Pagefind search index (Dutch stemming from `lang="nl"`);
- for the web server: `_headers` (the headers file of common static hosts) and `_nginx.conf` (an nginx
  snippet to include), both with the site's policy, `frame-ancestors 'none'`, and a year's Cache-Control for
  fingerprinted files (their name changes with their content), and a precompressed `.gz` beside every text file.

The search index is made while the files are compressed (Pagefind runs as its own process). With a cache
folder (`wmwm bouw` passes `.cache/`), a `.gz` is taken from `gz/` under the hash of the file's bytes when an
earlier build compressed the same bytes, a finished page from `afgewerkt/` under the hash of the page the
engine wrote, and the search index (every file the index step wrote) from `zoekindex/` under the hash of all
finished pages, the index step's code and Pagefind's version: a build in which no page changed does not index
again. Entries are kept as generators/site/bewaard.py says.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import re
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path

from generators.site import bewaard, zoeken
from generators.site.csp import inline_hashes, policy_for, with_policy
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
GZ_CACHE = "gz"
PAGE_CACHE = "afgewerkt"
INDEX_CACHE = "zoekindex"
# This step's own code and the policy's: a change to either makes every kept page and .gz again.
CODE = hashlib.sha256(Path(__file__).read_bytes() + (Path(__file__).parent / "csp.py").read_bytes()).hexdigest()
# The search index depends on the finished pages, the index step's code and Pagefind's version.
INDEX_CODE = hashlib.sha256(Path(zoeken.__file__).read_bytes() + version("pagefind").encode()).hexdigest()
GZ_LEVEL = 9
# Elements whose white space a browser shows (the theme sets pre-wrap on code and kbd) or that hold code, then
# any other tag or comment (quoted attribute values may hold '>'), then white space with a line break in it.
_KEEP = r"<(?P<keep>pre|code|kbd|textarea|script|style)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</(?P=keep)\s*>"
_TAG = r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
_INDENT = re.compile(rf"({_KEEP}|{_TAG})|[ \t\r\n]*\n[ \t\r\n]*", re.DOTALL | re.IGNORECASE)


def finish(site: Path, index: bool = True, compress: bool = True, cache: Path | None = None) -> None:
    """Everything above, in place; `index` False (the preview) leaves the search index to the caller; `cache` is
    the folder that keeps finished pages, compressed files and search indexes between builds."""
    remove_dead_weight(site)
    scripts: set[str] = set()
    styles: set[str] = set()
    finished = _Kept(cache / PAGE_CACHE if cache is not None else None, ".html")
    pages = hashlib.sha256(INDEX_CODE.encode())
    for path in sorted(site.rglob("*.html")):
        before = path.read_bytes()
        if POLICY_META.encode() in before:  # the preview finishes again after each render: a page it did not render
            page = before.decode("utf-8")  # stays as it is
        else:
            up = _up(site, path)
            page = finished.get([up.encode(), before], functools.partial(finished_page, before.decode(), up))
            path.write_text(page, encoding="utf-8")
        pages.update(path.relative_to(site).as_posix().encode() + b"\0" + hashlib.sha256(page.encode()).digest())
        page_scripts, page_styles = inline_hashes(page)
        scripts |= page_scripts
        styles |= page_styles
    gz = _Kept(cache / GZ_CACHE if cache is not None else None, ".gz")
    indexes = _Kept(cache / INDEX_CACHE if cache is not None else None, ".zip")
    stamped = _stamps(site)
    indexing = None
    if index:
        made = indexes.find([pages.digest()])
        if made is not None:  # no page changed since a build that indexed them
            _unpack(made, site)
        else:
            indexing = _Background(lambda: build_search_index(site))
    compressed: set[Path] = set()
    if compress:  # while the search index is made: the files as they are now
        compressed = precompress(site, gz, lambda path: path in stamped)
    if indexing is not None:
        indexing.join()
        for name in UNUSED_PAGEFIND:
            for bundle in (site / "pagefind").glob(f"{name}.*"):
                bundle.unlink()
        written = [p for p in _files(site) if stamped.get(p) != _stamp(p) and p not in compressed]
        indexes.put([pages.digest()], _pack(site, written))
    write_host_files(site, policy_for(scripts, styles, header=True))
    if compress:  # then what indexing wrote or changed
        precompress(site, gz, lambda path: stamped.get(path) != _stamp(path))
        gz.prune()
    finished.prune()
    indexes.prune()


def _pack(site: Path, files: list[Path]) -> bytes:
    """The files (what the search index step wrote) in one uncompressed zip, by their path in the site."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for path in files:
            archive.writestr(zipfile.ZipInfo(path.relative_to(site).as_posix()), path.read_bytes())
    return out.getvalue()


def _unpack(packed: bytes, site: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(packed)) as archive:
        for name in archive.namelist():
            target = site / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


def _stamps(site: Path) -> dict[Path, tuple[int, int]]:
    return {path: _stamp(path) for path in _files(site)}


def _files(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*") if path.is_file())


def finished_page(page: str, up: str) -> str:
    """A page as the engine wrote it, finished: its scripts, no indentation, its policy. `up` leads to the root."""
    return with_policy(without_indentation(with_page_scripts(page, up)))


def without_indentation(page: str) -> str:
    """Each run of white space with a line break, outside tags and the elements in `_KEEP`, as one line break."""
    return _INDENT.sub(lambda m: m[1] or "\n", page)


class _Background:
    """One step in a thread (it waits on a process); `join` raises what the step raised."""

    def __init__(self, step: Callable[[], None]) -> None:
        self.failed: BaseException | None = None

        def run() -> None:
            try:
                step()
            except BaseException as exc:  # handed to join()
                self.failed = exc

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def join(self) -> None:
        self.thread.join()
        if self.failed is not None:
            raise self.failed


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
    return page.replace("</body>", f'<script type="module" src="{up}{TABLE_SCRIPT}"></script>\n</body>', 1)


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


class _Kept:
    """What this step made from some bytes, under their hash and this step's code (nothing kept without a folder)."""

    def __init__(self, folder: Path | None, suffix: str) -> None:
        self.folder = folder
        self.suffix = suffix

    def get(self, parts: list[bytes], make: Callable[[], str]) -> str:
        return self.get_bytes(parts, lambda: make().encode("utf-8")).decode("utf-8")

    def get_bytes(self, parts: list[bytes], make: Callable[[], bytes]) -> bytes:
        made = self.find(parts)
        if made is None:
            made = make()
            self.put(parts, made)
        return made

    def find(self, parts: list[bytes]) -> bytes | None:
        return None if self.folder is None else bewaard.read(self._path(parts))

    def put(self, parts: list[bytes], made: bytes) -> None:
        if self.folder is not None:
            bewaard.write(self._path(parts), made)

    def _path(self, parts: list[bytes]) -> Path:
        assert self.folder is not None
        key = hashlib.sha256(CODE.encode())
        for part in parts:
            key.update(hashlib.sha256(part).digest())
        return self.folder / f"{key.hexdigest()[:32]}{self.suffix}"

    def prune(self) -> None:
        if self.folder is not None:
            bewaard.prune(self.folder, f"*{self.suffix}")


def _text_files(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSED and path.is_file():
            yield path


def precompress(site: Path, gz: _Kept | None = None, which: Callable[[Path], bool] = lambda _: True) -> set[Path]:
    """A `.gz` beside each text file (of those `which` picks), for servers that send it as is (nginx gzip_static,
    most static hosts); only where it is smaller. Returns the `.gz` files written."""
    written: set[Path] = set()
    gz = gz or _Kept(None, ".gz")
    for path in _text_files(site):
        if which(path):
            data = path.read_bytes()
            packed = gz.get_bytes([data], functools.partial(gzip.compress, data, compresslevel=GZ_LEVEL, mtime=0))
            if len(packed) < len(data):
                path.with_name(path.name + ".gz").write_bytes(packed)
                written.add(path.with_name(path.name + ".gz"))
            else:  # no copy that is bigger, nor one of earlier bytes
                path.with_name(path.name + ".gz").unlink(missing_ok=True)
    return written
