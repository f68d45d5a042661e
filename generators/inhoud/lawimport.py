"""Turn the official law text (one string per article) into leden and onderdelen.

Input: `wetsartikelen_bron.yaml` (as in ../shared/law). Output: YAML for
content/wetsartikelen/, keeping the editorial fields (`onderwerp`, `vervangt`, and for a text of uncertain
version `laatst_bekend` and `versie_opmerking`) of articles that are already there. The words are kept exactly;
only reference markup (`[tekst][ref1]`, `[tekst](url)`) is reduced to its
link text and hard line breaks inside a paragraph are joined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generators.inhoud.model import ONBEKEND, Lid, Onderdeel, article_key
from generators.inhoud.problems import WmwmError

LINK = re.compile(r"\[([^\]]*)\](?:\[ref\d+\]|\([^)]*\))")
LID = re.compile(r"^(\d+[a-z]?) (.*)$", re.S)
ONDERDEEL = re.compile(r"^([a-z]{1,2})\. (.*)$", re.S)
SUBONDERDEEL = re.compile(r"^(\d+°)\. (.*)$", re.S)


def plain(text: str) -> str:
    """Law text as a reader sees it: link text only, one space between words."""
    return " ".join(LINK.sub(r"\1", text).split())


def parse_leden(text: str) -> list[Lid]:
    """Split an article into leden; a paragraph opens lid n only if n is the next number."""
    paragraphs = [plain(p) for p in re.split(r"\n\s*\n", text) if p.strip()]
    leden: list[Lid] = []
    for para in paragraphs:
        lid_match = LID.match(para)
        expected = str(len(leden) + 1) if (leden and leden[0].nr) or not leden else None
        if lid_match and expected and lid_match.group(1).rstrip("abcdefghij") == expected:
            leden.append(Lid(nr=lid_match.group(1), tekst=lid_match.group(2)))
            continue
        if not leden:
            leden.append(Lid(tekst=para))
            continue
        current = leden[-1]
        sub = SUBONDERDEEL.match(para)
        part = ONDERDEEL.match(para)
        if sub and current.onderdelen:
            current.onderdelen[-1].onderdelen.append(Onderdeel(nr=sub.group(1), tekst=sub.group(2)))
        elif part and current.slot is None:
            current.onderdelen.append(Onderdeel(nr=part.group(1), tekst=part.group(2)))
        elif current.onderdelen:
            current.slot = para if current.slot is None else f"{current.slot}\n\n{para}"
        else:
            current.tekst = f"{current.tekst}\n\n{para}"
    return leden


def joined(leden: Sequence[Lid]) -> str:
    """All words of parsed (or loaded) leden in reading order, to compare with `plain(source)`."""
    words: list[str] = []

    def add_parts(parts: Sequence[Onderdeel]) -> None:
        for part in parts:
            words.append(f"{part.nr}. {part.tekst}")
            add_parts(part.onderdelen)

    for lid in leden:
        words.append(f"{lid.nr} {lid.tekst}" if lid.nr else lid.tekst)
        add_parts(lid.onderdelen)
        if lid.slot:
            words.append(lid.slot)
    return " ".join(" ".join(words).split())


# Editorial fields of a text whose version is uncertain (`geldig_vanaf: onbekend`): kept on re-import until the
# source names a date.
UNCERTAIN_VERSION = ("laatst_bekend", "versie_opmerking")


def article_data(source: dict[str, str], wet_id: str, editorial: dict[str, object]) -> dict[str, object]:
    """One content record for a source article; `editorial` keeps hand-written fields."""

    def part(p: Onderdeel) -> dict[str, object]:
        out: dict[str, object] = {"nr": p.nr, "tekst": p.tekst}
        if p.onderdelen:
            out["onderdelen"] = [part(s) for s in p.onderdelen]
        return out

    leden = []
    for lid in parse_leden(source["tekst"]):
        record: dict[str, object] = {"nr": lid.nr} if lid.nr else {}
        record["tekst"] = lid.tekst
        if lid.onderdelen:
            record["onderdelen"] = [part(p) for p in lid.onderdelen]
        if lid.slot:
            record["slot"] = lid.slot
        leden.append(record)
    return {
        "wet": wet_id,
        "artikel": str(source["artikel"]),
        "onderwerp": editorial.get("onderwerp", "ONDERWERP INVULLEN"),
        "geldig_vanaf": str(source["geldig_vanaf"]),
        **(_kept(editorial, UNCERTAIN_VERSION) if source["geldig_vanaf"] == ONBEKEND else {}),
        "url": source["url"],
        **_kept(editorial, ("vervangt",)),
        "leden": leden,
    }


def _kept(editorial: dict[str, object], keys: tuple[str, ...]) -> dict[str, object]:
    """The editorial fields among `keys` that have a value (an empty one is left out of the file)."""
    return {key: editorial[key] for key in keys if editorial.get(key)}


# --- Importing a source file into content/wetsartikelen/ -------------------

SOURCE_KEYS = ("wet", "bwb_id", "geldig_vanaf", "url", "artikel", "tekst")
# An article the source splits per lid ("5.4:3.1") or per onderdeel of a lid ("5.4:3.3.a").
SPLIT_UNIT = re.compile(r"^(?P<base>.+)\.(?P<lid>\d+)(?:\.(?P<onderdeel>[a-z]+))?$")
ARTICLES_HEADER = """\
# yaml-language-server: $schema=../../schemas/inhoud.schema.json
# Wetteksten letterlijk uit de bronbestanden in bronnen/wetten/, ingelezen met `wmwm wetten importeer`.
# Wijzig de tekst niet met de hand: alleen "onderwerp" en "vervangt" zijn redactioneel, en bij een tekst met
# "geldig_vanaf: onbekend" ook "laatst_bekend" en "versie_opmerking".
"""
NEW_ONDERWERP = "ONDERWERP INVULLEN"


class SourceError(WmwmError):
    """The source file is not a list of law articles in the expected format (message in Dutch)."""


@dataclass(frozen=True)
class NieuweWet:
    """A wet that is not yet in content/wetten.yaml: the id and short name the editor chose."""

    id: str
    afkorting: str


def read_source(text: str, name: str) -> list[dict[str, str]]:
    """The articles of a source file; every problem at once, in Dutch."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceError(f"{name}: geen geldige YAML ({exc})") from exc
    if not isinstance(data, list) or not data:
        raise SourceError(
            f"{name}: verwacht een lijst van wetsartikelen (wet, bwb_id, geldig_vanaf, url, artikel, tekst)"
        )
    errors = []
    for i, item in enumerate(data, start=1):
        missing = [k for k in SOURCE_KEYS if not isinstance(item, dict) or item.get(k) in (None, "")]
        if missing:
            errors.append(f"{name}: artikel {i}: ontbreekt: {', '.join(missing)}")
    if errors:
        raise SourceError("\n".join(errors))
    return [{k: str(item[k]) for k in SOURCE_KEYS} for item in data]


def source_articles(entries: list[dict[str, str]]) -> list[dict[str, str]]:
    """One record per article: units the source splits per lid or onderdeel (same url) become one article.

    The merged text numbers each lid and onderdeel as the source's article number does ("5.4:3.3.a" is
    lid 3, onderdeel a), so `parse_leden` reads it like any other article.
    """
    by_url: dict[tuple[str, str], list[dict[str, str]]] = {}
    for entry in entries:
        by_url.setdefault((entry["bwb_id"], entry["url"]), []).append(entry)
    out = []
    for group in by_url.values():
        matches = [SPLIT_UNIT.match(e["artikel"]) for e in group]
        if len(group) == 1 or not all(matches) or len({m["base"] for m in matches if m}) != 1:
            out += group
            continue
        paragraphs = []
        for entry, m in zip(group, matches, strict=True):
            assert m is not None
            paragraphs.append(
                f"{m['onderdeel']}. {entry['tekst']}" if m["onderdeel"] else f"{m['lid']} {entry['tekst']}"
            )
        first = matches[0]
        assert first is not None
        out.append({**group[0], "artikel": first["base"], "tekst": "\n\n".join(paragraphs)})
    return out


@dataclass
class ImportResult:
    nieuw: list[str] = field(default_factory=list)  # "wet artikel" added
    gewijzigd: list[str] = field(default_factory=list)  # "wet artikel" whose text, url or date changed
    ongewijzigd: int = 0
    nieuwe_wetten: list[str] = field(default_factory=list)
    bestanden: list[str] = field(default_factory=list)


def unknown_wetten(content_dir: Path, entries: list[dict[str, str]]) -> dict[str, str]:
    """bwb_id -> name of every wet in `entries` that content/wetten.yaml does not have yet."""
    known = {str(w["bwb_id"]) for w in _load(content_dir / "wetten.yaml").get("wetten", [])}
    return {e["bwb_id"]: e["wet"] for e in entries if e["bwb_id"] not in known}


def import_articles(content_dir: Path, entries: list[dict[str, str]], nieuwe: dict[str, NieuweWet]) -> ImportResult:
    """Write or update content/wetsartikelen/ (and wetten.yaml for `nieuwe`); only changed files are written."""
    result = ImportResult()
    wetten_path = content_dir / "wetten.yaml"
    wet_ids = {str(w["bwb_id"]): str(w["id"]) for w in _load(wetten_path).get("wetten", [])}
    additions = []
    for entry in entries:
        bwb = entry["bwb_id"]
        if bwb not in wet_ids:
            wet = nieuwe[bwb]
            wet_ids[bwb] = wet.id
            fields = {"id": wet.id, "naam": entry["wet"], "afkorting": wet.afkorting, "bwb_id": bwb}
            additions.append("".join(_indent(line) for line in _dump([fields]).splitlines(keepends=True)))
            result.nieuwe_wetten.append(f"{wet.id} ({entry['wet']})")
    files = _article_files(content_dir)
    pending: dict[Path, list[dict[str, object]]] = {}
    for entry in source_articles(entries):
        wet_id = wet_ids[entry["bwb_id"]]
        path = files.get(wet_id, content_dir / "wetsartikelen" / f"{wet_id}.yaml")
        records = pending.setdefault(path, list(_load(path).get("wetsartikelen", [])) if path.exists() else [])
        index = next((i for i, r in enumerate(records) if str(r["artikel"]) == entry["artikel"]), None)
        old = records[index] if index is not None else {}
        new = article_data(entry, wet_id, {"onderwerp": old.get("onderwerp", NEW_ONDERWERP), **old})
        name = f"{wet_id} {entry['artikel']}"
        if index is None:
            records.append(new)
            result.nieuw.append(name)
        elif new != {**old, "artikel": str(old["artikel"])}:
            records[index] = new
            result.gewijzigd.append(name)
        else:
            result.ongewijzigd += 1
    changed = {n.split(" ", 1)[0] for n in result.nieuw + result.gewijzigd}
    for path, records in pending.items():
        if not any(str(r["wet"]) in changed for r in records):
            continue
        records.sort(key=lambda r: article_key(str(r["artikel"])))
        _write(path, _header(path) + _dump({"wetsartikelen": records}))
        result.bestanden.append(str(path))
    if additions:
        _write(wetten_path, wetten_path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "".join(additions))
        result.bestanden.append(str(wetten_path))
    return result


def _article_files(content_dir: Path) -> dict[str, Path]:
    """wet id -> the file in content/wetsartikelen/ that already holds its articles."""
    out: dict[str, Path] = {}
    for path in sorted((content_dir / "wetsartikelen").glob("*.yaml")):
        for record in _load(path).get("wetsartikelen", []):
            out.setdefault(str(record["wet"]), path)
    return out


def _load(path: Path) -> dict[str, list[dict[str, object]]]:
    """`yaml.safe_load` of a content file, parsed by libyaml: the same data, ten times faster than PyYAML's Python
    parser (an import reads every file in content/wetsartikelen/)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) if path.exists() else None
    return data or {}


def _header(path: Path) -> str:
    """Keep the comment lines at the top of an existing file; new files get the standard header."""
    if not path.exists():
        return ARTICLES_HEADER
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines[: next(i for i, x in enumerate(lines) if not x.startswith("#"))])


def _dump(data: object) -> str:
    import yaml

    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=float("inf")))


def _indent(line: str) -> str:
    """wetten.yaml indents its list by two spaces."""
    return f"  {line}"


def _write(path: Path, text: str) -> None:
    """Replace the file in one step, so an interrupted import leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
