"""The declared rules: one table of cases (tests/gevallen/invoer.yaml), answered alike by Python and the browser.

Python runs `regels.check_values`; Chromium runs docs/javascripts/regels.js on the same spec.json content
(`Overeenkomst.spec`) with no other script on the page. Both must give exactly the table's answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import CASES, ROOT, TABLE, answer_of_browser, answer_of_python, raw_of

from generators.inhoud.content import load_content

INHOUD = load_content(ROOT / "content")
AGREEMENT = next(o for o in INHOUD.overeenkomsten if o.id == TABLE["overeenkomst"])
REGELS_JS = ROOT / "docs" / "javascripts" / "regels.js"
# The module, unchanged, imported into the page (a blob: URL, so no server is needed) and run on every raw input.
IMPORT_AND_CHECK = """async ([source, spec, raws]) => {
  const { check } = await import(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  return raws.map((raw) => check(spec, raw));
}"""


def python_answer(raw: dict[str, Any]) -> dict[str, Any]:
    return answer_of_python(AGREEMENT, raw)


def differences(answer: dict[str, Any], verwacht: dict[str, Any]) -> list[str]:
    """What in `answer` differs from the table's `verwacht`; empty when it answers the case."""
    if "fouten" in verwacht or "fouten" in answer:
        return [] if answer.get("fouten") == verwacht.get("fouten") else [f"fouten: {answer.get('fouten')}"]
    out = []
    for key in ("waarden", "teksten"):
        for naam, want in verwacht.get(key, {}).items():
            if answer[key].get(naam, "<ontbreekt>") != want:
                out.append(f"{key}.{naam}: {answer[key].get(naam, '<ontbreekt>')!r} (verwacht {want!r})")
    if answer["waarschuwingen"] != verwacht.get("waarschuwingen", []):
        out.append(f"waarschuwingen: {answer['waarschuwingen']}")
    return out


def test_the_table_is_broad() -> None:
    assert len(CASES) >= 40
    names = [c["naam"] for c in CASES]
    assert len(names) == len(set(names))
    touched = {naam for c in CASES for naam in c["invoer"]}
    for regel in AGREEMENT.regels:  # every rule of the agreement is tried by at least one case
        assert set(regel.velden) & touched, regel.soort
    assert python_answer(raw_of({"invoer": {}})).get("fouten") is None, "de basis zelf is geldig"


@pytest.mark.parametrize("case", CASES, ids=[c["naam"] for c in CASES])
def test_python_answers_the_table(case: dict[str, Any]) -> None:
    assert differences(python_answer(raw_of(case)), case["verwacht"]) == []


@pytest.mark.browser
def test_browser_answers_the_table(browser) -> None:  # type: ignore[no-untyped-def]
    """regels.js on an otherwise empty page: every case, the same answer as the table and as Python."""
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html lang='nl'><title>regels</title></html>")
        spec = json.loads(json.dumps(AGREEMENT.spec))
        raws = [raw_of(c) for c in CASES]
        results = page.evaluate(IMPORT_AND_CHECK, [REGELS_JS.read_text(encoding="utf-8"), spec, raws])
    finally:
        page.close()
    failures = {}
    for case, raw, result in zip(CASES, raws, results, strict=True):
        got = answer_of_browser(result)
        problems = differences(got, case["verwacht"])
        if got != python_answer(raw):
            problems.append("antwoordt anders dan Python")
        if problems:
            failures[case["naam"]] = problems
    assert failures == {}


def test_every_rule_cites_its_law_or_reason() -> None:
    for o in INHOUD.overeenkomsten:
        for regel in o.regels:
            assert regel.bronnen or regel.reden or all(g.bronnen for g in regel.grenzen), (o.id, regel.soort)


def test_no_limit_is_typed_in_code() -> None:
    """The age of majority and the limits of art. 2.38 lid 9 live in content/parameters.yaml, not in code."""
    code = [
        *sorted((ROOT / "generators").rglob("*.py")),
        *sorted((ROOT / "docs" / "javascripts").glob("*.js")),
        *sorted((ROOT / "templates").rglob("*.j2")),
    ]
    waarden = {str(int(p.waarde)) for p in INHOUD.parameters}
    assert {"18", "640", "1280", "80", "160"} <= waarden
    for path in code:
        text = Path(path).read_text(encoding="utf-8")
        for number in ("640", "1280", "1.280"):
            assert number not in text, f"{path} bevat {number}"
