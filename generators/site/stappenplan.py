"""The page 'Stappenplan op maat': the declared questions and every statement the browser may select.

Input: a valid `Inhoud`. Output: the JSON the page embeds for docs/javascripts/stappenplan.js: the questions,
phases and blocks from content/stappenplan.yaml, per statement in a checklist phase its rule, label,
conditions, citations (links to the article lid on this site) and action, and the Word template's
regions. The browser applies the same filter as `generators.inhoud.stappenplan`; nothing here decides
which statement applies.
"""

from __future__ import annotations

import json
from typing import Any, get_args
from urllib.parse import urlencode

from generators.inhoud.bronlabel import label
from generators.inhoud.model import Actie, Inhoud, Uitspraak, Wie
from generators.inhoud.stappenplan import WIE_VRAAG
from generators.site import urls
from generators.site.citations import target
from generators.site.stappenplan_docx import FILE_NAME, NIETS_TE_DOEN, Sjabloon, klaar_als_text
from generators.site.views import OPEN_VRAAG_LABEL, SOORT_LABEL, WIE_LABEL


def url(to: str, anchor: str = "") -> str:
    """The link from this page to a page of the built site, or to a file (the page hands it to its script)."""
    return urls.url(urls.STAPPENPLAN, to, anchor)


def actie_link(actie: Actie) -> str:
    if actie.soort == "samenstellen":
        return url(urls.samenstellen(actie.overeenkomst))
    return url(urls.download(actie.overeenkomst))


def _item(u: Uitspraak, inhoud: Inhoud) -> dict[str, Any]:
    actie = next((a for a in inhoud.acties if a.id == u.actie), None)
    return {
        "id": u.id,
        "soort": u.soort,
        "label": SOORT_LABEL[u.soort],
        "wie": u.wie,
        "wie_label": WIE_LABEL[u.wie],
        "klaar_als_tekst": klaar_als_text(u, inhoud),
        "fase": u.fase,
        "regel": u.regel,
        "geldt_voor": u.geldt_voor,
        "klaar_als": u.klaar_als,
        "bronnen": [{"tekst": label(b, inhoud), "href": url(*target(b, inhoud))} for b in u.bronnen],
        "actie": {"tekst": actie.tekst, "href": actie_link(actie)} if actie else None,
        "open_vraag": (
            {"label": OPEN_VRAAG_LABEL[u.open_vraag.soort], "tekst": u.open_vraag.tekst} if u.open_vraag else None
        ),
    }


def page_data(inhoud: Inhoud, sjabloon: Sjabloon) -> dict[str, Any]:
    fasen = [f for f in inhoud.fasen if f.in_stappenplan]
    in_plan = {f.id for f in fasen}
    return {
        "vragen": [v.model_dump(mode="json") for v in inhoud.vragen],
        "fasen": [f.model_dump(mode="json", include={"id", "titel", "uitleg", "nu_als"}) for f in fasen],
        "wie_vraag": WIE_VRAAG,
        "partijen": [{"id": p, "label": WIE_LABEL[p]} for p in get_args(Wie)],
        "rubrieken": [r.model_dump(mode="json") for r in inhoud.rubrieken],
        "uitspraken": [_item(u, inhoud) for u in inhoud.uitspraken if u.fase in in_plan],
        "routes": [
            {"naam": r.naam, "samenvatting": r.samenvatting, "href": url(urls.route(r.id))}
            for r in inhoud.routes
            if r.id in _chooser_answers(inhoud)
        ],
        "vergelijking": url(urls.ROUTES),
        "word": {"sjabloon": url(sjabloon.name), "regios": sjabloon.keys, "bestandsnaam": FILE_NAME},
        "niets_te_doen": NIETS_TE_DOEN,
    }


def _chooser_answers(inhoud: Inhoud) -> set[str]:
    """The routes the short route chooser explains: the other answers of the question that leads to it."""
    return {a.id for v in inhoud.vragen if any(a.naar_routekeuze for a in v.antwoorden) for a in v.antwoorden}


def page_json(inhoud: Inhoud, sjabloon: Sjabloon) -> str:
    """JSON safe inside a <script> element on one line (Markdown leaves one-line raw HTML alone)."""
    text = json.dumps(page_data(inhoud, sjabloon), ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/")


def plan_query(inhoud: Inhoud, wie: str, overeenkomst: str) -> str:
    """The address of a party's plan from an agreement page: '?wie=…', with the route when every statement whose
    action makes this agreement names the same one route (the party then answers only the remaining questions)."""
    acties = {a.id for a in inhoud.acties if a.overeenkomst == overeenkomst}
    routes = {r for u in inhoud.uitspraken if u.actie in acties for r in u.geldt_voor.get("route", [])}
    query = {WIE_VRAAG: wie} | ({"route": routes.pop()} if len(routes) == 1 else {})
    return "?" + urlencode(query)
