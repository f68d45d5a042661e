"""Read one YAML file into plain data plus a map of where every value stands.

Input: a file path. Output: `Source` (data, positions). Scalars stay strings
(`artikel: 2.10` must not become the float 2.1); pydantic converts them to
the declared types. Duplicate keys, syntax errors and invalid UTF-8 become
`Problem`s, never tracebacks. libyaml parses; only a file with a syntax error
is parsed again by the pure-Python loader, to explain the error in Dutch. The
parse of a text is kept, so reading an unchanged file again is cheap.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generators.inhoud.problems import Problem

Path_ = tuple[str | int, ...]

# libyaml reads content about 20x faster than the pure-Python parser; its nodes carry the same line/column marks.
# The base loader resolves no implicit tags (every scalar is text, which is what we want); null is read below.
FAST_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
NULLS = {"", "~", "null", "Null", "NULL"}
DEFAULT_TAGS = {
    yaml.ScalarNode: FAST_LOADER.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: FAST_LOADER.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: FAST_LOADER.DEFAULT_MAPPING_TAG,
}
MAPPING, SEQUENCE, SCALAR = 0, 1, 2

# A file's parse, kept for the next read of the same text: (kind, (line, col), value), where a mapping's value is a
# tuple of (key, (line, col) of the key, subtree), a sequence's a tuple of subtrees and a scalar's its text or None.
# Nested tuples of text and numbers only: no cycles, and the garbage collector soon stops scanning them.
Tree = tuple[int, tuple[int, int], Any]


class _Loader(FAST_LOADER):  # type: ignore[misc,valid-type]
    """The base loader, minus the pure-Python tag lookup it runs for every node: the base resolver has no implicit
    or path resolvers, so its answer is always the default tag of the node's kind (and no tag is read below)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return DEFAULT_TAGS[kind]


@functools.lru_cache(maxsize=128)
def _parse(text: str) -> Tree | None:
    """The tree of a file's text. Kept: a command or test that reads the content again, and the preview that
    rebuilds on every change, parse only the files that changed. A syntax error raises and is not kept."""
    node = yaml.compose(text, Loader=_Loader)
    return _tree(node) if node is not None else None


def _tree(node: yaml.Node) -> Tree:
    position = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        pairs = tuple(
            (str(key.value), (key.start_mark.line + 1, key.start_mark.column + 1), _tree(value))
            for key, value in node.value
        )
        return MAPPING, position, pairs
    if isinstance(node, yaml.SequenceNode):
        return SEQUENCE, position, tuple(_tree(item) for item in node.value)
    assert isinstance(node, yaml.ScalarNode)
    # a plain `~`, `null` or nothing is null, as YAML's core schema says
    return SCALAR, position, None if node.value in NULLS and not node.style else str(node.value)


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
        tree = _parse(text)
    except yaml.YAMLError:
        return None, [syntax_problem(text, display)]
    source = Source(display, None)
    problems: list[Problem] = []
    source.data = _build(tree, (), source, problems) if tree is not None else {}
    return source, problems


def syntax_problem(text: str, display: str) -> Problem:
    """Parse again with the pure-Python loader, whose problem texts and positions the Dutch hints are written for."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Problem(display, line, col, "", f"YAML-syntaxfout: {syntax_hint(exc.problem or '')}")
    except yaml.YAMLError as exc:  # reader errors without marks
        return Problem(display, 1, 1, "", f"YAML-fout: {syntax_hint(str(exc))}")
    return Problem(display, 1, 1, "", "YAML-fout: controleer inspringing, dubbele punten en aanhalingstekens")


# PyYAML's problem texts (English) and what an editor should do about each, in Dutch.
SYNTAX_HINTS = [
    (
        r"mapping values are not allowed",
        "hier mag geen dubbele punt staan; zet tekst met ': ' erin tussen aanhalingstekens",
    ),
    (r"could not find expected ':'", "na een veldnaam ontbreekt de dubbele punt"),
    (r"found character '\\t'", "hier staat een tab; spring in met spaties"),
    (r"expected ',' or '\]'", "een lijst tussen [ en ] is niet afgesloten; ontbreekt er een ]?"),
    (r"expected ',' or '\}'", "een blok tussen { en } is niet afgesloten; ontbreekt er een }?"),
    (r"end of stream", "het bestand houdt op midden in een tekst; ontbreekt er een afsluitend aanhalingsteken?"),
    (
        r"expected <block end>|did not find expected key",
        "de inspringing klopt niet: velden op hetzelfde niveau springen even ver in",
    ),
    (r"expected '-' indicator", "een lijstitem zonder streepje (-) of met een andere inspringing dan de rest"),
    (r"alias|anchor", "een waarde begint met & of *; zet die waarde tussen aanhalingstekens"),
    (
        r"cannot start any token",
        "een waarde begint met een teken dat dat niet mag (zoals @ of `); zet de waarde tussen aanhalingstekens",
    ),
]


def syntax_hint(problem: str) -> str:
    """A Dutch explanation of a PyYAML problem; editors are not expected to read PyYAML's English."""
    for pattern, hint in SYNTAX_HINTS:
        if re.search(pattern, problem):
            return hint
    return "controleer inspringing, dubbele punten en aanhalingstekens"


def _build(tree: Tree, path: Path_, source: Source, problems: list[Problem]) -> Any:
    kind, source.positions[path], value = tree
    if kind == MAPPING:
        result: dict[str, Any] = {}
        for key, key_position, subtree in value:
            if key in result:
                line, col = key_position
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
            result[key] = _build(subtree, path + (key,), source, problems)
            source.positions[path + (key,)] = key_position
        return result
    if kind == SEQUENCE:
        return [_build(item, path + (i,), source, problems) for i, item in enumerate(value)]
    return value
