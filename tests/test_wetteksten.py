"""Law text in content/ is the official text, word for word."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT, SHARED

from generators.inhoud.content import load_content
from generators.inhoud.lawimport import joined, plain

SOURCE = SHARED / "law" / "wetsartikelen_bron.yaml"
WET_IDS = {
    "Wet voortgezet onderwijs 2020": "wvo2020",
    "Uitvoeringsbesluit WVO 2020": "ub-wvo2020",
    "Wet educatie en beroepsonderwijs": "web",
}


@pytest.mark.skipif(not SOURCE.exists(), reason="../shared/law ontbreekt naast de checkout")
def test_every_article_matches_the_official_text() -> None:
    source = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    inhoud = load_content(ROOT / "content")
    ours = {(a.wet, a.artikel): a for a in inhoud.wetsartikelen}
    assert len(ours) == len(source)
    for item in source:
        article = ours[(WET_IDS[item["wet"]], str(item["artikel"]))]
        assert joined(article.leden) == plain(item["tekst"]), article.id
        assert article.url == item["url"]
        assert article.geldig_vanaf.isoformat() == str(item["geldig_vanaf"])


def test_parser_keeps_every_word() -> None:
    from generators.inhoud.lawimport import parse_leden

    text = (
        "1 Eerste lid met [artikel 2.22, eerste lid][ref1]:\n\na. een;\n\n1°. sub; en\n\n"
        "b. twee.\n\nSlotzin.\n\n2 Tweede\nlid."
    )
    leden = parse_leden(text)
    assert [lid.nr for lid in leden] == ["1", "2"]
    assert leden[0].onderdelen[0].onderdelen[0].nr == "1°"
    assert leden[0].slot == "Slotzin."
    assert joined(leden) == plain(text)
