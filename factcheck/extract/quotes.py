"""Direct quotations: where they are, what they say, and who is said to say them.

Curly quotes pair by direction; straight double quotes pair in order. A quote may
run over several sentences, so quotes are found per block (paragraph), not per
sentence. Single quotes are left alone: they are apostrophes too often.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = {"“": "”", "«": "»", "„": "“"}
_MARKS = re.compile('[“«„"]')
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Quote:
    start: int  # offsets in the document text, marks excluded
    end: int
    text: str


def quote_spans(text: str, start: int, end: int) -> list[Quote]:
    """Quotations inside ``text[start:end]``."""
    out: list[Quote] = []
    i = start
    while i < end:
        mark = _MARKS.search(text, i, end)  # jump to the next quotation mark, not char by char
        if not mark:
            break
        i = mark.start()
        ch = text[i]
        if ch in _OPEN:
            close = text.find(_OPEN[ch], i + 1, end)
            if close < 0:
                # An unclosed quote runs to the end of the paragraph, as in news style
                # where a quote continues into the next paragraph.
                close = end
            out.append(Quote(i + 1, close, text[i + 1:close]))
            i = close + 1
        elif ch == '"':
            close = text.find('"', i + 1, end)
            if close < 0:
                # As with curly quotes: a quote left open runs on into the next paragraph.
                close = end
            out.append(Quote(i + 1, close, text[i + 1:close]))
            i = close + 1
    return [q for q in out if _WORD.search(q.text)]


def inside(quotes: list[Quote], offset: int) -> bool:
    return any(q.start <= offset < q.end for q in quotes)
