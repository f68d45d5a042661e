"""A Content-Security-Policy for every page: the browser itself then refuses any other host.

Input: a finished HTML page. Output: the same page with the policy as the first element after
`<meta charset>`. Only what the site needs is allowed: its own files, the theme's inline scripts by hash
(so no other inline script runs), WebAssembly for the search index, `data:` images (the theme's icons in
CSS) and, by hash, the few inline style attributes Markdown writes (table column alignment). The same policy,
for all pages together and with `frame-ancestors 'none'`, goes into the web server's headers
(generators/site/afwerking.py).
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


def inline_hashes(page: str) -> tuple[set[str], set[str]]:
    """The hashes of a page's inline scripts and of its inline style attributes."""
    scripts = {
        _hash(m["body"])
        for m in INLINE_SCRIPT.finditer(page)
        if "src=" not in m["attrs"] and "application/json" not in m["attrs"]
    }
    styles = {_hash(html.unescape(m[1] if m[1] is not None else m[2])) for m in STYLE_ATTRIBUTE.finditer(page)}
    return scripts, styles


def policy_for(scripts: set[str], styles: set[str], header: bool = False) -> str:
    """The policy allowing these inline hashes. As an HTTP header (`header`) it also forbids framing the site
    (`frame-ancestors`), which browsers ignore in a <meta>."""
    parts = [
        "default-src 'self'",
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *sorted(scripts)]),
        " ".join(["style-src 'self'", *(["'unsafe-hashes'", *sorted(styles)] if styles else [])]),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        *(["frame-ancestors 'none'"] if header else []),
    ]
    return "; ".join(parts)


def policy(page: str) -> str:
    return policy_for(*inline_hashes(page))


def with_policy(page: str) -> str:
    """The page with its policy <meta>; a page without `<meta charset>` is not one of ours and stays as it is."""
    if CHARSET not in page:
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page))}">'
    return page.replace(CHARSET, CHARSET + meta, 1)
