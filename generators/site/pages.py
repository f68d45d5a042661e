"""Render the generated site pages from content with the Jinja templates.

Input: a valid `Inhoud` and the templates/ folder. Output: `SitePages`, the
Markdown of every generated page (path -> text) and the navigation. Nothing
is written to disk here; the mkdocs hook hands the pages to mkdocs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generators.inhoud.bronlabel import label
from generators.inhoud.formats import format_number
from generators.inhoud.model import Bron, Inhoud
from generators.overeenkomsten.markdown_text import md_escape
from generators.site import changelog, invulbestand, views
from generators.site import samenstellen as webform
from generators.site import stappenplan as plan
from generators.site.charts import chart_svg
from generators.site.citations import old_numbers, target
from generators.site.stappenplan_docx import sjabloon

# The form's scripts and style, only on the form pages: templates/theme/main.html loads what a page's
# front matter lists, so the other pages do not download ~30 KB they never run.
FORM_SCRIPTS = "javascripts/zip.js, javascripts/docx_vullen.js, javascripts/regels.js, javascripts/samenstellen.js"
FORM_ASSETS = f"---\nextra_css: [stylesheets/samenstellen.css]\nextra_javascript: [{FORM_SCRIPTS}]\n---\n"
# 'Meerdere leerlingen tegelijk' also runs meerdere.js (it loads the XLSX reader itself, only when needed).
MANY_ASSETS = FORM_ASSETS.replace(FORM_SCRIPTS, FORM_SCRIPTS + ", javascripts/meerdere.js")
# The same for the stappenplan: its script, the zip and template fill it shares with the form, and its style.
STAPPENPLAN_ASSETS = """---
extra_css: [stylesheets/stappenplan.css]
extra_javascript: [javascripts/zip.js, javascripts/docx_vullen.js, javascripts/stappenplan.js]
---
"""


@dataclass
class SitePages:
    pages: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)


class _Renderer:
    def __init__(self, templates: Path, inhoud: Inhoud, meta: dict[str, str]) -> None:
        self.inhoud = inhoud
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["esc"] = md_escape
        self.env.filters["getal"] = format_number
        self.env.globals.update(
            meta=meta, inhoud=inhoud, SOORT_LABEL=views.SOORT_LABEL, OPEN_VRAAG_LABEL=views.OPEN_VRAAG_LABEL
        )

    def render(self, page: str, template: str, **context: Any) -> str:
        def rel(to: str, anchor: str = "") -> str:
            path = posixpath.relpath(to, posixpath.dirname(page) or ".")
            return f"{path}#{anchor}" if anchor else path

        def cite(bron: Bron) -> str:
            to, anchor = target(bron, self.inhoud)
            text = f"[{md_escape(label(bron, self.inhoud))}]({rel(to, anchor)})"
            old = old_numbers(bron, self.inhoud)
            return text + (f" (was: {md_escape(old)})" if old else "")

        return self.env.get_template(template).render(page=page, rel=rel, cite=cite, **context)


def render_site(inhoud: Inhoud, templates: Path, meta: dict[str, str]) -> SitePages:
    r = _Renderer(templates, inhoud, meta)
    out = SitePages()
    topics = views.topics(inhoud)
    out.pages["wat-moet-wat-mag/index.md"] = r.render(
        "wat-moet-wat-mag/index.md", "uitspraken_index.md.j2", topics=topics
    )
    for topic in topics:
        page = views.onderwerp_page(topic.onderwerp.id)
        out.pages[page] = r.render(page, "onderwerp.md.j2", topic=topic)

    articles = views.articles(inhoud)
    out.pages["wet/index.md"] = r.render("wet/index.md", "wet_index.md.j2", articles=articles)
    for article in articles:
        out.pages[article.page] = r.render(article.page, "wetsartikel.md.j2", view=article)

    routes = inhoud.routes
    if routes:
        out.pages["routes/index.md"] = r.render("routes/index.md", "routes_index.md.j2", routes=routes)
        for route in routes:
            page = views.route_page(route.id)
            related = [u for u in inhoud.uitspraken if route.id in u.routes]
            out.pages[page] = r.render(page, "route.md.j2", route=route, uitspraken=related)
        out.pages[views.VAKCODES_PAGE] = r.render(
            views.VAKCODES_PAGE, "vakcodetabel.md.j2", profielen=sorted(inhoud.profielen, key=lambda p: p.vakcode)
        )

    tables = [views.table_view(t, inhoud) for t in inhoud.tabellen]
    for table in tables:
        table.chart = chart_svg(table)
    out.pages["cijfers/index.md"] = r.render("cijfers/index.md", "cijfers.md.j2", tables=tables)
    out.pages["begrippen.md"] = r.render(
        "begrippen.md", "begrippen.md.j2", begrippen=sorted(inhoud.begrippen, key=lambda b: b.term.lower())
    )
    out.pages["praktijk/index.md"] = r.render("praktijk/index.md", "praktijk.md.j2")
    out.pages["bronnen.md"] = r.render("bronnen.md", "bronnen.md.j2")
    out.pages[changelog.PAGE] = r.render(changelog.PAGE, "wijzigingen.md.j2", entries=changelog.entries(inhoud))

    out.pages[plan.PAGE] = STAPPENPLAN_ASSETS + r.render(
        plan.PAGE,
        "stappenplan.md.j2",
        data=plan.page_json(inhoud, sjabloon(inhoud, templates, meta)),
        overzicht=plan.url("wat-moet-wat-mag/index.md"),
    )
    out.pages["overeenkomsten/index.md"] = r.render("overeenkomsten/index.md", "overeenkomsten_index.md.j2")
    for o in inhoud.overeenkomsten:
        page = views.overeenkomst_page(o.id)
        out.pages[page] = r.render(
            page,
            "overeenkomst.md.j2",
            o=o,
            groups=views.field_groups(o),
            clause_text=lambda text, o=o: views.clause_text_for_site(text, o),
        )
        form = webform.form_page(o.id)
        out.pages[form] = FORM_ASSETS + r.render(
            form,
            "samenstellen.md.j2",
            o=o,
            groups=webform.form_groups(o),
            overeenkomst_page=page,
            files_dir=webform.files_dir(o.id),
            many_page=webform.many_page(o.id),
        )
        many = webform.many_page(o.id)
        out.pages[many] = MANY_ASSETS + r.render(
            many,
            "meerdere.md.j2",
            o=o,
            form_page=form,
            files_dir=webform.files_dir(o.id),
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
    nav: list[Any] = [{"Start": "index.md"}, {"Stappenplan op maat": plan.PAGE}]
    nav.append(
        {"Wat moet en wat mag": ["wat-moet-wat-mag/index.md"] + [views.onderwerp_page(t.onderwerp.id) for t in topics]}
    )
    if "routes/index.md" in pages:
        routes = ["routes/index.md"] + [views.route_page(r.id) for r in inhoud.routes] + [views.VAKCODES_PAGE]
        nav.append({"Routes naar mbo-2": routes})
    nav.append(
        {
            "Overeenkomsten": ["overeenkomsten/index.md"]
            + [
                p
                for o in inhoud.overeenkomsten
                for p in (views.overeenkomst_page(o.id), webform.form_page(o.id), webform.many_page(o.id))
            ]
        }
    )
    nav.append({"Wetsartikelen": ["wet/index.md"] + [a.page for a in articles]})
    nav.append({"Praktijk": "praktijk/index.md"})
    nav.append({"Cijfers": "cijfers/index.md"})
    nav.append({"Begrippen": "begrippen.md"})
    nav.append({"Veelgestelde vragen": "veelgestelde-vragen.md"})
    nav.append({"Over deze site": ["over.md", "bronnen.md", changelog.PAGE, "redactie.md"]})
    return nav
