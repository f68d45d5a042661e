"""One form of address: the site says "u" to its readers everywhere (GOV.UK and NL Design System: choose one and
keep to it). The pages, the forms and their scripts, the Word, Excel and CSV files of the built site, and every
message `wmwm` prints are scanned for the other form ("je", "jouw", "jij", "jullie", "jou", "jezelf")."""

from __future__ import annotations

import ast
import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from helpers import ROOT

OTHER_FORM = re.compile(r"\b(je|jouw|jij|jullie|jou|jezelf)\b", re.IGNORECASE)

# What may keep the other form, and why. Nothing a reader is told; each entry is one exact text.
ALLOWED = {
    # docs/javascripts/zoeken.js: the words the search ignores in a question ("hoe moet je ..."); never shown
    "zoeken.js": "ik in is je",
}


def other_form(text: str) -> list[str]:
    """The words of the other form in a text, with some context, in order."""
    return [text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ") for m in OTHER_FORM.finditer(text)]


def test_the_scan_finds_the_other_form() -> None:
    """The scan below is not empty by construction: it finds each word, in any case, only as a word."""
    assert len(other_form("Bewaar je antwoorden. Jouw school, jij en jullie; Je downloads.")) == 5
    assert other_form("Het meisje van de jeugdige leerling, uw jaren") == []


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [n for n in z.namelist() if n.endswith(".xml") and n.startswith(("word/", "xl/", "docProps/"))]
        return " ".join(re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8")) for n in parts)


@pytest.mark.build
def test_no_page_form_or_document_of_the_built_site_says_je(built_site: Path) -> None:
    found: dict[str, list[str]] = {}
    kinds: dict[str, int] = {}
    for path in sorted(built_site.rglob("*")):
        if not path.is_file() or "vendor" in path.parts:
            continue
        if path.suffix == ".js" and path.parent != built_site / "javascripts":
            continue  # the theme's minified code (mkdocs-material), no text of this site
        suffix = path.suffix
        if suffix == ".html":
            text = lxml.html.parse(str(path)).getroot().text_content()  # inline data (the stappenplan) included
        elif suffix in (".js", ".json", ".csv", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
        elif suffix in (".docx", ".xlsx"):
            text = _docx_text(path.read_bytes())
        else:
            continue
        kinds[suffix] = kinds.get(suffix, 0) + 1
        allowed = ALLOWED.get(path.name)
        if allowed:
            assert allowed in text, f"{path.name}: de uitzondering staat er niet meer in; haal haar weg"
            text = text.replace(allowed, "")
        if hits := other_form(text):
            found[str(path.relative_to(built_site))] = hits
    assert found == {}
    # every kind of file a reader gets was scanned
    assert kinds.get(".html", 0) > 50 and kinds.get(".docx", 0) >= 3 and kinds.get(".js", 0) >= 5
    assert kinds.get(".xlsx", 0) >= 1 and kinds.get(".csv", 0) >= 1


def _messages(path: Path) -> list[str]:
    """The string constants of a Python file that are not docstrings: what it can print or show."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_message_of_wmwm_says_je() -> None:
    """controleer, beoordeel, the CLI's help and the rule messages: every string in generators/ and in
    content/ (the texts and the rule messages an editor or a school reads)."""
    found = {
        str(path.relative_to(ROOT)): hits
        for path in sorted((ROOT / "generators").rglob("*.py"))
        if (hits := [h for text in _messages(path) for h in other_form(text)])
    }
    found |= {
        str(path.relative_to(ROOT)): hits
        for path in sorted((ROOT / "content").rglob("*.yaml"))
        if (hits := other_form(path.read_text(encoding="utf-8")))
    }
    assert found == {}
    assert len(list((ROOT / "generators").rglob("*.py"))) > 30
