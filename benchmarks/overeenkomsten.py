"""Benchmark: tailoring agreements in-process vs. running pandoc per document.

Prints, from one run on this machine:
  (a) median ms per document when pandoc renders each tailored document,
  (b) median ms per document with the project's way (template DOCX once, values filled in-process),
  the ratio a/b, and wall time + peak memory of a batch of 1,000 leer-werkovereenkomsten (and of 100, to show that
  memory stays flat in the batch size). Targets: ratio >= 15x; 1,000 documents <= 10 s; peak < 300 MB.

Run: .venv/bin/python benchmarks/overeenkomsten.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import valid_values, write_csv  # noqa: E402

from generators.inhoud.content import load_content  # noqa: E402
from generators.inhoud.publication import site_meta  # noqa: E402
from generators.overeenkomsten.documenten import Agreements  # noqa: E402
from generators.overeenkomsten.markdown import render_markdown  # noqa: E402
from generators.overeenkomsten.markdown_text import pandoc_escape  # noqa: E402
from generators.overeenkomsten.regels import check_values  # noqa: E402

BATCH_SCRIPT = """
import resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from generators.overeenkomsten.documenten import Agreements
from generators.overeenkomsten.batch import read_rows, run_batch
from generators.inhoud.content import load_content
from generators.inhoud.publication import site_meta
inhoud = load_content(Path({root!r}) / "content")
o = next(o for o in inhoud.overeenkomsten if o.id == "leer-werkovereenkomst")
builder = Agreements(Path({root!r}), site_meta(inhoud))
start = time.perf_counter()
result = run_batch(builder, o, read_rows(Path(sys.argv[1])), Path(sys.argv[2]))
wall = time.perf_counter() - start
print(len(result.written), len(result.failed), wall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def pandoc_per_document(builder: Agreements, o, values: dict, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The naive way: values (escaped) into the Markdown, then pandoc for every document."""
    import pypandoc

    from generators.docx.template import _reference

    shown = check_values(o, values).teksten
    markdown = render_markdown(o, builder.meta, builder.templates)
    for name, value in shown.items():
        markdown = markdown.replace(pandoc_escape(f"⟦{name}⟧"), pandoc_escape(value))
    ref = out.parent / "reference.docx"
    if not ref.exists():
        ref.write_bytes(_reference())
    pypandoc.convert_text(
        markdown, "docx", format="markdown", outputfile=str(out), extra_args=[f"--reference-doc={ref}"]
    )


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def batch(rows: int, work: Path, o) -> tuple[int, float, float]:  # type: ignore[no-untyped-def]
    csv_path = work / f"rijen-{rows}.csv"
    values = [valid_values(o, f"Leerling {i} <&> *{i}*") for i in range(rows)]
    write_csv(csv_path, values)
    script = work / "batch.py"
    script.write_text(BATCH_SCRIPT.format(root=str(ROOT)), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script), str(csv_path), str(work / f"uit-{rows}")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    written, failed, wall, peak = int(out[0]), int(out[1]), float(out[2]), float(out[3])
    assert written == rows and failed == 0, out
    return written, wall, peak


def main() -> None:
    inhoud = load_content(ROOT / "content")
    builder = Agreements(ROOT, site_meta(inhoud))
    o = next(o for o in inhoud.overeenkomsten if o.id == "leer-werkovereenkomst")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        builder.tailored(o, valid_values(o))  # warm the template cache, as a site build does
        naive = median_ms(lambda i: pandoc_per_document(builder, o, valid_values(o, f"L{i}"), work / f"p{i}.docx"), 15)
        ours = median_ms(
            lambda i: (work / f"o{i}.docx").write_bytes(builder.tailored(o, valid_values(o, f"L{i}"))), 200
        )
        print(f"pandoc per document:      {naive:8.1f} ms (median of 15)")
        print(f"project (fill in-process): {ours:8.2f} ms (median of 200)")
        print(f"ratio:                     {naive / ours:8.1f}x (target >= 15x)")
        for rows in (100, 1000):
            written, wall, peak = batch(rows, work, o)
            print(f"batch {written:5d} documents:   {wall:6.2f} s wall, peak memory {peak:6.1f} MB")


if __name__ == "__main__":
    main()
