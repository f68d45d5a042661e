"""Load content/ into one validated `Inhoud`, collecting every problem.

Input: the content directory. Output: (`Inhoud`, problems). Phase 1 of
validation: each file on its own (syntax, types, required and unknown
fields). Cross-file checks follow in `checks.py`.
"""

from __future__ import annotations

import difflib
import re
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


# An item's id as a file that cannot be read still shows it, for telling echoes from causes.
ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)


def load(content_dir: Path) -> tuple[Inhoud, list[Problem], set[str]]:
    """The content, every problem, and the ids of items that did not load because of their own problem (so a
    reference to one of them elsewhere is an echo of that problem, not a cause)."""
    merged = Inhoud()
    problems: list[Problem] = []
    unloaded: set[str] = set()
    root = content_dir.parent
    for path in sorted(content_dir.rglob("*.yaml")):
        display = path.relative_to(root).as_posix()
        source, found = read(path, display)
        problems += found
        if source is None:
            unloaded |= set(ID_LINE.findall(path.read_text(encoding="utf-8", errors="replace")))
            continue
        part = _validate(source, problems, unloaded)
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
    return merged, problems, unloaded


def _validate(source: Source, problems: list[Problem], unloaded: set[str]) -> Inhoud | None:
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
                problems += _one_per_typo([_translate(source, (key, index), err, item_type) for err in exc.errors()])
                if isinstance(raw, dict) and raw.get("id") is not None:
                    unloaded.add(str(raw["id"]))
                continue
            item.attach(source, (key, index))
            getattr(part, key).append(item)
    return part


def _one_per_typo(found: list[Problem]) -> list[Problem]:
    """A misspelt key is one mistake: "onbekend veld 'toelichtng'; bedoelde u 'toelichting'?" says it all, so the
    "verplicht veld 'toelichting' ontbreekt" it causes in the same block is left out."""
    meant = {
        (p.field.rsplit(".", 1)[0], hint) for p in found for hint in re.findall(r"bedoelde u '([^']+)'", p.message)
    }
    return [p for p in found if not (p.message.startswith("verplicht veld") and _parent_and_key(p) in meant)]


def _parent_and_key(p: Problem) -> tuple[str, str]:
    parent, _, key = p.field.rpartition(".")
    return parent, key


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
    hint = f"; bedoelde u '{close[0]}'?" if close else f"; toegestaan: {', '.join(allowed)}"
    return f"onbekend veld '{key}'{hint}"


def _translate(source: Source, base: tuple[str | int, ...], err: Any, model: type[BaseModel]) -> Problem:
    loc, inside = _walk(model, err["loc"])
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind in ("union_tag_not_found", "union_tag_invalid"):  # the key that chooses the kind (`soort`)
        loc += (str(ctx["discriminator"]).strip("'"),)
    path = base + loc
    if kind in ("missing", "union_tag_not_found"):
        message = f"verplicht veld '{loc[-1]}' ontbreekt"
    elif kind == "extra_forbidden":
        message = _unknown_key(str(loc[-1]), list(_keys(inside)) if inside else [])
    elif kind in ("literal_error", "union_tag_invalid"):
        choices = str(ctx.get("expected") or ctx["expected_tags"]).replace("' or '", "', '").rsplit("', '", 1)
        expected = "' of '".join(choices)  # pydantic joins the choices in English, or with commas only
        found = value if kind == "literal_error" else ctx["tag"]
        message = f"verwacht een van {expected}, gevonden '{found}'"
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
    elif kind == "string_too_short":
        message = f"'{loc[-1]}' mag niet leeg zijn"
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


def _walk(model: type[BaseModel], raw: tuple[Any, ...]) -> tuple[tuple[str | int, ...], type[BaseModel] | None]:
    """An error location as the YAML has it, and the model that holds its last key.

    pydantic's location also names validators (`function-after[...]`) and, inside a union with a discriminator,
    the kind that was chosen (`leeftijd` in `regels.0.leeftijd.peildatum`); neither is a key in the file.
    """
    loc: list[str | int] = []
    current: Any = model
    holder: type[BaseModel] | None = model
    for part in raw:
        if isinstance(part, int):
            loc.append(part)
            continue
        if "[" in part or part.startswith("function-"):
            continue
        members = _models_in(current)
        tagged = [m for m in members if part in _tags(m)]
        if tagged and not any(part in _keys(m) for m in members):
            current = holder = tagged[0]
            continue
        loc.append(part)
        holder = members[0] if len(members) == 1 else None
        current = _keys(holder).get(part) if holder else None
    return tuple(loc), holder


def _keys(model: type[BaseModel]) -> dict[str, Any]:
    """Each key a file may use in this model (the alias where there is one) with the type of its value."""
    return {f.alias or name: f.annotation for name, f in model.model_fields.items()}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation can hold: itself, or the members of a list, an optional or a union."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) or () for m in _models_in(arg)]


def _tags(model: type[BaseModel]) -> tuple[Any, ...]:
    """The values of `soort` that choose this member of a discriminated union."""
    field = model.model_fields.get("soort")
    return getattr(field.annotation, "__args__", ()) if field else ()


__all__ = ["load", "Item"]
