"""Report writers: one module per output format, each with ``render(report, color=False) -> str``."""

from . import json, markdown, sarif, text

FORMATS = {"markdown": markdown.render, "json": json.render, "sarif": sarif.render, "text": text.render}

__all__ = ["FORMATS"]
