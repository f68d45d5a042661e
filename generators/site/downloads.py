"""The agreement downloads of the site: one generic DOCX per agreement.

Input: `Inhoud`, project root, site metadata. Output: {site path: DOCX bytes}.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generators.inhoud.model import Inhoud
from generators.overeenkomsten.documenten import Agreements
from generators.site import urls


def agreement_downloads(inhoud: Inhoud, root: Path, meta: Mapping[str, str]) -> dict[str, bytes]:
    builder = Agreements(root, meta)
    return {urls.download(o.id): builder.generic(o) for o in inhoud.overeenkomsten}
