"""Where every page and file lives on the site, in one place, so links, navigation, changelog and feed agree.

A page is named by its mkdocs source path (`wet/index.md`), a file by its path below the site root
(`downloads/x.docx`). Markdown links between pages use `md_link` (mkdocs resolves `.md`); links that reach
the browser as data (JSON for a script) or leave the site (feed) use `url` or `absolute`, which follow
mkdocs' directory URLs.
"""

from __future__ import annotations

import posixpath

from generators.inhoud.model import Wetsartikel

HOME = "index.md"
STAPPENPLAN = "stappenplan/index.md"
UITSPRAKEN = "wat-moet-wat-mag/index.md"
WET = "wet/index.md"
ROUTES = "routes/index.md"
VAKCODES = "routes/vakcodetabel.md"
OVEREENKOMSTEN = "overeenkomsten/index.md"
PRAKTIJK = "praktijk/index.md"
CIJFERS = "cijfers/index.md"
BEGRIPPEN = "begrippen.md"
BRONNEN = "bronnen.md"
WIJZIGINGEN = "wijzigingen.md"
VEELGESTELDE_VRAGEN = "veelgestelde-vragen.md"
OVER = "over.md"
REDACTIE = "redactie.md"
FEED = "feed.xml"
STAPPENPLAN_BESTANDEN = "stappenplan"  # folder of the stappenplan's Word template


# Pages and files per item: the pattern is filled with the item's id.
onderwerp = "wat-moet-wat-mag/{}.md".format
route = "routes/{}.md".format
overeenkomst = "overeenkomsten/{}.md".format
samenstellen = "overeenkomsten/{}/samenstellen.md".format  # the form for one agreement
meerdere = "overeenkomsten/{}/meerdere.md".format  # 'Meerdere leerlingen tegelijk', next to the form
bestanden = "samenstellen/{}".format  # spec.json, template and fill-in files (the scripts find them here)
download = "downloads/{}.docx".format  # the blank agreement as a Word file


def wetsartikel(artikel: Wetsartikel) -> str:
    return f"wet/{artikel.wet}-{artikel.artikel.replace('.', '-').replace(':', '-')}.md"


def lid_anchor(lid: str | None, onderdeel: str | None = None) -> str:
    """The anchor of a lid (and onderdeel) on its article's page."""
    parts = [f"lid-{lid}"] if lid else []
    if onderdeel:
        parts.append(f"onderdeel-{onderdeel}" if not lid else onderdeel)
    return "-".join(parts)


def rapport(rapport_id: str) -> tuple[str, str]:
    """(page, anchor) of a report in the list of sources."""
    return BRONNEN, f"rapport-{rapport_id}"


def md_link(from_page: str, to: str, anchor: str = "") -> str:
    """A Markdown link target from one source page to another (or to a file)."""
    path = posixpath.relpath(to, posixpath.dirname(from_page) or ".")
    return f"{path}#{anchor}" if anchor else path


def site_path(to: str) -> str:
    """The path below the site root that mkdocs writes a page to ('wet/index.md' -> 'wet/'); files unchanged."""
    if not to.endswith(".md"):
        return to
    stem = to.removesuffix(".md")
    return stem.removesuffix("index") if posixpath.basename(stem) == "index" else stem + "/"


def url(from_page: str, to: str, anchor: str = "") -> str:
    """The relative URL of `to` as the browser sees it on the built page `from_page`."""
    target = site_path(to) or "./"
    link = posixpath.relpath(target, site_path(from_page).rstrip("/") or ".")
    link += "/" if target.endswith("/") and not link.endswith("/") else ""
    return f"{link}#{anchor}" if anchor else link


def absolute(site_url: str, to: str, anchor: str = "") -> str:
    """The full address of a page or file on the published site."""
    return site_url.rstrip("/") + "/" + site_path(to) + (f"#{anchor}" if anchor else "")
