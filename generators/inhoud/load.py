"""Load content/ into one validated `Inhoud`, collecting every problem.

Input: the content directory. Output: (`Inhoud`, problems). Phase 1 of
validation: each file on its own (syntax, types, required and unknown
fields). Cross-file checks follow in `checks.py`.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generators.inhoud.model import Inhoud, Item, Publicatie
from generators.inhoud.problems import Problem
from generators.inhoud.yamlsource import Source, read

# Keys that hold one block rather than a list of items.
SINGLE: dict[str, type[Item]] = {"publicatie": Publicatie}
MISSING_PUBLICATIE = (
    "het bestand met de versie ontbreekt; maak het met 'publicatie:' en daaronder 'versie:' en 'peildatum:'"
)


def load(content_dir: Path) -> tuple[Inhoud, list[Problem]]:
    merged = Inhoud()
    problems: list[Problem] = []
    root = content_dir.parent
    for path in sorted(content_dir.rglob("*.yaml")):
        display = path.relative_to(root).as_posix()
        source, found = read(path, display)
        problems += found
        if source is None:
            continue
        part = _validate(source, problems)
        if part is None:
            continue
        for name, item in part.items():
            if name in SINGLE:
                earlier = getattr(merged, name)
                if earlier is not None:
                    problems.append(item.problem(message=f"'{name}' staat al in {earlier.where}; er is er maar één"))
                setattr(merged, name, earlier or item)
            else:
                getattr(merged, name).append(item)
    if merged.publicatie is None and not any(p.field.startswith("publicatie") for p in problems):
        problems.append(Problem(f"{content_dir.name}/publicatie.yaml", 1, 1, "publicatie", MISSING_PUBLICATIE))
    return merged, problems


def _validate(source: Source, problems: list[Problem]) -> Inhoud | None:
    if not isinstance(source.data, dict):
        problems.append(source.problem((), "een inhoudsbestand begint met een sleutel zoals 'uitspraken:'"))
        return None
    # Validate item by item, so one bad item does not hide the others.
    part = Inhoud()
    fields = Inhoud.model_fields
    for key, value in source.data.items():
        if key not in fields:
            problems.append(source.problem((key,), _unknown_key(key, list(fields))))
            continue
        if key in SINGLE:
            _validate_single(source, key, value, problems, part)
            continue
        if not isinstance(value, list):
            problems.append(source.problem((key,), f"'{key}' is een lijst van items (elk item begint met '- ')"))
            continue
        item_type = fields[key].annotation.__args__[0]  # type: ignore[union-attr]
        for index, raw in enumerate(value):
            try:
                item = item_type.model_validate(raw)
            except ValidationError as exc:
                problems += [_translate(source, (key, index), err, item_type) for err in exc.errors()]
                continue
            item.attach(source, (key, index))
            getattr(part, key).append(item)
    return part


def _validate_single(source: Source, key: str, raw: Any, problems: list[Problem], part: Inhoud) -> None:
    """A key that holds one block instead of a list (`publicatie`)."""
    item_type = SINGLE[key]
    try:
        item = item_type.model_validate(raw)
    except ValidationError as exc:
        problems.extend(_translate(source, (key,), err, item_type) for err in exc.errors())
        return
    item.attach(source, (key,))
    setattr(part, key, item)


def _unknown_key(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"; bedoelde je '{close[0]}'?" if close else f"; toegestaan: {', '.join(allowed)}"
    return f"onbekend veld '{key}'{hint}"


def _translate(source: Source, base: tuple[str | int, ...], err: Any, model: type[BaseModel]) -> Problem:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
    path = base + loc
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind == "missing":
        message = f"verplicht veld '{loc[-1]}' ontbreekt"
    elif kind == "extra_forbidden":
        message = _unknown_key(str(loc[-1]), _siblings(model, loc[:-1]))
    elif kind == "literal_error":
        expected = str(ctx.get("expected")).replace("' or '", "' of '")  # pydantic joins the choices in English
        message = f"verwacht een van {expected}, gevonden '{value}'"
    elif kind == "string_pattern_mismatch":
        message = (
            f"'{value}' heeft niet de juiste vorm (verwacht patroon {ctx.get('pattern')}); "
            "gebruik kleine letters, cijfers en koppeltekens"
        )
    elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = f"'{value}' is geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-08-01"
    elif kind in ("int_parsing", "int_type", "decimal_parsing", "decimal_type", "int_from_float"):
        message = f"'{value}' is geen getal"
    elif kind in ("bool_parsing", "bool_type"):
        message = f"'{value}' is geen ja/nee-waarde; schrijf true of false"
    elif kind in ("greater_than_equal", "less_than_equal"):
        limit = ctx.get("ge", ctx.get("le"))
        message = f"waarde {value} ligt buiten het toegestane bereik (grens {limit})"
    elif kind == "too_short":
        message = f"lijst heeft ten minste {ctx.get('min_length')} item(s) nodig"
    elif kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        expected = {"list_type": "een lijst", "dict_type": "een blok met sleutels"}.get(kind, "een blok met sleutels")
        message = f"verwacht {expected}, gevonden '{value}'"
    elif kind == "string_type":
        message = "verwacht tekst"
    elif kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
    else:  # pragma: no cover - a type we did not translate yet still names the field
        message = err["msg"]
    return source.problem(path, message)


def _siblings(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The allowed field names at `loc` inside `model`, for typo hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return [f.alias or n for n, f in current.model_fields.items()] if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


__all__ = ["load", "Item"]
