"""Escaping plain text for the two Markdown dialects we write.

Site pages go through Python-Markdown, which only honours backslash escapes
for its own set of characters (others would show the backslash); pandoc
accepts a backslash before any ASCII punctuation.
"""

from __future__ import annotations

import re

_SITE_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_PANDOC_SPECIALS = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: str) -> str:
    """Plain text for a site page (Python-Markdown), shown exactly as written."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SITE_SPECIALS.sub(r"\\\1", text)


def pandoc_escape(text: str) -> str:
    """Plain text for pandoc Markdown, shown exactly as written."""
    return _PANDOC_SPECIALS.sub(r"\\\1", text)
