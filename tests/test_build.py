"""`wmwm bouw`: atomic output, a Dutch search index, the DOCX download in the site."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from helpers import site_pages, snapshot

from generators.inhoud import content
from generators.inhoud.content import load_content
from generators.inhoud.load import load
from generators.inhoud.problems import ContentError, WmwmError
from generators.site.afwerking import without_indentation
from generators.site.bouw import BuildError, build_site
from generators.site.genereer import GenerateError, Tree, generate
from generators.site.motor import PAGE_CACHE, RenderError, render, zensical_command
from generators.site.publiceer import AddressError, PublishError
from generators.site.zoeken import SearchIndexError

pytestmark = pytest.mark.build


def test_site_has_dutch_search_index_and_downloads(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]  # Dutch stemming
    assert entry["languages"]["nl"]["page_count"] > 40
    fragments = [
        json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd") :])
        for p in (built_site / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    text = " ".join(f["content"] for f in fragments)
    assert "samenwerkingsovereenkomst" in text
    assert "buitenschoolse praktijkgedeelte" in text
    for name in ("samenwerkingsovereenkomst-lwt", "leer-werkovereenkomst"):
        assert (built_site / "downloads" / f"{name}.docx").stat().st_size > 5000
    assert (built_site / "wet" / "wvo2020-2-103" / "index.html").exists()


def test_every_tab_title_is_the_page_heading_and_unique(built_site: Path) -> None:
    """The menu names an article or a form briefly under its law or agreement; the browser tab still says in full
    which page it is, so titles are unique (WCAG 2.4.2) and equal the page's own heading."""
    titles: dict[str, str] = {}
    for path in site_pages(built_site):
        tree = lxml.html.parse(str(built_site / path.strip("/") / "index.html"))
        title = tree.findtext(".//title")
        for link in tree.iterfind(".//h1/a[@class='headerlink']"):
            link.drop_tree()
        heading = " ".join(tree.find(".//h1").text_content().split())
        if path != "/":
            assert title == f"{heading} - Wat moet en wat mag", path
        assert title not in titles, (path, titles.get(title))
        titles[title] = path
    assert titles["Art. 2.103 Wet voortgezet onderwijs 2020: Het leer-werktraject - Wat moet en wat mag"]
    assert len(titles) > 90


def test_broken_content_leaves_output_untouched(project: Path, built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    shutil.copytree(built_site, out)
    before = snapshot(out)
    (project / "content" / "uitspraken" / "aanbieden.yaml").write_text("uitspraken:\n  - id: [\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        build_site(project, out)
    assert str(err.value).startswith("content/uitspraken/aanbieden.yaml:3:1: YAML-syntaxfout")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "uit"]  # no half-built leftovers


def test_broken_page_link_and_anchor_fail_build_and_keep_output(
    project: Path, built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also: the build reads content/ once (the generate step is handed what `build_site` read)."""
    reads: list[Path] = []
    monkeypatch.setattr(content, "load", lambda d: reads.append(d) or load(d))
    out = tmp_path / "uit"
    shutil.copytree(built_site, out)
    before = snapshot(out)
    index = project / "docs" / "index.md"
    broken = "\n[kapot](bestaat-niet.md#nergens)\n\n[kapot anker](wet/wvo2020-2-103.md#lid-99)\n"
    index.write_text(index.read_text(encoding="utf-8") + broken, encoding="utf-8")
    with pytest.raises(BuildError) as err:
        build_site(project, out)
    assert "bestaat-niet.md" in str(err.value)
    assert "lid-99" in str(err.value)
    assert reads == [project / "content"]
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "uit"]


def main_text(page: Path) -> str:
    """The page's own text (the article), without the permalink signs after headings."""
    tree = lxml.html.parse(str(page))
    (article,) = tree.findall(".//article")
    for link in article.iterfind(".//a[@class='headerlink']"):
        link.drop_tree()
    return " ".join(article.text_content().split())


def test_both_engines_build_the_same_pages(built_project: Path, built_site: Path, tmp_path: Path) -> None:
    """zensical (Material's successor, installed by the test extras) renders the same generated tree as mkdocs:
    the same pages, each with the same title and main text. Any difference is listed with the page."""
    assert zensical_command(), "zensical ontbreekt: installeer de testextra's (pip install -e '.[test]')"
    out = tmp_path / "zensical"
    build_site(built_project, out, motor="zensical")
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) > 90
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == pages
    differences = []
    for page in pages:
        if page == "404.html":
            continue
        mine, theirs = lxml.html.parse(str(built_site / page)), lxml.html.parse(str(out / page))
        if mine.findtext(".//title") != theirs.findtext(".//title"):
            differences.append(f"{page}: titel {mine.findtext('.//title')!r} / {theirs.findtext('.//title')!r}")
        if main_text(built_site / page) != main_text(out / page):
            differences.append(f"{page}: hoofdtekst verschilt")
    assert differences == []
    assert not (out / "search.json").exists()  # zensical's own search index is dead weight here


def test_site_ships_no_dead_weight(built_site: Path, meting: Callable[[str], None]) -> None:
    """No theme search (lunr, its worker), no source maps, only the Pagefind files the search page loads; the
    table script only on pages with a table."""
    files = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()]
    assert [f for f in files if f.endswith(".map") or "lunr" in f or "/workers/" in f or f == "search.json"] == []
    assert sorted(f for f in files if f.startswith("pagefind/") and "/" not in f[9:] and not f.endswith(".gz")) == [
        "pagefind/pagefind-entry.json",
        "pagefind/pagefind-worker.js",
        "pagefind/pagefind.js",
        *sorted(f for f in files if re.fullmatch(r"pagefind/(pagefind\.nl_\w+\.pf_meta|wasm\.\w+\.pagefind)", f)),
    ]
    assert not [f for f in files if f.startswith("assets/") and "sourceMappingURL" in (built_site / f).read_text(
        encoding="utf-8", errors="replace")]  # fmt: skip
    with_table = with_script = 0
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        has_table, has_script = "<table" in text, "javascripts/tabellen.js" in text
        assert has_table == has_script, page
        with_table += has_table
        with_script += has_script
        if has_script:
            (src,) = re.findall(r'<script type="module" src="([^"]*tabellen\.js)"', text)
            assert (page.parent / src).resolve() == built_site / "javascripts" / "tabellen.js", page
    assert 0 < with_table < 40
    size = sum((built_site / f).stat().st_size for f in files if not f.endswith(".gz"))
    meting(f"site zonder .gz: {size / 1e6:.2f} MB, {with_table} pagina's met tabel(script)")


def test_host_headers_carry_the_policy_and_cache_rules(built_site: Path) -> None:
    """_headers (static hosts) and _nginx.conf carry one policy that allows what every page allows, forbids framing
    and names no other host; fingerprinted files are cached for a year, nothing else is."""
    rules: dict[str, dict[str, str]] = {}
    path = ""
    for line in (built_site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            path = line
            rules[path] = {}
        elif line.startswith("  "):
            name, _, value = line.strip().partition(": ")
            rules[path][name] = value
    policy = rules["/*"]["Content-Security-Policy"]
    assert policy.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'")
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and not re.search(r"https?:|\*|wss?:", policy)
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    for page in built_site.rglob("*.html"):
        (meta,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page.read_text("utf-8"))
        for directive in html.unescape(meta).split("; "):
            name, *sources = directive.split(" ")
            assert set(sources) <= set(directives[name].split(" ")), (page, name)
    cached = {p for p, headers in rules.items() if headers.get("Cache-Control")}
    assert all(rules[p]["Cache-Control"] == "public, max-age=31536000, immutable" for p in cached)
    bundles = [f"/{p.relative_to(built_site).as_posix()}" for p in built_site.glob("assets/javascripts/bundle.*.js")]
    assert bundles and set(bundles) <= cached and "/pagefind/fragment/*" in cached
    assert not [p for p in cached if p.endswith(".html") or p in ("/*", "/pagefind/pagefind.js")]
    assert len(rules) <= 100  # Cloudflare Pages reads at most 100 rules
    nginx = (built_site / "_nginx.conf").read_text(encoding="utf-8")
    assert nginx.count(f'add_header Content-Security-Policy "{policy}" always;') == 2  # server and cached files
    assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in nginx
    assert (built_site / "index.html.gz").stat().st_size < (built_site / "index.html").stat().st_size / 3


def test_template_errors_name_the_template_and_line(project: Path, tmp_path: Path) -> None:
    """A name or field a template does not have stops the build with one Dutch line: templates/file:line."""
    template = project / "templates" / "begrippen.md.j2"
    original = template.read_text(encoding="utf-8")
    lines = original.splitlines()
    field = next(i for i, line in enumerate(lines, start=1) if line.strip() == "{{ b.uitleg }}")
    inhoud = load_content(project / "content")
    cases = {
        original + "{{ onbekende_naam }}\n": f"templates/begrippen.md.j2:{len(lines) + 1}: "
        "'onbekende_naam' is niet gedefinieerd",
        original.replace("{{ b.uitleg }}", "{{ b.uitleg_tikfout }}"): f"templates/begrippen.md.j2:{field}: "
        "Begrip heeft geen attribuut 'uitleg_tikfout'",
        original + "{% if %}\n": f"templates/begrippen.md.j2:{len(lines) + 1}: fout in sjabloon: ",
    }
    for text, message in cases.items():
        template.write_text(text, encoding="utf-8")
        with pytest.raises(GenerateError) as err:
            generate(project, inhoud, Tree(tmp_path / "boom"))
        assert str(err.value).startswith(message), str(err.value)
        assert isinstance(err.value, WmwmError)


def test_build_errors_are_user_errors() -> None:
    """Every error of the build and of publishing is one the user can fix (the tree in inhoud/problems.py)."""
    for error in (GenerateError, RenderError, SearchIndexError, BuildError, PublishError, AddressError):
        assert issubclass(error, WmwmError), error


def test_converted_pages_are_kept_and_still_checked(project: Path, tmp_path: Path) -> None:
    """mkdocs keeps each converted page in the cache: a second render takes every page from it and writes the same
    bytes; a kept page's link to an anchor that has since gone still fails the build."""
    tree = Tree(tmp_path / "boom")
    generate(project, load_content(project / "content"), tree)
    index, over = tree.docs / "index.md", tree.docs / "over.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[Privacy](over.md#privacy)\n", encoding="utf-8")
    cache = tmp_path / "cache"
    render(tree.config, cache=cache)
    fresh = snapshot(tree.site_dir)
    kept = sorted((cache / PAGE_CACHE).glob("*.json"))
    assert len(kept) == len([p for p in fresh if p.endswith(".html")]) - 1  # every page but 404.html
    render(tree.config, cache=cache)
    assert snapshot(tree.site_dir) == fresh
    assert sorted((cache / PAGE_CACHE).glob("*.json")) == kept  # nothing converted again
    over.write_text(over.read_text(encoding="utf-8").replace("## Privacy", "## Persoonsgegevens"), encoding="utf-8")
    with pytest.raises(RenderError) as err:
        render(tree.config, cache=cache)
    assert "contains a link 'over.md#privacy'" in str(err.value)


def test_indentation_goes_but_shown_white_space_stays() -> None:
    """The finish step drops the theme's indentation; text inside pre, code, kbd, textarea, script and style, and
    attribute values, keep every space and line break."""
    kept = [
        "<pre><code>a\n    b\n\n  c</code></pre>",
        "<code>x\n   y</code>",
        "<kbd>Ctrl\n  C</kbd>",
        "<textarea>\n  regel\n</textarea>",
        "<script>if (a)\n    b();</script>",
        "<style>\n  a { color: red; }\n</style>",
        '<abbr title="twee\n    regels">x</abbr>',
        "<!-- opmerking\n    > met hoek -->",
    ]
    page = "<body>\n    <ul>\n      <li>\n        " + "\n      \n  ".join(kept) + "\n   </li>\n  </ul>\n</body>"
    assert without_indentation(page) == "<body>\n<ul>\n<li>\n" + "\n".join(kept) + "\n</li>\n</ul>\n</body>"
    assert without_indentation("<p>Een  zin\n     die doorloopt</p>") == "<p>Een  zin\ndie doorloopt</p>"


def test_a_warm_build_writes_the_same_site(built_project: Path, built_site: Path, tmp_path: Path) -> None:
    """Built again from its cache (converted and finished pages, .gz copies, the search index of unchanged pages),
    the site is the same, byte for byte."""
    build_site(built_project, tmp_path / "weer")
    assert snapshot(tmp_path / "weer") == snapshot(built_site)
