"""Direct quotations: where they are, what they say, and who is said to say them.

Curly quotes pair by direction; straight double quotes pair in order. A quote may
run over several sentences, so quotes are found per block (paragraph), not per
sentence. A paragraph with no double quotes may quote in single ones, as British
house styles do ('We will rebuild,' she said): a single mark opens a quote only
after a space, a bracket, a dash or a colon (or at the paragraph's start) and before
a letter, and closes it only after a letter or punctuation and before a space or
punctuation, so an apostrophe ("won't", "the workers' union") is never a mark.

Each quoted sentence becomes a ``QuotePart`` (``quote_parts``) with its speaker: the
nearest person in its paragraph who stands beside a speech verb (``speakers``).
The checks read them as quote claims (``quoted``), never re-extracting.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from ..models import Corpus, Sentence
from .sentences import split_block
from .names import fold

_OPEN = {"“": "”", "«": "»", "„": "“"}
_MARKS = re.compile('[“«„"]')
_WORD = re.compile(r"\w")
_SINGLE_OPEN = re.compile(r"['‘](?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w,.!?])['’]")
_BEFORE_OPEN = frozenset(" \t\r\n([:—–")
_AFTER_CLOSE = frozenset(" \t\r\n,.;:!?)]—–")
_WORDS = re.compile(r"\w+")
MAX_SINGLE = (
    1500  # characters: a single-quoted passage longer than this is an apostrophe that found no partner
)


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
            out.append(Quote(i + 1, close, text[i + 1 : close]))
            i = close + 1
        elif ch == '"':
            close = text.find('"', i + 1, end)
            if close < 0:
                # As with curly quotes: a quote left open runs on into the next paragraph.
                close = end
            out.append(Quote(i + 1, close, text[i + 1 : close]))
            i = close + 1
    return [q for q in out if _WORD.search(q.text)]


def _single_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Single-quoted passages of ``text[start:end]``: each opening mark with the first closing mark after it.

    One pass over the marks (linear in the text, whatever the apostrophes): an
    opening mark stands after a space, bracket, dash or colon (or at the start) and
    before a letter; a closing one after a letter or punctuation and before a space,
    punctuation or the end.
    """
    opens = [
        m.start()
        for m in _SINGLE_OPEN.finditer(text, start, end)
        if m.start() == start or text[m.start() - 1] in _BEFORE_OPEN
    ]
    closes = [
        m.start()
        for m in _SINGLE_CLOSE.finditer(text, start, end)
        if m.end() == end or text[m.end()] in _AFTER_CLOSE
    ]
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
            out.append(Quote(o + 1, c, text[o + 1 : c]))
            last = c
    return out


def inside(quotes: list[Quote], offset: int) -> bool:
    return any(q.start <= offset < q.end for q in quotes)


def words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


@dataclass
class QuotePart:
    """One sentence of a direct quote, with its sentence and speaker.

    A part joined with its neighbour in the same quotation (``Joiner``) holds both
    sentences' words, and ``pieces`` names the sentences it came from.
    """

    text: str
    start: int  # offset in the document text
    sentence: Sentence
    speaker: str | None
    end: int = -1  # offset of the quote's end in the document text (-1: not known)
    pieces: tuple[QuotePart, ...] = ()

    @property
    def parts(self) -> tuple[QuotePart, ...]:
        return self.pieces or (self,)


_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ine)$")


@functools.lru_cache(maxsize=8)
def _before(verbs: tuple[str, ...]) -> re.Pattern:
    """A speech verb (``speech_before`` in rules/names.yaml) and up to four words after it, at the text's end."""
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in v.split()) for v in verbs) or r"(?!)"
    return re.compile(r"\b(?:" + alternatives + r")\s+((?:[^\s“”\"]+\s+){0,4})$", re.IGNORECASE)


def _speaks(m, vocab) -> bool:
    """Whether a person mention stands beside a speech verb.

    After the name: "Lukashenko said". Before it, with only a title between:
    "cited Nurleu as saying", "said Mayor Tomas Brandt", "said engineer Lukas Ferro".
    A name right before a post word is that post's place or body, not a speaker:
    "said Velmora district chief Anton Pirs", "said a Kremlin spokesman".
    """
    text = m.sentence.text
    after = words(text[m.end : m.end + 40])
    if after and after[0] in vocab.speech_verbs:
        return True
    if re.match(r" [A-Za-z]", text[m.end : m.end + 2]) and after and fold(after[0]) in vocab.post_words:
        return (
            False  # "said Velmora district chief Anton Pirs": the place qualifies the post; the person speaks
        )
    before = _before(vocab.speech_before).search(text[max(0, m.start - 60) : m.start])
    if not before:
        return False
    between = before.group(1).split()
    # only a title may stand between verb and name: "said that Nurtleu..." does not make him the speaker
    return all(w[:1].isupper() or fold(w.strip(",")) in vocab.never for w in between)


def speakers(corpus: Corpus) -> dict[str, list[tuple[int, str]]]:
    """Per document, (offset, person) for every person mention that stands beside a speech verb."""
    vocab = corpus.lexicons.names
    out: dict[str, list[tuple[int, str]]] = {}
    for person in corpus.people:
        if len(person.name.split()) < 2 and _DEMONYM.search(person.name):
            continue  # "The Argentinian said": a nationality, not a person
        for m in person.mentions:
            if _speaks(m, vocab):
                out.setdefault(m.sentence.doc.path, []).append((m.sentence.start + m.start, person.name))
    for found in out.values():
        found.sort()
    return out


def speaker_of(speaking: dict[str, list[tuple[int, str]]], sentence: Sentence) -> str | None:
    """The first speaking person named in ``sentence`` ("Lukashenko said that ...")."""
    return next(
        (name for o, name in speaking.get(sentence.doc.path, []) if sentence.start <= o < sentence.end), None
    )


def quote_parts(corpus: Corpus, min_words: int, speaking: dict | None = None) -> list[QuotePart]:
    """Every quoted sentence of at least ``min_words`` words, with its speaker when the text names one.

    Quotes in a headline are left out: headlines cut quotes short and reword them
    by convention, so a headline neither agrees nor disagrees with another outlet.

    The speaker is the nearest person in the same paragraph who stands beside a
    speech verb ("Lukashenko said", "Nurtleu reminded", "cited Nurleu as saying"); a
    name that merely stands near a quote is not its speaker.
    """
    speaking = speakers(corpus) if speaking is None else speaking
    by_doc = corpus.by_document()
    parts: list[QuotePart] = []
    for doc in corpus.documents:
        sentences = by_doc.get(doc.path, [])
        for block in doc.blocks:
            quotes = quote_spans(doc.text, block.start, block.end)
            inside = [(q.start, q.end) for q in quotes]
            named = [
                (o, n)
                for o, n in speaking.get(doc.path, [])
                if block.start <= o < block.end and not any(s <= o < e for s, e in inside)
            ]
            for q in quotes:
                near = sorted(named, key=lambda x: min(abs(x[0] - q.start), abs(x[0] - q.end)))
                speaker = (
                    near[0][1]
                    if near and min(abs(near[0][0] - q.start), abs(near[0][0] - q.end)) < 300
                    else None
                )
                for s, e in split_block(doc.text, q.start, q.end):
                    text = doc.text[s:e]
                    if len(words(text)) < min_words:
                        continue
                    sentence = next((x for x in sentences if x.start <= s < x.end), None)
                    # A headline trims and rewords a quote by convention: it is no outlet's version of the words.
                    if sentence is not None and not sentence.headline:
                        parts.append(QuotePart(text, s, sentence, speaker, e))
    return parts


def quoted(corpus: Corpus, min_words: int) -> list[QuotePart]:
    """The corpus's quote claims of at least ``min_words`` words, as quote parts (no re-extraction)."""
    return [
        QuotePart(c.text, c.offset, c.sentence, c.speaker, c.sentence.start + c.end)
        for c in corpus.claims_of("quote")
        if len(words(c.text)) >= min_words
    ]


def same_speaker(a: str | None, b: str | None, translit) -> bool | None:
    """Whether two speakers are one person: None when either is unknown.

    Transliterations and one-letter slips ("Nurleu" / "Nurtleu") count as the same
    person; the spelling itself is name-misspelling's business.
    """
    if not a or not b:
        return None
    last_a, last_b = a.split()[-1], b.split()[-1]
    return translit.same(last_a, last_b) or OSA.distance(last_a.lower(), last_b.lower()) <= 1


def speaker_key(name: str | None) -> str:
    """A speaker's surname, lower case: "President Lukashenko" and "Lukashenko" are one speaker."""
    return name.split()[-1].lower() if name else ""
