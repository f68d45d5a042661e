"""The changelog: the "Wat is er veranderd" page data and the Atom feed.

Input: `content/wijzigingen.yaml` through the model. Output: entries with links
to the changed items (for `templates/wijzigingen.md.j2`) and `feed.xml` bytes.
The feed needs absolute links, so it takes the site's `site_url`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from xml.etree import ElementTree as ET

from generators.inhoud.bronlabel import VERSIE_ONZEKER
from generators.inhoud.formats import format_date_short
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
from generators.site import urls

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
        return f"{versie}{format_date_short(self.wijziging.datum)}"


def link(item: Item) -> Link:
    """Where an item is shown on the site, and how to name it."""
    if isinstance(item, Uitspraak):
        return Link(item.regel, urls.onderwerp(item.onderwerp), item.id)
    if isinstance(item, Onderwerp):
        return Link(f"Onderwerp: {item.titel}", urls.onderwerp(item.id), "")
    if isinstance(item, Route):
        return Link(f"Route: {item.naam}", urls.route(item.id), "")
    if isinstance(item, Overeenkomst):
        return Link(f"Overeenkomst: {item.titel}", urls.overeenkomst(item.id), "")
    if isinstance(item, Wetsartikel):
        note = f"; {VERSIE_ONZEKER}" if item.versie_onzeker else ""
        return Link(f"Artikel {item.artikel} ({item.onderwerp}{note})", urls.wetsartikel(item), "")
    if isinstance(item, Begrip):
        return Link(f"Begrip: {item.term}", urls.BEGRIPPEN, item.id)
    if isinstance(item, Rapport):
        return Link(f"Bron: {item.titel} ({item.jaar})", *urls.rapport(item.id))
    if isinstance(item, Praktijkvoorbeeld):
        return Link(f"Praktijk: {item.titel}", urls.PRAKTIJK, item.id)
    return Link(str(getattr(item, "id", "")), urls.CIJFERS, "")


def entries(inhoud: Inhoud) -> list[Entry]:
    """Newest first; each with a stable anchor and links to what changed."""
    known = item_ids(inhoud)
    ordered = sorted(inhoud.wijzigingen, key=lambda w: (w.datum, w.versie or ""), reverse=True)
    out: list[Entry] = []
    for w in ordered:
        anchor = f"versie-{w.versie.replace('.', '-')}" if w.versie else f"wijziging-{w.datum.isoformat()}"
        out.append(Entry(w, anchor, [link(known[i]) for i in w.items if i in known]))
    return out


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

    page_url = urls.absolute(site_url, urls.WIJZIGINGEN)
    sub(feed, "id", page_url)
    sub(feed, "title", f"{site_name}: wat is er veranderd")
    sub(feed, "updated", stamp(items[0]) if items else "1970-01-01T00:00:00Z")
    sub(feed, "link", href=page_url, rel="alternate", type="text/html")
    sub(feed, "link", href=urls.absolute(site_url, urls.FEED), rel="self")
    sub(sub(feed, "author"), "name", "Redactie " + site_name)
    for e in items:
        entry = sub(feed, "entry")
        sub(entry, "id", urls.absolute(site_url, urls.WIJZIGINGEN, e.anchor))
        sub(entry, "title", e.title)
        sub(entry, "updated", stamp(e))
        sub(entry, "link", href=urls.absolute(site_url, urls.WIJZIGINGEN, e.anchor), rel="alternate", type="text/html")
        changed = "".join(f"\n- {lk.label}: {urls.absolute(site_url, lk.page, lk.anchor)}" for lk in e.links)
        sub(entry, "summary", e.wijziging.samenvatting + (f"\n\nVeranderd:{changed}" if changed else ""))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
