"""The fields of an agreement as others see them: JSON for tools, and reading value files.

Input: an `Overeenkomst`, or a JSON/YAML file with values. Output: plain
JSON-ready dicts, or the raw values for `values.check_values`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from generators.inhoud.model import Overeenkomst


def fields_json(o: Overeenkomst) -> list[dict[str, Any]]:
    out = []
    for v in o.velden:
        item: dict[str, Any] = {"naam": v.naam, "type": v.type, "label": v.label, "verplicht": v.verplicht}
        if v.min is not None:
            item["min"] = int(v.min) if v.min == int(v.min) else float(v.min)
        if v.max is not None:
            item["max"] = int(v.max) if v.max == int(v.max) else float(v.max)
        if v.keuzes:
            item["keuzes"] = list(v.keuzes)
        out.append(item)
    return out


def read_values(path: Path) -> dict[str, Any]:
    """Values from a .json or .yaml file; a Dutch `ValueError` if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"kan het bestand niet lezen als UTF-8-tekst ({exc.__class__.__name__})") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.load(text, Loader=yaml.BaseLoader)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"het bestand is geen geldige JSON of YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("het bestand moet velden met waarden bevatten (veldnaam: waarde)")
    return data
