"""Build the static site atomically: generate, render, finish.

Input: the project root (mkdocs.yml, content/, templates/, docs/). Output: the site in `out_dir`. The three
steps run one after the other, each reading only what the step before it wrote:
generate (generators/site/genereer.py) writes a build tree of plain Markdown, render (motor.py) has an
engine turn it into HTML, finish (afwerking.py) adds the policy, the search index and the web server's files.
The tree, with the site inside it, is made in a temporary folder next to `out_dir`; the site is swapped in only
when everything succeeded, so a failed build leaves the previous output byte-for-byte as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from generators.inhoud.content import load_content
from generators.inhoud.model import Inhoud
from generators.inhoud.problems import WmwmError
from generators.overeenkomsten.batch import check_examples
from generators.site.afwerking import finish
from generators.site.genereer import GenerateError, Tree, generate
from generators.site.motor import Motor, RenderError, render
from generators.site.zoeken import SearchIndexError


class BuildError(WmwmError):
    """The site could not be built; the message is for the user (Dutch)."""


def build_site(
    root: Path,
    out_dir: Path,
    inhoud: Inhoud | None = None,
    adres: str | None = None,
    progress: Callable[[str], None] | None = None,
    motor: Motor = "mkdocs",
) -> None:
    """Build from `inhoud` if the caller already read it, else read content/ here (once).
    `adres` overrides the site address in content/publicatie.yaml (canonical links, sitemap, feed);
    `progress` hears which step the build is in; `motor` is the engine that renders the HTML."""
    step = progress or (lambda _: None)
    if inhoud is None:
        inhoud = load_content(root / "content")  # raises ContentError with every problem before anything is written
    check_examples(inhoud)  # the blank files' example rows, before anything is written
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tree = Tree(Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-nieuw-", dir=out_dir.parent)))
    try:
        generate(root, inhoud, tree, adres, step)
        step("Pagina's opmaken")
        render(tree.config, motor, cache=root / ".cache")
        step("Zoekindex en webserverbestanden maken")
        finish(tree.site_dir, cache=root / ".cache")
        readable_by_all(tree.site_dir)
        swap_in(tree.site_dir, out_dir)
    except (GenerateError, RenderError, SearchIndexError, OSError) as exc:
        raise BuildError(f"De site kon niet worden gebouwd; {out_dir} is niet veranderd.\n{exc}") from None
    finally:
        shutil.rmtree(tree.folder, ignore_errors=True)


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
