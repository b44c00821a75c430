"""Direct quotations: where they are, what they say, and who is said to say them.

Curly quotes pair by direction; straight double quotes pair in order. A quote may
run over several sentences, so quotes are found per block (paragraph), not per
sentence. A paragraph with no double quotes may quote in single ones, as British
house styles do ('We will rebuild,' she said): a single mark opens a quote only
after a space, a bracket, a dash or a colon (or at the paragraph's start) and before
a letter, and closes it only after a letter or punctuation and before a space or
punctuation, so an apostrophe ("won't", "the workers' union") is never a mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = {"“": "”", "«": "»", "„": "“"}
_MARKS = re.compile('[“«„"]')
_WORD = re.compile(r"\w")
_SINGLE_OPEN = re.compile(r"['‘](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w,.!?])['’]")
_BEFORE_OPEN = frozenset(" \t\r\n([:—–")
_AFTER_CLOSE = frozenset(" \t\r\n,.;:!?)]—–")
MAX_SINGLE = 1500  # characters: a single-quoted passage longer than this is an apostrophe that found no partner


@dataclass(frozen=True)
class Quote:
    start: int  # offsets in the document text, marks excluded
    end: int
    text: str


def quote_spans(text: str, start: int, end: int) -> list[Quote]:
    """Quotations inside ``text[start:end]``."""
    if not _MARKS.search(text, start, end):
        return _single_quotes(text, start, end)
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


def _single_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Single-quoted passages of ``text[start:end]``: each opening mark with the first closing mark after it.

    One pass over the marks (linear in the text, whatever the apostrophes): an
    opening mark stands after a space, bracket, dash or colon (or at the start) and
    before a letter; a closing one after a letter or punctuation and before a space,
    punctuation or the end.
    """
    opens = [m.start() for m in _SINGLE_OPEN.finditer(text, start, end)
             if m.start() == start or text[m.start() - 1] in _BEFORE_OPEN]
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(text, start, end)
              if m.end() == end or text[m.end()] in _AFTER_CLOSE]
    out, j, last = [], 0, start - 1
    for o in opens:
        if o <= last:
            continue
        while j < len(closes) and closes[j] <= o:
            j += 1
        if j == len(closes):
            break
        c = closes[j]
        if c - o <= MAX_SINGLE and _WORD.search(text, o + 1, c):
            out.append(Quote(o + 1, c, text[o + 1:c]))
            last = c
    return out


def inside(quotes: list[Quote], offset: int) -> bool:
    return any(q.start <= offset < q.end for q in quotes)
