"""Report writers: one module per output format, each with ``render(report) -> str``."""

from . import json, markdown

FORMATS = {"markdown": markdown.render, "json": json.render}

__all__ = ["FORMATS"]
