"""Read one YAML file into plain data plus a map of where every value stands.

Input: a file path. Output: `Source` (data, positions). Scalars stay strings
(`artikel: 2.10` must not become the float 2.1); pydantic converts them to
the declared types. Duplicate keys, syntax errors and invalid UTF-8 become
`Problem`s, never tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """Parsed data of one file and the 1-based (line, col) of every node."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int]:
        """Position of `path`, or of its nearest ancestor that exists."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def problem(self, path: Path_, message: str) -> Problem:
        line, col = self.position(path)
        return Problem(self.file, line, col, dotted(path), message)


def dotted(path: Path_) -> str:
    """`('uitspraken', 2, 'bronnen')` -> `uitspraken[2].bronnen`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def read(path: Path, display: str) -> tuple[Source | None, list[Problem]]:
    """Parse `path`; `display` is the name shown to editors in messages."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Problem(display, line, 1, "", "het bestand is geen geldige UTF-8-tekst; sla het op als UTF-8")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "onbekende fout"
        return None, [
            Problem(
                display,
                line,
                col,
                "",
                f"YAML-syntaxfout ({what}); controleer inspringing, dubbele punten en aanhalingstekens",
            )
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors without marks
        return None, [Problem(display, 1, 1, "", f"YAML-fout: {exc}")]
    source = Source(display, None)
    problems: list[Problem] = []
    source.data = _build(node, (), source, problems) if node is not None else {}
    return source, problems


def _build(node: yaml.Node, path: Path_, source: Source, problems: list[Problem]) -> Any:
    source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                problems.append(
                    Problem(
                        source.file,
                        line,
                        col,
                        dotted(path + (key,)),
                        f"sleutel '{key}' staat twee keer in hetzelfde blok",
                    )
                )
                continue
            result[key] = _build(value_node, path + (key,), source, problems)
            source.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), source, problems) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return str(node.value)
