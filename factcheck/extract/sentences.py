"""Document -> Sentences, each with its exact offsets in the document.

The splitter is a rule-based scanner rather than a model, because editors need
offsets they can trust and behaviour they can predict. A sentence ends at ``.``,
``!``, ``?`` or ``…`` (with any closing quotes and brackets that follow) when the
next word starts a sentence. It does not end:

- after an abbreviation or title ("Dr.", "St.", "U.S.", "a.m.", "Aug."; ``rules/sentences.yaml``),
  nor after an initial ("Stephen M. Bland");
- before a lower-case word or a digit that continues the clause;
- inside an ellipsis that continues a quote ("afraid of someone... Such").

A quote that runs over several sentences is split at its inner sentence ends, and
the closing quotation mark stays with the sentence it closes. Headings with no
final stop are blocks of their own (see ``ingest``), so they come out as sentences.
"""

from __future__ import annotations

import functools
import re

from ..config import MAX_SENTENCE_CHARS
from ..models import Document, Sentence
from ..rules import shipped_lexicon


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(abbreviations, ambiguous ones, sentence openers) from the shipped ``rules/sentences.yaml``, read once.

    The splitter runs with no rule set at hand, so the list is the shipped file's alone (``rules.SHIPPED_ONLY``).
    """
    words = shipped_lexicon("sentences")
    ambiguous = frozenset(words["ambiguous"])
    return frozenset(words["abbreviations"]) | ambiguous, ambiguous, frozenset(words["openers"])


_CLOSERS = "\"'”’»)]"
_OPENERS_CHARS = "\"'“‘«([–—-"
_END = re.compile(r"(?:\.{3}|…|[.!?])+[" + re.escape(_CLOSERS) + r"]*")


def _word_before(text: str, end: int) -> str:
    """The token (letters and inner dots) that ends just before ``end``."""
    i = end
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    return text[i:end]


def _next_word(text: str, pos: int, limit: int) -> tuple[int, str]:
    i = pos
    while i < limit and text[i].isspace():
        i += 1
    j = i
    while j < limit and text[j] in _OPENERS_CHARS:
        j += 1
    k = j
    while k < limit and (text[k].isalnum() or text[k] in "'’-"):
        k += 1
    return i, text[j:k]


def is_boundary(text: str, mark_start: int, mark_end: int, limit: int) -> bool:
    """Whether the terminal mark at ``text[mark_start:mark_end]`` ends a sentence."""
    start, word = _next_word(text, mark_end, limit)
    if start >= limit:
        return True
    if start == mark_end:
        return False  # no space after the mark: "3.5", "akorda.kz", "U.S."
    if not word:
        return text[start] in _OPENERS_CHARS
    first = word[0]
    if first.islower():
        return False
    mark = text[mark_start:mark_end]
    if mark.startswith(".") and not mark.startswith("..."):
        before = _word_before(text, mark_start).lower()
        token = before.rstrip(".")
        if len(token) == 1 and token.isalpha() and text[mark_start - 1].isupper():
            return False  # an initial: "Stephen M. Bland"
        abbreviations, ambiguous, openers = _words()
        if token in abbreviations:
            if token not in ambiguous:
                return False
            return word.lower() in openers
    if mark.startswith(("...", "…")) and mark_end - mark_start <= 3 and text[mark_end - 1] not in _CLOSERS:
        # An ellipsis inside running speech continues it unless a capital follows.
        return first.isupper()
    return first.isupper() or first.isdigit() or not first.isalpha()


def _chunks(text: str, s: int, e: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """A run-on "sentence" (a 1 MB line with no stop) cut at spaces into pieces of at most ``limit`` characters."""
    out = []
    while e - s > limit:
        cut = text.rfind(" ", s + 1, s + limit)
        cut = cut if cut > s else s + limit
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


def split_block(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, trimmed of surrounding white space.

    No span is longer than ``limit`` (config ``max-sentence-length``): text with no
    sentence ends is cut at spaces.
    """
    spans: list[tuple[int, int]] = []
    begin = start
    for m in _END.finditer(text, start, end):
        if is_boundary(text, m.start(), m.end(), end):
            spans.append((begin, m.end()))
            begin = m.end()
    spans.append((begin, end))
    out = []
    for s, e in (piece for span in spans for piece in _chunks(text, *span, limit)):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and any(ch.isalnum() for ch in text[s:e]):
            out.append((s, e))
    return out


def split(doc: Document, limit: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    """All sentences of ``doc``'s analysable blocks, in order, none longer than ``limit`` characters."""
    sentences: list[Sentence] = []
    for b, block in enumerate(doc.blocks):
        for s, e in split_block(doc.text, block.start, block.end, limit):
            sentences.append(
                Sentence(doc=doc, index=len(sentences), start=s, end=e, text=doc.text[s:e], block=b)
            )
    return sentences
