"""The preview (`wmwm bekijk`): serve the site, rebuild what an edit changed, show content errors as a page.

Input: the project root and a port on 127.0.0.1. Output: a web server that serves the site built for
http://127.0.0.1:PORT/ from a temporary folder. A watcher looks at content/, templates/, docs/ and mkdocs.yml
every 0.3 s; after a change it runs the same three steps as `wmwm bouw` (generators/site/bouw.py), but:
- generate writes only the files whose bytes changed, and render is mkdocs' dirty build, so only the pages an
  edit changed are rendered again. The tree names every page's title in the menu itself, so a page that is
  not rendered again keeps a right menu. When the settings (menu, address, version) or the theme change, the
  built pages are removed first and the render is whole;
- the search index is made in the background, and nothing is precompressed.
A content, template or link error does not stop the preview: the console shows the same Dutch `file:line`
lines as `wmwm controleer`, and every page request gets them as a page that reloads itself, until the next
build succeeds. The server never waits for a build: it serves the files as they are. Pages get a small script
(only here) that reloads them when a build finished.
"""

from __future__ import annotations

import hashlib
import html
import http.server
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generators.inhoud.content import load_content
from generators.inhoud.problems import ContentError
from generators.site.afwerking import finish
from generators.site.genereer import GenerateError, Tree, generate
from generators.site.motor import RenderError, render
from generators.site.zoeken import start_search_index

WATCHED = ("content", "templates", "docs", "mkdocs.yml")
RELOAD_SCRIPT = "/__wmwm/herlaad.js"
VERSION_URL = "/__wmwm/versie"
_RELOAD_JS = f"""// Only in the preview: reload the page when a new build is ready.
(() => {{
  let seen = null;
  setInterval(async () => {{
    try {{
      const now = await (await fetch("{VERSION_URL}", {{ cache: "no-store" }})).text();
      if (seen !== null && now !== seen) location.reload();
      seen = now;
    }} catch (e) {{}}
  }}, 700);
}})();
"""


class Voorvertoning:
    """One preview: its folders, the state of the last build, and the version the pages poll."""

    def __init__(self, root: Path, port: int, report: Callable[[str, bool], None]) -> None:
        self.root = root
        self.address = f"http://127.0.0.1:{port}/"
        self.report = report  # (line, is_error): the CLI prints it
        self.folder = Path(tempfile.mkdtemp(prefix="wmwm-voorvertoning-"))
        self.tree = Tree(self.folder)
        self.tree.site_dir.mkdir()
        self.problems: list[str] = []
        self.version = 0
        self.settings = ""
        self.indexing: subprocess.Popen[bytes] | None = None

    def build(self) -> None:
        """Build what changed; on any error in the user's files keep them in `problems` for the pages."""
        started = time.monotonic()
        try:
            inhoud = load_content(self.root / "content")
            generate(self.root, inhoud, self.tree, self.address)
            self._whole_if_settings_changed()
            render(self.tree.config, dirty=True, cache=self.root / ".cache")
            finish(self.tree.site_dir, index=False, compress=False)
        except ContentError as exc:
            count = len(exc.problems)
            self._failed([str(p) for p in exc.problems], f"{count} {'fout' if count == 1 else 'fouten'} in de inhoud")
        except (GenerateError, RenderError) as exc:
            self._failed(str(exc).splitlines(), "De site kon niet worden gebouwd")
        else:
            if self.indexing is not None:
                self.indexing.kill()
                self.indexing.wait()
            self.indexing = start_search_index(self.tree.site_dir)
            self.problems = []
            self.report(f"Bijgewerkt in {time.monotonic() - started:.1f} s: {self.address}", False)
        self.version += 1

    def _failed(self, lines: list[str], summary: str) -> None:
        self.problems = [*lines, f"{summary}; herstel het bestand en sla het op, de voorvertoning volgt vanzelf."]
        for line in self.problems:
            self.report(line, True)

    def _whole_if_settings_changed(self) -> None:
        """mkdocs' dirty build looks only at each page's own source; a new menu, address, version or theme is on
        every page, so then every page is rendered again."""
        theme = sorted((str(p), p.stat().st_mtime_ns) for p in (self.root / "templates" / "theme").rglob("*"))
        settings = hashlib.sha256((self.tree.config.read_text(encoding="utf-8") + repr(theme)).encode()).hexdigest()
        if settings != self.settings:
            for page in self.tree.site_dir.rglob("*.html"):
                page.unlink()
        self.settings = settings

    def stamp(self) -> tuple[tuple[str, int, int], ...]:
        """Name, time and size of every watched file: any edit, new or removed file changes it."""
        found = []
        for name in WATCHED:
            path = self.root / name
            for f in [path] if path.is_file() else sorted(path.rglob("*")):
                if f.is_file():
                    info = f.stat()
                    found.append((str(f), info.st_mtime_ns, info.st_size))
        return tuple(found)

    def error_page(self) -> bytes:
        items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in self.problems)
        return (
            '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
            '<meta http-equiv="refresh" content="1"><title>Fout in de inhoud - voorvertoning</title></head>'
            f"<body><h1>De voorvertoning kan niet worden bijgewerkt</h1><ul>{items}</ul>"
            "<p>Deze pagina laadt opnieuw zodra de fout hersteld is.</p></body></html>"
        ).encode()

    def close(self) -> None:
        if self.indexing is not None:
            self.indexing.kill()
            self.indexing.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def serve(root: Path, port: int, report: Callable[[str, bool], None]) -> None:
    """Build, serve and follow edits until interrupted. Raises OSError when the port is taken (before building)."""
    preview = Voorvertoning(root, port, report)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(preview.tree.site_dir), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == VERSION_URL:
                return self._send(200, "text/plain", str(preview.version).encode())
            if path == RELOAD_SCRIPT:
                return self._send(200, "text/javascript", _RELOAD_JS.encode())
            page = path.endswith("/") or path.endswith(".html")
            if page and preview.problems:
                return self._send(500, "text/html; charset=utf-8", preview.error_page())
            file = Path(self.translate_path(path))
            if page and (file / "index.html" if file.is_dir() else file).is_file():
                body = (file / "index.html" if file.is_dir() else file).read_bytes()
                body = body.replace(b"</body>", f'<script src="{RELOAD_SCRIPT}"></script></body>'.encode(), 1)
                return self._send(200, "text/html; charset=utf-8", body)
            return super().do_GET()

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    except OSError:
        preview.close()
        raise
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    report(f"Voorvertoning op {preview.address} (stoppen met Ctrl+C)", False)
    try:
        seen = preview.stamp()
        preview.build()
        while True:
            time.sleep(0.3)
            now = preview.stamp()
            if now != seen:
                seen = now
                preview.build()
    finally:
        server.shutdown()
        server.server_close()
        preview.close()
