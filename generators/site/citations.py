"""How a citation reads and where it points on the site.

Shared by site pages and agreement texts, so a source is written the same
way everywhere ("art. 2.103 lid 6 WVO 2020").
"""

from __future__ import annotations

from generators.inhoud.model import Bron, Inhoud, Wetsartikel
from generators.site import urls


def old_numbers(bron: Bron, inhoud: Inhoud) -> str:
    """The provisions the cited article replaced, as 'art. 10b7 WVO'; empty if none."""
    artikel = find_article(bron, inhoud)
    if artikel is None:
        return ""
    old = [o for o in artikel.vervangt if not o.voor_leden or bron.lid is None or bron.lid in o.voor_leden]
    return "; ".join(f"art. {o.artikel} {o.afkorting}" for o in old)


def find_article(bron: Bron, inhoud: Inhoud) -> Wetsartikel | None:
    if not bron.is_law:
        return None
    return next((a for a in inhoud.wetsartikelen if a.wet == bron.wet and a.artikel == bron.artikel), None)


def target(bron: Bron, inhoud: Inhoud) -> tuple[str, str]:
    """(page, anchor) a citation links to on the site."""
    artikel = find_article(bron, inhoud)
    if artikel is not None:
        return urls.wetsartikel(artikel), urls.lid_anchor(bron.lid, bron.onderdeel)
    return urls.rapport(bron.rapport or "")
