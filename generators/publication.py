"""Version and date of the published content, shown on every page and DOCX."""

from __future__ import annotations

from .model import Inhoud

VERSIE = "0.1"
PEILDATUM = "2026-08-01"


def site_meta(inhoud: Inhoud) -> dict[str, str]:
    """Version metadata; the law texts' validity date is the peildatum."""
    dates = sorted({a.geldig_vanaf for a in inhoud.wetsartikelen})
    peildatum = dates[-1].isoformat() if dates else PEILDATUM
    y, m, d = peildatum.split("-")
    return {"versie": VERSIE, "peildatum": peildatum, "peildatum_tekst": f"{int(d)}-{int(m)}-{y}"}
