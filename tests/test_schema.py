"""The JSON Schema for editors: up to date, accepts the real content, rejects what `wmwm controleer` rejects."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import ROOT, SAFE_LOADER, wmwm_in

from generators.inhoud.schema import MODELINE, SCHEMA_FILE, is_up_to_date, modeline


class Yaml12Loader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """Reads YAML the way yaml-language-server does (YAML 1.2): `2026-08-01` stays text. libyaml parses; the
    resolvers below decide the types."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    """Parsed once per session: the schema is 40 KB of JSON."""
    schema = json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(data: Any) -> list[str]:
    return [e.message for e in validator().iter_errors(data)]


def content_files() -> list[Path]:
    return sorted((ROOT / "content").rglob("*.yaml"))


def test_committed_schema_is_up_to_date() -> None:
    assert is_up_to_date(ROOT), "schemas/inhoud.schema.json is verouderd; draai `wmwm schema`"
    assert "do not edit" in (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.relative_to(ROOT / "content").as_posix())
def test_real_content_validates_and_names_the_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert errors(yaml.load(text, Loader=Yaml12Loader)) == []
    first = text.splitlines()[0]
    assert first == modeline(path, ROOT).rstrip("\n"), f"{path}: eerste regel moet de schemaregel zijn"
    assert (path.parent / first.removeprefix(MODELINE)).resolve() == (ROOT / SCHEMA_FILE).resolve()


WRONG_TYPE = """\
onderwerpen:
  - id: test-onderwerp
    titel: Een onderwerp
    volgorde: eerste
"""
UNKNOWN_KEY = """\
onderwerpen:
  - id: test-onderwerp-twee
    titel: Een onderwerp
    volgorde: 99
    inleidng: Tikfout in de veldnaam.
"""


def test_wrong_type_and_unknown_key_are_rejected_by_schema_and_controleer(content_project: Path) -> None:
    wrong = errors(yaml.load(WRONG_TYPE, Loader=Yaml12Loader))
    assert len(wrong) == 1 and "'eerste' is not of type 'integer'" in wrong[0]
    unknown = errors(yaml.load(UNKNOWN_KEY, Loader=Yaml12Loader))
    assert len(unknown) == 1 and "'inleidng'" in unknown[0]
    assert errors({"onbekend": []}) and errors({"publicatie": {"versie": "1.0"}})

    (content_project / "content" / "fout-type.yaml").write_text(WRONG_TYPE, encoding="utf-8")
    (content_project / "content" / "fout-sleutel.yaml").write_text(UNKNOWN_KEY, encoding="utf-8")
    result = wmwm_in(content_project, "controleer")
    assert result.returncode == 1
    assert "content/fout-type.yaml:4:5: onderwerpen[0].volgorde: 'eerste' is geen getal" in result.stderr
    assert "content/fout-sleutel.yaml:5:5: onderwerpen[0].inleidng: onbekend veld 'inleidng'" in result.stderr


def test_each_kind_of_rule_has_its_own_keys_in_the_schema() -> None:
    """The editor knows per `soort` which keys a rule needs and which it may not have, as `wmwm controleer` does."""
    path = ROOT / "content" / "overeenkomsten" / "leer-werkovereenkomst.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    regels = data["overeenkomsten"][0]["regels"]
    assert errors(data) == []

    def wrong_rules() -> set[int]:
        """The rules the schema rejects (by their place in `regels`)."""
        found = set()
        for error in validator().iter_errors(data):
            where = list(error.absolute_path)
            assert where[:3] == ["overeenkomsten", 0, "regels"], where
            found.add(where[3])
        return found

    leeftijd = next(i for i, r in enumerate(regels) if r["soort"] == "leeftijd")
    del regels[leeftijd]["peildatum"]
    assert wrong_rules() == {leeftijd}
    regels[leeftijd]["peildatum"] = "startdatum"
    na = next(i for i, r in enumerate(regels) if r["soort"] == "na")
    regels[na]["als"] = {"veld": "x", "is": ["ja"]}  # only a 'verplicht-als' rule has a condition
    assert wrong_rules() == {na}
