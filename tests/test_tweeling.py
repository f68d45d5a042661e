"""The browser's twin, proven by generated cases: Python is the reference, the browser's modules run in node.

Thousands of inputs are generated from a fixed seed (so a failure repeats): typed values of every field type with
the tricks people and spreadsheets produce, rules across fields, `als` conditions, CSV text, rows and file names,
whole agreements filled into the DOCX template (`word/document.xml` byte-equal), and stappenplan answers (the plan
and the Word regions it keeps). tests/tweeling.js runs docs/javascripts/{regels,docx_vullen,zip,tabel,
stappenplan_filter}.js unchanged. Chromium tests remain only where a browser adds
something (events, downloads, focus, CSP).
"""

from __future__ import annotations

import base64
import io
import json
import random
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from helpers import ROOT, answer_of_browser, answer_of_python, copy_project, raw_of, valid_values, with_test_agreement

from generators.inhoud.content import load_content
from generators.inhoud.model import Overeenkomst
from generators.inhoud.publication import site_meta
from generators.inhoud.regelspec import WEEKDAGEN
from generators.inhoud.stappenplan import stappenplan
from generators.overeenkomsten.batch import (
    INVULBESTAND,
    SAFE_NAME_LIMIT,
    TabelError,
    parse_table,
    safe_name,
    table_rows,
)
from generators.overeenkomsten.documenten import Agreements
from generators.site.samenstellen import webform_files
from generators.site.stappenplan import page_data
from generators.site.stappenplan_docx import shown, sjabloon

SEED = 20261206
# Values that once needed care, tried first on the form tests' agreement (its fields: uren, vergoeding, ...).
KNOWN = {
    "uren": ["1,50", "007", " 12 ", "1.5", "1e3", "٣", "0", "1500", "1500,01", "12.000", "abc", "1,", "-0"],
    "vergoeding": ["-0", "-0,5", "00,50", "1234567,890", "\u00a0", "\ufeff1"],
    "begindatum": ["2026-02-29", "2028-02-29", "0000-01-01", "2026-13-01", " 2026-09-01 ", "2026-9-1"],
    "school_naam": ["\u00a0", "\x1c", " x ", "a\x0bb", "\ufffe", "tab\there", "🏫"],
    "taken": [["  "], [" a ", "", "b;c"], ["\x01"]],
    "sector": ["zorg", " techniek ", "Zorg"],
}
RUNNER = ROOT / "tests" / "tweeling.mjs"
CHARACTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 .,;:-_/'\"&<>*[]|{}()#~`\\"
    "éëïöüßçŞ̌ø🏫مد\u00a0\u202f\u2003\ufeff\t\n\r\x01\x0b\u2028⟦⟧"
)
DIGITS = "0123456789"


class Generator:
    """Values for each field type: mostly near the grammar's edges, sometimes plain noise."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def text(self, longest: int = 12) -> str:
        return "".join(self.r.choice(CHARACTERS) for _ in range(self.r.randint(0, longest)))

    def space(self) -> str:
        return self.r.choice(["", "", "", " ", "\u00a0", "\t", "\ufeff", "\u3000"])

    def number(self) -> Any:
        r = self.r
        if r.random() < 0.1:
            return r.choice([0, 7, 1200, -3, 2.5, 1e21, True, False, None, [], {}, "٣", "1e3", "--1", ","])
        whole = (
            str(r.randint(0, 20000)) if r.random() < 0.7 else "".join(r.choice(DIGITS) for _ in range(r.randint(1, 18)))
        )
        if r.random() < 0.3 and len(whole) > 3:  # grouped thousands, sometimes wrongly
            sep = r.choice([".", " ", "\u00a0", "\u202f", ","])
            groups = [whole[max(0, i - 3) : i] for i in range(len(whole), 0, -3)][::-1]
            whole = sep.join(groups) if r.random() < 0.8 else sep.join([whole[:2], whole[2:]])
        frac = "".join(r.choice(DIGITS) for _ in range(r.randint(1, 4))) if r.random() < 0.3 else ""
        mark = r.choice([",", ",", "."])
        sign = "-" if r.random() < 0.1 else ""
        return self.space() + sign + whole + (mark + frac if frac else "") + self.space()

    def date(self) -> Any:
        r = self.r
        if r.random() < 0.1:
            return r.choice(["2027-02-29", "2028-02-29", "0000-01-01", "2026-9-1", "30-02-2027", "", 20260901, None])
        year = r.choice([r.randint(2004, 2015), r.randint(2025, 2029), r.randint(1, 9999)])
        return f"{self.space()}{year:04d}-{r.randint(0, 13):02d}-{r.randint(0, 32):02d}{self.space()}"

    def time(self) -> Any:
        r = self.r
        if r.random() < 0.1:
            return r.choice(["24.00", "8u30", "7.5", "08:60", "", "8.30uur", " 8.30  uur", 830, None])
        hours = r.choice([r.randint(5, 20), r.randint(0, 25)])
        padded = f"{hours:02d}" if r.random() < 0.3 else str(hours)
        return f"{self.space()}{padded}{r.choice('.:')}{r.randint(0, 59):02d}{r.choice(['', '', ' uur'])}"

    def days(self) -> Any:
        r = self.r
        names = [w for day in WEEKDAGEN for w in day] + ["en", "zondagmiddag", "Di.", "weekend"]
        words = [r.choice(names) for _ in range(r.randint(0, 6))]
        words = [w.upper() if r.random() < 0.1 else w.capitalize() if r.random() < 0.1 else w for w in words]
        seps = [", ", " en ", ";", "/", " ", "\n", ",,"]
        return "".join(w + r.choice(seps) for w in words).rstrip() if r.random() < 0.95 else words

    def choice(self, keuzes: list[str]) -> Any:
        r = self.r
        pick = r.choice([*keuzes, "anders", "", *(["ja", "nee", True, False, "JA", " nee "] if not keuzes else [])])
        if isinstance(pick, str) and r.random() < 0.3:
            pick = self.space() + (pick.upper() if r.random() < 0.5 else pick) + self.space()
        return pick

    def items(self) -> Any:
        if self.r.random() < 0.5:
            return [self.text(8) for _ in range(self.r.randint(0, 4))]
        return self.text(30)

    def value(self, veld: Any) -> Any:
        kind = veld.type
        if self.r.random() < 0.05:
            return self.r.choice([None, "", "   ", ["a", "b"], {"x": 1}, 0, self.text()])
        if kind == "getal":
            return self.number()
        if kind == "datum":
            return self.date()
        if kind == "tijd":
            return self.time()
        if kind == "dagen":
            return self.days()
        if kind in ("keuze", "ja/nee"):
            return self.choice(veld.keuzes)
        if kind == "lijst":
            return self.items()
        return self.text()

    def raw(self, o: Overeenkomst, basis: dict[str, Any]) -> dict[str, Any]:
        """A valid basis with one to four fields changed; now and then an unknown field."""
        raw = dict(basis)
        for veld in self.r.sample(o.velden, self.r.randint(1, min(4, len(o.velden)))):
            value = self.value(veld)
            if value is None and self.r.random() < 0.5:
                raw.pop(veld.naam, None)
            else:
                raw[veld.naam] = value
        if self.r.random() < 0.03:
            raw["onbekend_veld"] = "x"
        return raw

    def csv_text(self) -> str:
        r = self.r
        cells = ['"', '""', '"a""b"', '"x\ny"', "a;b", "a,b", " ", "", "tekst", "ééé", '"open', 'x"y', "\r", "1.200"]
        lines = []
        for _ in range(r.randint(0, 5)):
            sep = r.choice([",", ";"])
            lines.append(sep.join(r.choice(cells) for _ in range(r.randint(0, 4))))
        return "".join(line + r.choice(["\n", "\r\n", "\r", ""]) for line in lines)

    def table(self) -> list[list[str]]:
        r = self.r
        headers = ["Naam van de leerling (leerling_naam)", "leerling_naam", "", "Startdatum (startdatum)", "x (y) (z)"]
        table = [[r.choice(headers) for _ in range(r.randint(0, 4))]] if r.random() < 0.95 else []
        for _ in range(r.randint(0, 4)):
            table.append([r.choice(["", "", "a", self.text(5)]) for _ in range(r.randint(0, 5))])
        return table


def plan_data(inhoud: Any) -> dict[str, Any]:
    """The JSON the stappenplan page embeds (its Word template is not needed to filter)."""
    return page_data(inhoud, sjabloon(inhoud, ROOT / "templates", site_meta(inhoud)))


def run_node(request: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "node ontbreekt; de testopdracht uit de README (bash dev.sh test) installeert het"
    done = subprocess.run(
        [node, str(RUNNER)], input=json.dumps(request), capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def plan_python(inhoud: Any, answers: dict[str, str]) -> dict[str, Any]:
    """Python's plan in the shape tests/tweeling.js gives the browser's."""
    plan = stappenplan(inhoud, answers)
    return {
        "open": [[f.fase.id, f.nu, [[b.rubriek.id, [u.id for u in b.items]] for b in f.blokken]] for f in plan.fasen],
        "klaar": [u.id for u in plan.klaar],
        "anderen": [[g.wie, [u.id for u in g.items]] for g in plan.anderen],
        "later": plan.later,
        "regios": sorted(shown(plan)),
    }


def answer_sets(inhoud: Any, gen: Generator, count: int) -> list[dict[str, str]]:
    """Answers a reader can give: each question that is asked, given the earlier answers, gets one of its answers
    (not the one that opens the route chooser)."""
    sets = []
    for _ in range(count):
        answers: dict[str, str] = {}
        for vraag in inhoud.vragen:
            if all(answers.get(v) in allowed for v, allowed in vraag.gesteld_als.items()):
                answers[vraag.id] = gen.r.choice([a.id for a in vraag.antwoorden if not a.naar_routekeuze])
        sets.append(answers)
    return sets


def csv_python(text: str) -> dict[str, Any]:
    try:
        return {"records": parse_table(text)}
    except TabelError as exc:
        return {"fout": str(exc)}


def rows_python(table: list[list[str]]) -> dict[str, Any]:
    try:
        return {"rijen": [[n, row] for n, row in table_rows(table)]}
    except TabelError as exc:
        return {"fout": str(exc)}


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The real agreements and the test agreement of the form tests (every field type), each with its inputs."""
    project = with_test_agreement(copy_project(tmp_path_factory.mktemp("tweeling")))
    found = load_content(project / "content").overeenkomsten
    gen = Generator(SEED)
    lwo = next(o for o in found if o.id == "leer-werkovereenkomst")
    groups = []
    for o in found:
        basis = raw_of({"invoer": {}}) if o is lwo else valid_values(o)
        count = 3000 if o is lwo else 800
        known = [{**basis, naam: value} for naam, values in KNOWN.items() for value in values if naam in basis]
        groups.append((o, known + [gen.raw(o, basis) for _ in range(count)]))
    inhoud = load_content(ROOT / "content")
    return {
        "inhoud": inhoud,
        "antwoorden": answer_sets(inhoud, gen, 300),
        "groups": groups,
        "lwo": lwo,
        "csv": [gen.csv_text() for _ in range(1500)],
        "tables": [gen.table() for _ in range(800)],
        "names": [gen.text(40) for _ in range(800)],
    }


def test_python_and_the_browser_answer_alike(cases: dict[str, Any]) -> None:
    builder = Agreements(ROOT, site_meta(load_content(ROOT / "content")))
    specs = {o.id: json.loads(webform_files(o, builder)[f"samenstellen/{o.id}/spec.json"]) for o, _ in cases["groups"]}
    lwo = cases["lwo"]
    python_checked = {o.id: [answer_of_python(o, raw) for raw in raws] for o, raws in cases["groups"]}
    valid = [
        raw
        for raw, got in zip(next(raws for o, raws in cases["groups"] if o is lwo), python_checked[lwo.id], strict=True)
        if "fouten" not in got
    ]
    filled = valid[:250]
    template = builder.template(lwo)
    request = {
        "regels": [{"spec": specs[o.id], "raws": raws} for o, raws in cases["groups"]],
        "docx": {"spec": specs[lwo.id], "sjabloon": base64.b64encode(template).decode(), "raws": filled},
        "csv": {"meldingen": INVULBESTAND, "teksten": cases["csv"]},
        "rijen": {"meldingen": INVULBESTAND, "tabellen": cases["tables"]},
        "namen": {"teksten": cases["names"], "limiet": SAFE_NAME_LIMIT},
        "stappenplan": {"plan": plan_data(cases["inhoud"]), "antwoorden": cases["antwoorden"]},
    }
    browser = run_node(request)
    differences: list[str] = []
    compared = {"waarden en regels": 0, "docx": 0, "csv": 0, "rijen": 0, "namen": 0, "stappenplan": 0}
    for (o, raws), answers in zip(cases["groups"], browser["regels"], strict=True):
        for raw, want, got in zip(raws, python_checked[o.id], answers, strict=True):
            compared["waarden en regels"] += 1
            if answer_of_browser(got) != want:
                differences.append(f"{o.id} {raw!r}: Python {want!r}, browser {answer_of_browser(got)!r}")
    for raw, xml in zip(filled, browser["docx"], strict=True):
        compared["docx"] += 1
        with zipfile.ZipFile(io.BytesIO(builder.tailored(lwo, raw))) as docx:
            if docx.read("word/document.xml").decode("utf-8") != xml:
                differences.append(f"document.xml verschilt voor {raw!r}")

    def compare(area: str, inputs: list[Any], answers: list[Any], python: Callable[[Any], Any]) -> None:
        for value, got in zip(inputs, answers, strict=True):
            compared[area] += 1
            want = python(value)
            if want != got:
                differences.append(f"{area} {value!r}: Python {want!r}, browser {got!r}")

    compare("csv", cases["csv"], browser["csv"], csv_python)
    compare("rijen", cases["tables"], browser["rijen"], rows_python)
    compare("namen", cases["names"], browser["namen"], safe_name)
    compare("stappenplan", cases["antwoorden"], browser["stappenplan"], lambda a: plan_python(cases["inhoud"], a))
    total = sum(compared.values())
    print(f"\nverschiltest: {total} gevallen vergeleken ({', '.join(f'{k}: {n}' for k, n in compared.items())})")
    assert total >= 5000 and compared["docx"] >= 100 and compared["stappenplan"] >= 100
    assert differences[:20] == [], f"{len(differences)} verschillen"
