"""An article's summary box: the list of points at the top of its body, or the points after a label such as "Key
points", which the article then tells at length. Like a headline, a summary box is the article's own digest, so a
figure in it that the body does not give is the page contradicting itself.

Read from the text as written (Markdown and plain text): an HTML page's list markers are gone by the time its
visible text is read, so only its labelled boxes are found.
"""

from __future__ import annotations

from itertools import takewhile
import re

from ..models import Corpus, Sentence

# A list line: "- ", "* ", "+ ", "• ", "1. ", "2) ".
_ITEM = re.compile(r"[-*+•]\s|\d{1,2}[.)]\s")


def on_list_line(s: Sentence) -> bool:
    """Whether ``s`` stands on a line that is a list item (the marker before it, or the start of its own text)."""
    text = s.doc.text
    line = text.rfind("\n", 0, s.start) + 1
    return bool(_ITEM.match(text[line : s.start + 4].lstrip()))


def _label(s: Sentence, labels: frozenset[str]) -> bool:
    """Whether ``s`` is a summary box's label alone ("Key points", "In brief:")."""
    return " ".join(s.text.lower().strip(" :*#—-").split()) in labels


def summary_sentences(corpus: Corpus, labels: frozenset[str]) -> set[tuple[str, int]]:
    """The keys of the sentences in each document's summary box: the list lines the body opens with, before any
    other paragraph, and the points after a label of ``labels`` (its list lines, else its next paragraph)."""
    out: set[tuple[str, int]] = set()
    for sentences in corpus.by_document().values():
        body = [s for s in sentences if not s.headline]
        out.update(s.key for s in takewhile(on_list_line, body))  # the list the body opens with
        for i, s in enumerate(body):
            if _label(s, labels) and i + 1 < len(body):
                points = body[i + 1 :]
                # the label's list lines, else its next paragraph
                shown = list(takewhile(on_list_line, points)) or [
                    p for p in points if p.block == points[0].block
                ]
                out.update(p.key for p in shown)
    return out
