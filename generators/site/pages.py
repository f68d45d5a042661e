"""Render the generated site pages from content with the Jinja templates.

Input: a valid `Inhoud` and the templates/ folder. Output: `SitePages`, the
Markdown of every generated page (path -> text) and the navigation. Nothing
is written to disk here; the mkdocs hook hands the pages to mkdocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generators.inhoud.bronlabel import VERSIE_ONZEKER, label
from generators.inhoud.formats import format_number
from generators.inhoud.model import Bron, Inhoud
from generators.overeenkomsten.markdown_text import md_escape
from generators.site import changelog, invulbestand, urls, views
from generators.site import samenstellen as webform
from generators.site import stappenplan as plan
from generators.site.charts import chart_svg
from generators.site.citations import old_numbers, target
from generators.site.stappenplan_docx import sjabloon

# The form's script and style, only on the form pages: templates/theme/main.html loads what a page's
# front matter lists, so the other pages do not download ~30 KB they never run. A page lists its entry module;
# the modules it imports (regels.js, docx_vullen.js, zip.js, ...) come with it.
FORM_ASSETS = "---\nextra_css: [stylesheets/samenstellen.css]\nextra_javascript: [javascripts/samenstellen.js]\n---\n"
# 'Meerdere leerlingen tegelijk' runs meerdere.js (it loads the XLSX reader itself, only when needed).
MANY_ASSETS = FORM_ASSETS.replace("javascripts/samenstellen.js", "javascripts/meerdere.js")
# The same for the stappenplan: its script (it imports the template fill it shares with the form) and its style.
STAPPENPLAN_ASSETS = """---
extra_css: [stylesheets/samenstellen.css, stylesheets/stappenplan.css]
extra_javascript: [javascripts/stappenplan.js]
---
"""


@dataclass
class SitePages:
    pages: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)


class _Renderer:
    def __init__(
        self, templates: Path, inhoud: Inhoud, meta: dict[str, str], compiled: jinja2.BytecodeCache | None
    ) -> None:
        self.inhoud = inhoud
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            bytecode_cache=compiled,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["esc"] = md_escape
        self.env.filters["getal"] = format_number
        self.env.globals.update(
            meta=meta,
            inhoud=inhoud,
            urls=urls,
            SOORT_LABEL=views.SOORT_LABEL,
            OPEN_VRAAG_LABEL=views.OPEN_VRAAG_LABEL,
            WIE_LABEL=views.WIE_LABEL,
            VERSIE_ONZEKER=VERSIE_ONZEKER,
        )

    def render(self, page: str, template: str, **context: Any) -> str:
        def rel(to: str, anchor: str = "") -> str:
            return urls.md_link(page, to, anchor)

        def cite(bron: Bron) -> str:
            to, anchor = target(bron, self.inhoud)
            text = f"[{md_escape(label(bron, self.inhoud))}]({rel(to, anchor)})"
            old = old_numbers(bron, self.inhoud)
            return text + (f" (was: {md_escape(old)})" if old else "")

        return self.env.get_template(template).render(page=page, rel=rel, cite=cite, **context)


def render_site(
    inhoud: Inhoud, templates: Path, meta: dict[str, str], compiled: jinja2.BytecodeCache | None = None
) -> SitePages:
    """`compiled` keeps the compiled templates between builds (keyed by their source, so an edit recompiles)."""
    r = _Renderer(templates, inhoud, meta, compiled)
    out = SitePages()
    topics = views.topics(inhoud)
    out.pages[urls.UITSPRAKEN] = r.render(urls.UITSPRAKEN, "uitspraken_index.md.j2", topics=topics)
    for topic in topics:
        page = urls.onderwerp(topic.onderwerp.id)
        out.pages[page] = r.render(page, "onderwerp.md.j2", topic=topic)

    articles = views.articles(inhoud)
    out.pages[urls.WET] = r.render(urls.WET, "wet_index.md.j2", articles=articles)
    for article in articles:
        out.pages[article.page] = r.render(article.page, "wetsartikel.md.j2", view=article)

    routes = inhoud.routes
    if routes:
        out.pages[urls.ROUTES] = r.render(urls.ROUTES, "routes_index.md.j2", routes=routes)
        for route in routes:
            page = urls.route(route.id)
            related = [u for u in inhoud.uitspraken if route.id in u.routes]
            out.pages[page] = r.render(page, "route.md.j2", route=route, uitspraken=related)
        out.pages[urls.VAKCODES] = r.render(
            urls.VAKCODES, "vakcodetabel.md.j2", profielen=sorted(inhoud.profielen, key=lambda p: p.vakcode)
        )

    tables = [views.table_view(t, inhoud) for t in inhoud.tabellen]
    for table in tables:
        table.chart = chart_svg(table)
    out.pages[urls.CIJFERS] = r.render(urls.CIJFERS, "cijfers.md.j2", tables=tables)
    out.pages[urls.BEGRIPPEN] = r.render(
        urls.BEGRIPPEN, "begrippen.md.j2", begrippen=sorted(inhoud.begrippen, key=lambda b: b.term.lower())
    )
    out.pages[urls.PRAKTIJK] = r.render(urls.PRAKTIJK, "praktijk.md.j2")
    out.pages[urls.BRONNEN] = r.render(urls.BRONNEN, "bronnen.md.j2")
    out.pages[urls.WIJZIGINGEN] = r.render(urls.WIJZIGINGEN, "wijzigingen.md.j2", entries=changelog.entries(inhoud))

    out.pages[urls.STAPPENPLAN] = STAPPENPLAN_ASSETS + r.render(
        urls.STAPPENPLAN,
        "stappenplan.md.j2",
        data=plan.page_json(inhoud, sjabloon(inhoud, templates, meta)),
        overzicht=plan.url(urls.UITSPRAKEN),
    )
    out.pages[urls.OVEREENKOMSTEN] = r.render(urls.OVEREENKOMSTEN, "overeenkomsten_index.md.j2")
    for o in inhoud.overeenkomsten:
        page = urls.overeenkomst(o.id)
        out.pages[page] = r.render(
            page,
            "overeenkomst.md.j2",
            o=o,
            groups=views.field_groups(o),
            clause_text=lambda text, o=o: views.clause_text_for_site(text, o),
            leerbedrijf_plan=plan.plan_query(inhoud, "leerbedrijf", o.id),
        )
        form = urls.samenstellen(o.id)
        out.pages[form] = FORM_ASSETS + r.render(
            form,
            "samenstellen.md.j2",
            o=o,
            groups=webform.form_groups(o),
            overeenkomst_page=page,
            files_dir=urls.bestanden(o.id),
            many_page=urls.meerdere(o.id),
        )
        many = urls.meerdere(o.id)
        out.pages[many] = MANY_ASSETS + r.render(
            many,
            "meerdere.md.j2",
            o=o,
            form_page=form,
            files_dir=urls.bestanden(o.id),
            blank=invulbestand.file_names(o),
        )

    out.abbreviations = {
        b.afkorting: b.uitleg if len(b.uitleg) < 160 else b.term for b in inhoud.begrippen if b.afkorting
    }
    out.nav = _nav(out.pages, topics, articles, inhoud)
    return out


def _nav(
    pages: dict[str, str], topics: list[views.Topic], articles: list[views.ArticleView], inhoud: Inhoud
) -> list[Any]:
    nav: list[Any] = [{"Start": urls.HOME}, {"Stappenplan op maat": urls.STAPPENPLAN}]
    nav.append({"Wat moet en wat mag": [urls.UITSPRAKEN] + [urls.onderwerp(t.onderwerp.id) for t in topics]})
    if urls.ROUTES in pages:
        routes = [urls.ROUTES] + [urls.route(r.id) for r in inhoud.routes] + [urls.VAKCODES]
        nav.append({"Routes naar mbo-2": routes})
    # one group per agreement: its text and explanation, the form, the form for a whole group of pupils
    agreements: list[Any] = [
        {
            o.titel: [
                {"Uitleg en voorbeeldtekst": urls.overeenkomst(o.id)},
                {"Stel uw overeenkomst samen": urls.samenstellen(o.id)},
                {"Meerdere leerlingen tegelijk": urls.meerdere(o.id)},
            ]
        }
        for o in inhoud.overeenkomsten
    ]
    nav.append({"Overeenkomsten": [urls.OVEREENKOMSTEN, *agreements]})
    # one group per law, under its own name; the menu shows only the group of the page being read (navigation.prune)
    laws: dict[str, list[Any]] = {}
    for a in articles:
        laws.setdefault(a.wet_naam, []).append({f"Art. {a.artikel.artikel}: {a.artikel.onderwerp}": a.page})
    nav.append({"Wetsartikelen": [urls.WET] + [{naam: group} for naam, group in laws.items()]})
    nav.append({"Praktijk": urls.PRAKTIJK})
    nav.append({"Cijfers": urls.CIJFERS})
    nav.append({"Begrippen": urls.BEGRIPPEN})
    nav.append({"Veelgestelde vragen": urls.VEELGESTELDE_VRAGEN})
    nav.append({"Over deze site": [urls.OVER, urls.BRONNEN, urls.WIJZIGINGEN, urls.REDACTIE]})
    return nav
