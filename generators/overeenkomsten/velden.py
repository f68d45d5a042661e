"""The fields of an agreement as others see them: JSON for tools, and reading value files.

Input: an `Overeenkomst`, or a JSON/YAML file with values. Output: plain
JSON-ready dicts, or the raw values for `regels.check_values`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generators.inhoud.model import Overeenkomst, RegelVerplichtAls
from generators.inhoud.problems import BestandError
from generators.overeenkomsten.regels import condition_text


def fields_json(o: Overeenkomst) -> list[dict[str, Any]]:
    """Each field with its type, bounds, and when it is required: always, never, or under a condition."""
    labels = {v["naam"]: v["label"] for v in o.spec["velden"]}
    required_if = {n: r.als for r in o.regels if isinstance(r, RegelVerplichtAls) for n in r.velden}
    out = []
    for v in o.spec["velden"]:
        item: dict[str, Any] = {"naam": v["naam"], "type": v["type"], "label": v["label"]}
        for key, bound in (("min", v["min"]), ("max", v["max"])):
            if bound is not None:
                number = Decimal(bound)
                item[key] = int(number) if number == int(number) else float(number)
        if v["decimalen"]:
            item["decimalen"] = v["decimalen"]
        if v["keuzes"]:
            item["keuzes"] = v["keuzes"]
        if v["als"] is not None:
            item["als"] = v["als"]
        when = [f"'{labels[v['als']['veld']]}' is {' of '.join(v['als']['is'])}"] if v["als"] else []
        if v["naam"] in required_if:
            when.append(condition_text(o, required_if[v["naam"]]))
        required = v["verplicht"] or v["naam"] in required_if
        item["verplicht"] = "nee" if not required else "alleen als " + " en ".join(when) if when else "ja"
        out.append(item)
    return out


def read_values(path: Path) -> dict[str, Any]:
    """Values from a .json or .yaml file; a `BestandError` if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BestandError(path, f"kan het bestand niet lezen als UTF-8-tekst ({exc.__class__.__name__})") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.load(text, Loader=yaml.BaseLoader)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise BestandError(path, f"het bestand is geen geldige JSON of YAML: {exc}") from None
    if not isinstance(data, dict):
        raise BestandError(path, "het bestand moet velden met waarden bevatten (veldnaam: waarde)")
    return data
