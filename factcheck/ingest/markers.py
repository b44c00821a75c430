"""Inline ``factcheck: ignore`` markers: where each one stands and which checks it silences for which lines.

"factcheck: ignore title-conflict" on a line of its own, bare or inside an HTML
comment or behind a comment mark, silences those checks (all, if none are named)
for the paragraph that follows.
"""

from __future__ import annotations

import re

from ..models import Document


def named_checks(names: str) -> frozenset[str]:
    """The check names a marker lists (spaces or commas between them); none listed means every check, "*"."""
    found = frozenset(n for n in re.split(r"[\s,]+", names.strip()) if n)
    return found or frozenset({"*"})


SUPPRESS_LINE = re.compile(
    r"(?:<!--[ \t]*)?(?:#+|//|%|;)?[ \t]*factcheck:[ \t]*ignore\b(?P<checks>[^\n]*?)[ \t]*(?:-->)?",
    re.IGNORECASE,
)
SUPPRESS = re.compile(r"^[ \t]*" + SUPPRESS_LINE.pattern + r"[ \t]*$", re.MULTILINE | re.IGNORECASE)


def line_markers(
    text: str, start: int = 0, outside: list[tuple[int, int]] | tuple = ()
) -> list[tuple[int, frozenset[str]]]:
    """(offset just after, checks) of each marker line in ``text`` from ``start``, except those inside ``outside``.

    ``outside`` holds (start, end) spans where a marker is no instruction (a fenced code block shows it as code).
    """
    return [
        (m.end(), named_checks(m.group("checks")))
        for m in SUPPRESS.finditer(text, start)
        if not any(a <= m.start() < b for a, b in outside)
    ]


def scopes(doc: Document, markers: list[tuple[int, frozenset[str]]]) -> list[tuple[int, int, frozenset[str]]]:
    """(first line, last line, checks) of the paragraph each suppression marker covers: the next block."""
    found = []
    for offset, checks in markers:
        block = next((b for b in doc.blocks if b.start >= offset), None)
        if block is not None:
            found.append(
                (doc.position(block.start)[0], doc.position(max(block.end - 1, block.start))[0], checks)
            )
    return found
