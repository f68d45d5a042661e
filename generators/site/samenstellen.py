"""The browser form 'Stel uw overeenkomst samen': what the static site ships so the browser can build the DOCX itself.

Input: an `Overeenkomst`, the project root and site metadata. Output: the form view for
`templates/samenstellen.md.j2`, and static files per agreement: its one template DOCX (from `Agreements.template`,
the same bytes the CLI fills) and `spec.json` with the declared rules (`Overeenkomst.spec`, interpreted in the browser
by `docs/javascripts/regels.js`) and the conditions the template's regions are marked with.
`docs/javascripts/samenstellen.js` reads that spec; nothing is written per agreement by hand, and the pupil's data
never leaves the browser.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generators.inhoud.model import Inhoud, Overeenkomst, Veld
from generators.overeenkomsten.batch import AANTALLEN, INVULBESTAND, SAFE_NAME_LIMIT, example_row, name_field
from generators.overeenkomsten.documenten import Agreements
from generators.overeenkomsten.markdown import conditions
from generators.overeenkomsten.velden import fields_json
from generators.site import urls
from generators.site.views import field_groups

RADIO_LIMIT = 5  # more choices than this: a select instead of radios


@dataclass(frozen=True)
class FormField:
    """One field as the form shows it."""

    veld: Veld
    control: str  # input, textarea, radios, select
    input_type: str  # text or date (for control 'input')
    bounds: tuple[str | None, str | None]  # min and max in Dutch notation (parameters resolved)
    optional: bool  # never required, also not by a rule (a parent's details are required for a minor)

    @property
    def naam(self) -> str:
        return self.veld.naam

    @property
    def hint(self) -> str:
        """The field's own help, plus how to write the answer where the type asks for it."""
        v = self.veld
        low, high = self.bounds
        kind = "getal met ten hoogste " + str(v.decimalen) + " cijfer(s) na de komma" if v.decimalen else "heel getal"
        extra = ""
        if v.type == "lijst":
            extra = "Zet elk onderdeel op een eigen regel."
        elif v.type == "getal" and low is not None and high is not None:
            extra = f"Een {kind} van {low} tot en met {high}."
        elif v.type == "getal" and low is not None:
            extra = f"Een {kind} van ten minste {low}."
        elif v.type == "getal" and high is not None:
            extra = f"Een {kind} van ten hoogste {high}."
        elif v.type == "getal":
            extra = f"Een {kind}."
        elif v.type == "tijd":
            extra = "Schrijf uren en minuten, bijvoorbeeld 8.30 of 13:45."
        elif v.type == "dagen" and high is not None:
            extra = f"Noem ten hoogste {high} dagen, gescheiden door komma's of 'en'."
        return " ".join(t for t in (v.hulp, extra) if t)


def _control(veld: Veld) -> tuple[str, str]:
    if veld.type == "tekst":
        return ("textarea", "") if veld.meerdere_regels else ("input", "text")
    if veld.type == "datum":
        return "input", "date"
    if veld.type in ("getal", "tijd", "dagen"):
        # GOV.UK: text, not type=number or type=time (accepts '1,5' and '8.30', no spinner or locale surprises)
        return "input", "text"
    if veld.type == "keuze":
        return ("radios" if len(veld.keuzes) <= RADIO_LIMIT else "select"), ""
    if veld.type == "ja/nee":
        return "radios", ""
    return "textarea", ""  # lijst: one item per line


def form_groups(o: Overeenkomst) -> list[tuple[str, list[FormField]]]:
    specs = {v["naam"]: v for v in o.spec["velden"]}
    required = {f["naam"]: f["verplicht"] for f in fields_json(o)}

    def field(v: Veld) -> FormField:
        bounds = (specs[v.naam]["min_tekst"], specs[v.naam]["max_tekst"])
        return FormField(v, *_control(v), bounds, optional=required[v.naam] == "nee")

    return [(groep, [field(v) for v in velden]) for groep, velden in field_groups(o)]


def webform_files(o: Overeenkomst, builder: Agreements) -> dict[str, bytes]:
    """{site path: bytes}: the agreement's one template plus spec.json."""
    base = urls.bestanden(o.id)
    data = builder.template(o)
    name = f"{hashlib.sha256(data).hexdigest()[:16]}.docx"
    spec = {
        "id": o.id,
        "titel": o.titel,
        "bestandsnaam": f"{o.id}.docx",
        **o.spec,
        "sjabloon": name,
        "voorwaarden": [{"veld": c.veld, "is": list(c.is_)} for c in conditions(o)],
        "invulbestand": {**INVULBESTAND, "naam_lengte": SAFE_NAME_LIMIT},
        "aantallen": AANTALLEN,
        "naamveld": name_field(o),
        "voorbeeld": example_row(o),
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
