"""The changelog: the "Wat is er veranderd" page data and the Atom feed.

Input: `content/wijzigingen.yaml` through the model. Output: entries with links
to the changed items (for `templates/wijzigingen.md.j2`) and `feed.xml` bytes.
The feed needs absolute links, so it takes the site's `site_url`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import UTC, datetime, time
from xml.etree import ElementTree as ET

from generators.inhoud.model import (
    Begrip,
    Inhoud,
    Item,
    Onderwerp,
    Overeenkomst,
    Praktijkvoorbeeld,
    Rapport,
    Route,
    Uitspraak,
    Wetsartikel,
    Wijziging,
)
from generators.inhoud.publication import item_ids
from generators.site import views
from generators.site.citations import article_page

PAGE = "wijzigingen.md"
FEED = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Link:
    label: str
    page: str  # site page (.md) the item lives on
    anchor: str


@dataclass(frozen=True)
class Entry:
    wijziging: Wijziging
    anchor: str
    links: list[Link]

    @property
    def title(self) -> str:
        versie = f"Versie {self.wijziging.versie}, " if self.wijziging.versie else ""
        return f"{versie}{views_date(self.wijziging)}"


def views_date(w: Wijziging) -> str:
    return f"{w.datum.day}-{w.datum.month}-{w.datum.year}"


def link(item: Item) -> Link:
    """Where an item is shown on the site, and how to name it."""
    if isinstance(item, Uitspraak):
        return Link(item.regel, views.onderwerp_page(item.onderwerp), item.id)
    if isinstance(item, Onderwerp):
        return Link(f"Onderwerp: {item.titel}", views.onderwerp_page(item.id), "")
    if isinstance(item, Route):
        return Link(f"Route: {item.naam}", views.route_page(item.id), "")
    if isinstance(item, Overeenkomst):
        return Link(f"Overeenkomst: {item.titel}", views.overeenkomst_page(item.id), "")
    if isinstance(item, Wetsartikel):
        return Link(f"Artikel {item.artikel} ({item.onderwerp})", article_page(item), "")
    if isinstance(item, Begrip):
        return Link(f"Begrip: {item.term}", "begrippen.md", item.id)
    if isinstance(item, Rapport):
        return Link(f"Bron: {item.titel} ({item.jaar})", "bronnen.md", f"rapport-{item.id}")
    if isinstance(item, Praktijkvoorbeeld):
        return Link(f"Praktijk: {item.titel}", "praktijk/index.md", item.id)
    return Link(str(getattr(item, "id", "")), "cijfers/index.md", "")


def entries(inhoud: Inhoud) -> list[Entry]:
    """Newest first; each with a stable anchor and links to what changed."""
    known = item_ids(inhoud)
    ordered = sorted(inhoud.wijzigingen, key=lambda w: (w.datum, w.versie or ""), reverse=True)
    out: list[Entry] = []
    for w in ordered:
        anchor = f"versie-{w.versie.replace('.', '-')}" if w.versie else f"wijziging-{w.datum.isoformat()}"
        out.append(Entry(w, anchor, [link(known[i]) for i in w.items if i in known]))
    return out


def _url(site_url: str, page: str, anchor: str = "") -> str:
    """Absolute URL of a .md page with directory URLs (`a/b.md` -> `a/b/`, `a/index.md` -> `a/`)."""
    path = page[: -len(".md")]
    path = posixpath.dirname(path) + "/" if posixpath.basename(path) == "index" else path + "/"
    path = path.lstrip("/")
    return site_url.rstrip("/") + "/" + path + (f"#{anchor}" if anchor else "")


def atom_feed(inhoud: Inhoud, site_name: str, site_url: str) -> bytes:
    """Atom 1.0 feed of the changelog, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    items = entries(inhoud)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    def stamp(e: Entry) -> str:
        return datetime.combine(e.wijziging.datum, time(0), tzinfo=UTC).isoformat().replace("+00:00", "Z")

    page_url = _url(site_url, PAGE)
    sub(feed, "id", page_url)
    sub(feed, "title", f"{site_name}: wat is er veranderd")
    sub(feed, "updated", stamp(items[0]) if items else "1970-01-01T00:00:00Z")
    sub(feed, "link", href=page_url, rel="alternate", type="text/html")
    sub(feed, "link", href=site_url.rstrip("/") + "/" + FEED, rel="self")
    sub(sub(feed, "author"), "name", "Redactie " + site_name)
    for e in items:
        entry = sub(feed, "entry")
        sub(entry, "id", _url(site_url, PAGE, e.anchor))
        sub(entry, "title", e.title)
        sub(entry, "updated", stamp(e))
        sub(entry, "link", href=_url(site_url, PAGE, e.anchor), rel="alternate", type="text/html")
        changed = "".join(f"\n- {lk.label}: {_url(site_url, lk.page, lk.anchor)}" for lk in e.links)
        sub(entry, "summary", e.wijziging.samenvatting + (f"\n\nVeranderd:{changed}" if changed else ""))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
