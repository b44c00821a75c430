"""Report writers: one module per output format, each with ``render(report, color=False) -> str``.

``view`` holds what the Markdown and HTML reports share (the report laid out
for a reader, word diffs, trimming, paths, escaping of control characters).
"""

from . import html, json, markdown, sarif, text

FORMATS = {
    "markdown": markdown.render,
    "html": html.render,
    "json": json.render,
    "sarif": sarif.render,
    "text": text.render,
}

__all__ = ["FORMATS"]
