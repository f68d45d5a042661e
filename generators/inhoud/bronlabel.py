"""How a citation reads: 'art. 2.103 lid 6 WVO 2020', or a report's title and vindplaats.

In the bottom layer, so the site pages and the agreement rules write a source the same way.
"""

from __future__ import annotations

from generators.inhoud.model import Bron, Inhoud

# After every citation of a law text whose version is uncertain; the article page has the full note.
VERSIE_ONZEKER = "versie onzeker: controleer de tekst op wetten.overheid.nl"


def label(bron: Bron, inhoud: Inhoud) -> str:
    """Human label: 'art. 2.103 lid 6 WVO 2020' or the report title + vindplaats."""
    if bron.is_law:
        wet = next(w for w in inhoud.wetten if w.id == bron.wet)
        text = f"art. {bron.artikel}"
        if bron.lid:
            text += f" lid {bron.lid}"
        if bron.onderdeel:
            text += f" onderdeel {bron.onderdeel}"
        artikel = next((a for a in inhoud.wetsartikelen if a.wet == bron.wet and a.artikel == bron.artikel), None)
        note = f" ({VERSIE_ONZEKER})" if artikel is not None and artikel.versie_onzeker else ""
        return f"{text} {wet.afkorting}{note}"
    rapport = next(r for r in inhoud.rapporten if r.id == bron.rapport)
    where = f", {bron.vindplaats}" if bron.vindplaats else ""
    return f"{rapport.titel} ({rapport.jaar}){where}"
