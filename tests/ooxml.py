"""A real OOXML validator (openxml-audit: the Open XML SDK's schema and semantic rules) for the tests."""

from __future__ import annotations

import tempfile
from pathlib import Path

from openxml_audit import OpenXmlValidator

VALIDATOR = OpenXmlValidator(max_errors=0)


def ooxml_problems(data: bytes, suffix: str = ".docx") -> list[str]:
    """Every schema or semantic problem the validator finds in a DOCX (or, with `suffix`, an XLSX); [] if clean."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"document{suffix}"
        path.write_bytes(data)
        result = VALIDATOR.validate(path)
    return [str(error) for error in result.errors]
