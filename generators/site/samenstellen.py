"""The browser form 'Stel je overeenkomst samen': what the static site ships so the browser can build the DOCX itself.

Input: an `Overeenkomst`, the project root and site metadata. Output: the form view for
`templates/samenstellen.md.j2`, and static files per agreement: its one template DOCX (from `Agreements.template`,
the same bytes the CLI fills) and `spec.json` with the fields, the rules of `values`, its messages, the display
formats and the conditions the template's regions are marked with. `docs/javascripts/samenstellen.js` reads that
spec; nothing is written per agreement by hand, and the pupil's data never leaves the browser.
"""

from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generators.inhoud.formats import MONTHS, format_number
from generators.inhoud.model import Inhoud, Overeenkomst, Veld
from generators.overeenkomsten.documenten import Agreements
from generators.overeenkomsten.markdown import conditions
from generators.overeenkomsten.values import MELDINGEN, XML_INVALID
from generators.site.views import field_groups

RADIO_LIMIT = 5  # more choices than this: a select instead of radios


def form_page(overeenkomst_id: str) -> str:
    return f"overeenkomsten/{overeenkomst_id}/samenstellen.md"


def files_dir(overeenkomst_id: str) -> str:
    """Site folder with spec.json and the template (the script finds it next to itself)."""
    return f"samenstellen/{overeenkomst_id}"


@dataclass(frozen=True)
class FormField:
    """One field as the form shows it."""

    veld: Veld
    control: str  # input, textarea, radios, select
    input_type: str  # text or date (for control 'input')

    @property
    def naam(self) -> str:
        return self.veld.naam

    @property
    def hint(self) -> str:
        """The field's own help, plus how to write the answer where the type asks for it."""
        v = self.veld
        extra = ""
        if v.type == "lijst":
            extra = "Zet elk onderdeel op een eigen regel."
        elif v.type == "getal" and v.min is not None and v.max is not None:
            extra = f"Een getal van {format_number(v.min)} tot en met {format_number(v.max)}."
        elif v.type == "getal" and v.min is not None:
            extra = f"Een getal van ten minste {format_number(v.min)}."
        elif v.type == "getal" and v.max is not None:
            extra = f"Een getal van ten hoogste {format_number(v.max)}."
        return " ".join(t for t in (v.hulp, extra) if t)


def _control(veld: Veld) -> tuple[str, str]:
    if veld.type == "tekst":
        return ("textarea", "") if veld.meerdere_regels else ("input", "text")
    if veld.type == "datum":
        return "input", "date"
    if veld.type == "getal":
        return "input", "text"  # GOV.UK: inputmode=decimal, not type=number (accepts '1,5', no spinner surprises)
    if veld.type == "keuze":
        return ("radios" if len(veld.keuzes) <= RADIO_LIMIT else "select"), ""
    if veld.type == "ja/nee":
        return "radios", ""
    return "textarea", ""  # lijst: one item per line


def form_groups(o: Overeenkomst) -> list[tuple[str, list[FormField]]]:
    return [(groep, [FormField(v, *_control(v)) for v in velden]) for groep, velden in field_groups(o)]


def _plain(value: Decimal) -> str:
    return f"{value:f}"


def _field_spec(veld: Veld) -> dict[str, Any]:
    item: dict[str, Any] = {"naam": veld.naam, "type": veld.type, "label": veld.label, "verplicht": veld.verplicht}
    if veld.min is not None:
        item["min"], item["min_tekst"] = _plain(veld.min), format_number(veld.min)
    if veld.max is not None:
        item["max"], item["max_tekst"] = _plain(veld.max), format_number(veld.max)
    if veld.keuzes:
        item["keuzes"] = list(veld.keuzes)
    if veld.als is not None:
        item["als"] = {"veld": veld.als.veld, "is": list(veld.als.is_)}
    return item


def _ranges(chars: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for c in chars:
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return out


@functools.cache
def _text_rules() -> dict[str, Any]:
    """Python's notion of whitespace, digits and XML-invalid characters, so the browser judges text alike."""
    bmp = range(0x10000)
    return {
        "witruimte": _ranges([c for c in bmp if chr(c).isspace()]),
        "stuurtekens": _ranges([c for c in bmp if XML_INVALID.match(chr(c))]),
        # Every Unicode decimal digit (Python's \d and Decimal accept them all): the code point of each zero.
        "cijfer_nul": [
            c for c in range(0x110000) if unicodedata.category(chr(c)) == "Nd" and unicodedata.decimal(chr(c)) == 0
        ],
    }


def webform_files(o: Overeenkomst, builder: Agreements) -> dict[str, bytes]:
    """{site path: bytes}: the agreement's one template plus spec.json."""
    base = files_dir(o.id)
    data = builder.template(o)
    name = f"{hashlib.sha256(data).hexdigest()[:16]}.docx"
    spec = {
        "id": o.id,
        "titel": o.titel,
        "bestandsnaam": f"{o.id}.docx",
        "velden": [_field_spec(v) for v in o.velden],
        "regels": [
            {
                "soort": r.soort,
                "velden": r.velden,
                "geboortedatum": r.geboortedatum,
                "peildatum": r.peildatum,
                "uitkomst": r.uitkomst,
                "melding": r.melding,
            }
            for r in o.regels
        ],  # fmt: skip
        "sjabloon": name,
        "voorwaarden": [{"veld": c.veld, "is": list(c.is_)} for c in conditions(o)],
        "meldingen": MELDINGEN,
        "maanden": MONTHS,
        "tekens": _text_rules(),
    }
    return {
        f"{base}/{name}": data,
        f"{base}/spec.json": json.dumps(spec, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
    }


def all_webform_files(inhoud: Inhoud, root: Path, meta: Mapping[str, str]) -> dict[str, bytes]:
    builder = Agreements(root, meta)
    out: dict[str, bytes] = {}
    for o in inhoud.overeenkomsten:
        out.update(webform_files(o, builder))
    return out
