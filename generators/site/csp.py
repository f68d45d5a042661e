"""A Content-Security-Policy <meta> for every page: the browser itself then refuses any other host.

Input: a finished HTML page. Output: the same page with the policy as the first element after
`<meta charset>`. Only what the site needs is allowed: its own files, the theme's inline scripts by hash
(so no other inline script runs), WebAssembly for the search index, `data:` images (the theme's icons in
CSS) and, by hash, the few inline style attributes Markdown writes (table column alignment).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""")
CHARSET = '<meta charset="utf-8">'


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(page: str) -> str:
    scripts = sorted(
        {
            _hash(m["body"])
            for m in INLINE_SCRIPT.finditer(page)
            if "src=" not in m["attrs"] and "application/json" not in m["attrs"]
        }
    )
    styles = sorted({_hash(html.unescape(m[1] if m[1] is not None else m[2])) for m in STYLE_ATTRIBUTE.finditer(page)})
    parts = [
        "default-src 'self'",
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *scripts]),
        " ".join(["style-src 'self'", *(["'unsafe-hashes'", *styles] if styles else [])]),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(parts)


def with_policy(page: str) -> str:
    """The page with its policy <meta>; a page without `<meta charset>` is not one of ours and stays as it is."""
    if CHARSET not in page:
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page))}">'
    return page.replace(CHARSET, CHARSET + meta, 1)
