"""The browser's twin, proven by generated cases: Python is the reference, the browser's modules run in node.

Thousands of inputs are generated from a fixed seed (so a failure repeats): typed values of every field type with
the tricks people and spreadsheets produce, rules across fields, `als` conditions, CSV text, rows and file names,
whole agreements filled into the DOCX template (`word/document.xml` byte-equal), and stappenplan answers (the plan
and the Word regions it keeps). tests/tweeling.mjs imports docs/javascripts/{regels,docx_vullen,zip,tabel,
stappenplan_filter}.js unchanged. One test per area (the rules per agreement), so a run over several workers shares
them; each logs how many cases it compared. Chromium tests remain only where a browser adds something (events,
downloads, focus, CSP).
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
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, TEST_AGREEMENT, answer_of_browser, answer_of_python, raw_of, valid_values

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
NODE = ThreadPoolExecutor(max_workers=1)
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


def run_node(request: dict[str, Any]) -> Future[dict[str, Any]]:
    """The browser modules' answers to `request`, computed by node while Python computes its own."""
    node = shutil.which("node")
    assert node, "node ontbreekt; de testopdracht uit de README (bash dev.sh test) installeert het"

    def run() -> dict[str, Any]:
        done = subprocess.run(
            [node, str(RUNNER)], input=json.dumps(request), capture_output=True, text=True, check=False, timeout=600
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    return NODE.submit(run)


def plan_python(inhoud: Any, answers: dict[str, str]) -> dict[str, Any]:
    """Python's plan in the shape tests/tweeling.mjs gives the browser's."""
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


LWO = "leer-werkovereenkomst"
COUNTS = {LWO: 3000, "regels": 800, "docx": 250, "csv": 1500, "rijen": 800, "namen": 800, "stappenplan": 300}


class Twins:
    """The real agreements plus the form tests' agreement (every field type), loaded once per worker."""

    def __init__(self, content: Path) -> None:
        shutil.copytree(ROOT / "content", content)
        shutil.copy(TEST_AGREEMENT, content / "overeenkomsten" / TEST_AGREEMENT.name)
        self.agreements = {o.id: o for o in load_content(content).overeenkomsten}
        self.inhoud = load_content(ROOT / "content")
        self.builder = Agreements(ROOT, site_meta(self.inhoud))

    def raws(self, o: Overeenkomst, gen: Generator, count: int) -> list[dict[str, Any]]:
        """The known tricky values first, then `count` generated ones, each on a valid basis."""
        basis = raw_of({"invoer": {}}) if o.id == LWO else valid_values(o)
        known = [{**basis, naam: value} for naam, values in KNOWN.items() for value in values if naam in basis]
        return known + [gen.raw(o, basis) for _ in range(count)]

    def spec(self, o: Overeenkomst) -> dict[str, Any]:
        """The spec.json the site ships for `o` (the browser reads exactly this)."""
        return json.loads(webform_files(o, self.builder)[f"samenstellen/{o.id}/spec.json"])  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> Twins:
    return Twins(tmp_path_factory.mktemp("tweeling") / "content")


def compare(
    area: str,
    inputs: list[Any],
    python: Callable[[Any], Any],
    browser: Callable[[], list[Any]],
    meting: Callable[[str], None],
) -> None:
    """Every input answered alike; Python answers first, while node works. Logs the number compared (the run's
    summary lists every area)."""
    wanted = [python(value) for value in inputs]
    differences = [
        f"{area} {value!r}: Python {want!r}, browser {got!r}"
        for value, want, got in zip(inputs, wanted, browser(), strict=True)
        if want != got
    ]
    meting(f"verschiltest {area}: {len(inputs)} gevallen vergeleken")
    assert differences[:20] == [], f"{len(differences)} verschillen"


AGREEMENTS = [LWO, "samenwerkingsovereenkomst-lwt", "testovereenkomst-samenstellen"]


def test_every_agreement_is_compared(twins: Twins) -> None:
    assert sorted(twins.agreements) == sorted(AGREEMENTS)


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_values_and_rules_alike(twins: Twins, agreement: str, meting: Callable[[str], None]) -> None:
    o = twins.agreements[agreement]
    raws = twins.raws(o, Generator(f"{SEED}-{agreement}"), COUNTS.get(agreement, COUNTS["regels"]))
    node = run_node({"regels": [{"spec": twins.spec(o), "raws": raws}]})

    def browser() -> list[Any]:
        return [answer_of_browser(answer) for answer in node.result()["regels"][0]]

    compare(f"waarden en regels ({agreement})", raws, lambda raw: answer_of_python(o, raw), browser, meting)


def test_docx_alike(twins: Twins, meting: Callable[[str], None]) -> None:
    """Whole agreements filled in: `word/document.xml` of the browser's DOCX equals the CLI's, byte for byte."""
    o = twins.agreements[LWO]
    raws = [raw for raw in twins.raws(o, Generator(f"{SEED}-docx"), 1000) if "fouten" not in answer_of_python(o, raw)]
    raws = raws[: COUNTS["docx"]]
    assert len(raws) == COUNTS["docx"]
    template = base64.b64encode(twins.builder.template(o)).decode()
    node = run_node({"docx": {"spec": twins.spec(o), "sjabloon": template, "raws": raws}})

    def python(raw: dict[str, Any]) -> str:
        with zipfile.ZipFile(io.BytesIO(twins.builder.tailored(o, raw))) as docx:
            return docx.read("word/document.xml").decode("utf-8")

    compare("docx", raws, python, lambda: node.result()["docx"], meting)


def test_csv_rows_and_names_alike(meting: Callable[[str], None]) -> None:
    gen = Generator(f"{SEED}-tabel")
    texts = [gen.csv_text() for _ in range(COUNTS["csv"])]
    tables = [gen.table() for _ in range(COUNTS["rijen"])]
    names = [gen.text(40) for _ in range(COUNTS["namen"])]
    node = run_node(
        {
            "csv": {"meldingen": INVULBESTAND, "teksten": texts},
            "rijen": {"meldingen": INVULBESTAND, "tabellen": tables},
            "namen": {"teksten": names, "limiet": SAFE_NAME_LIMIT},
        }
    )
    compare("csv", texts, csv_python, lambda: node.result()["csv"], meting)
    compare("rijen", tables, rows_python, lambda: node.result()["rijen"], meting)
    compare("namen", names, safe_name, lambda: node.result()["namen"], meting)


def test_stappenplan_alike(twins: Twins, meting: Callable[[str], None]) -> None:
    inhoud = twins.inhoud
    answers = answer_sets(inhoud, Generator(f"{SEED}-stappenplan"), COUNTS["stappenplan"])
    node = run_node({"stappenplan": {"plan": plan_data(inhoud), "antwoorden": answers}})
    compare("stappenplan", answers, lambda a: plan_python(inhoud, a), lambda: node.result()["stappenplan"], meting)
