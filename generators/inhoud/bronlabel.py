"""How a citation reads: 'art. 2.103 lid 6 WVO 2020', or a report's title and vindplaats.

In the bottom layer, so the site pages and the agreement rules write a source the same way.
"""

from __future__ import annotations

from generators.inhoud.model import Bron, Inhoud


def label(bron: Bron, inhoud: Inhoud) -> str:
    """Human label: 'art. 2.103 lid 6 WVO 2020' or the report title + vindplaats."""
    if bron.is_law:
        wet = next(w for w in inhoud.wetten if w.id == bron.wet)
        text = f"art. {bron.artikel}"
        if bron.lid:
            text += f" lid {bron.lid}"
        if bron.onderdeel:
            text += f" onderdeel {bron.onderdeel}"
        return f"{text} {wet.afkorting}"
    rapport = next(r for r in inhoud.rapporten if r.id == bron.rapport)
    where = f", {bron.vindplaats}" if bron.vindplaats else ""
    return f"{rapport.titel} ({rapport.jaar}){where}"
