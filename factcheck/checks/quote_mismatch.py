"""quote-mismatch: a direct quote worded differently in two sources.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

Quotes are compared sentence by sentence, so a short quote is found inside a long
one. Identical wording (after case, punctuation and spacing) is no finding. Two
quotes with different known speakers are left to attribution-conflict. Paraphrase
outside quotation marks is not a quote and is never compared.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from ..extract.names import SPEECH_BEFORE, fold
from ..extract.quotes import quote_spans
from ..models import Corpus, Finding, Sentence, evidence_at
from ..sentences import split_block
from ..groups import components
from .base import Check, Example

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_diff(a: str, b: str) -> str:
    """A word-level diff of b against a: removed words as [-x-], added as {+y+}; long equal runs shortened."""
    wa, wb = a.split(), b.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=[w.lower().strip(",.;:“”\"") for w in wa],
                                                      b=[w.lower().strip(",.;:“”\"") for w in wb], autojunk=False).get_opcodes():
        if op == "equal":
            run = wa[i1:i2]
            out.append(" ".join(run) if len(run) <= 8 else " ".join(run[:3] + ["…"] + run[-3:]))
        else:
            if i2 > i1:
                out.append("[-" + " ".join(wa[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return " ".join(out)


@dataclass
class QuotePart:
    """One sentence of a direct quote, with its sentence and speaker."""

    text: str
    start: int  # offset in the document text
    sentence: Sentence
    speaker: str | None


_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ine)$")
_BEFORE = re.compile(r"\b(?:" + "|".join(SPEECH_BEFORE) + r")\s+((?:[^\s“”\"]+\s+){0,4})$", re.IGNORECASE)


def _speaks(m, vocab) -> bool:
    """Whether a person mention stands beside a speech verb.

    After the name: "Lukashenko said". Before it, with only a title between:
    "cited Nurleu as saying", "said Mayor Tomas Brandt", "said engineer Lukas Ferro".
    """
    text = m.sentence.text
    after = words(text[m.end:m.end + 40])
    if after and after[0] in vocab.speech_verbs:
        return True
    before = _BEFORE.search(text[max(0, m.start - 60):m.start])
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
    return next((name for o, name in speaking.get(sentence.doc.path, []) if sentence.start <= o < sentence.end), None)


def quote_parts(corpus: Corpus, min_words: int, speaking: dict | None = None) -> list[QuotePart]:
    """Every quoted sentence of at least ``min_words`` words, with its speaker when the text names one.

    The speaker is the nearest person in the same paragraph who stands beside a
    speech verb ("Lukashenko said", "Nurtleu reminded", "cited Nurleu as saying"); a
    name that merely stands near a quote is not its speaker.
    """
    speaking = speakers(corpus) if speaking is None else speaking
    by_doc = corpus.by_document()
    parts: list[QuotePart] = []
    for doc in corpus.documents:
        sentences = by_doc.get(doc.path, [])
        for b, block in enumerate(doc.blocks):
            quotes = quote_spans(doc.text, block.start, block.end)
            inside = [(q.start, q.end) for q in quotes]
            named = [(o, n) for o, n in speaking.get(doc.path, [])
                     if block.start <= o < block.end and not any(s <= o < e for s, e in inside)]
            for q in quotes:
                near = sorted(named, key=lambda x: min(abs(x[0] - q.start), abs(x[0] - q.end)))
                speaker = near[0][1] if near and min(abs(near[0][0] - q.start), abs(near[0][0] - q.end)) < 300 else None
                for s, e in split_block(doc.text, q.start, q.end):
                    text = doc.text[s:e]
                    if len(words(text)) < min_words:
                        continue
                    sentence = next((x for x in sentences if x.start <= s < x.end), None)
                    if sentence is not None:
                        parts.append(QuotePart(text, s, sentence, speaker))
    return parts


def quoted(corpus: Corpus, min_words: int) -> list[QuotePart]:
    """The corpus's quote claims of at least ``min_words`` words, as quote parts (no re-extraction)."""
    return [QuotePart(c.text, c.offset, c.sentence, c.speaker) for c in corpus.claims_of("quote") if len(words(c.text)) >= min_words]


def same_speaker(a: str | None, b: str | None, translit) -> bool | None:
    """Whether two speakers are one person: None when either is unknown.

    Transliterations and one-letter slips ("Nurleu" / "Nurtleu") count as the same
    person; the spelling itself is name-misspelling's business.
    """
    if not a or not b:
        return None
    last_a, last_b = a.split()[-1], b.split()[-1]
    return translit.same(last_a, last_b) or OSA.distance(last_a.lower(), last_b.lower()) <= 1


def similarity(a: str, b: str) -> float:
    na, nb = " ".join(words(a)), " ".join(words(b))
    return max(fuzz.ratio(na, nb), fuzz.token_set_ratio(na, nb))


class QuoteMismatch(Check):
    name = "quote-mismatch"
    message_fields = ('diff', 'speaker')
    needs = ("quote",)
    defaults = {"min_words": 5, "similarity": 80}
    examples = (
        Example({"a.txt": "Interview\n“The time is not far off when you will come to Russia and ask for help,” Lukashenko said.\n",
                 "b.txt": "Criticism\nLukashenko stated: “The time is not far away when you will come to the same Russia and ask for help.”\n"},
                ("The time is not far off when you will come to Russia and ask for help,",)),
        Example({"a.txt": "Interview\n“The time is not far off when you will come to Russia,” Lukashenko said.\n",
                 "b.txt": "Criticism\nLukashenko said: “The time is not far off when you will come to Russia.”\n"},
                note="the same words"),
    )

    def run(self, corpus: Corpus) -> list[Finding]:
        translit = corpus.lexicons.transliteration
        by_story: dict[int, list[QuotePart]] = {}
        for p in quoted(corpus, self.params["min_words"]):
            by_story.setdefault(corpus.story_of.get(p.sentence.doc.path, 0), []).append(p)
        clashes = []
        for parts in by_story.values():
            for i, a in enumerate(parts):
                for b in parts[i + 1:]:
                    if a.sentence.doc.path == b.sentence.doc.path or same_speaker(a.speaker, b.speaker, translit) is False:
                        continue
                    na, nb = " ".join(words(a.text)), " ".join(words(b.text))
                    if na in nb or nb in na:
                        continue  # the same words, one quote shorter than the other
                    if similarity(a.text, b.text) >= self.params["similarity"]:
                        clashes.append((a, b))
        findings = []
        # One finding per group of wordings of one quote, however many sources repeat each wording.
        for group in components(clashes):
            wordings: dict[str, list[QuotePart]] = {}
            for p in group:
                wordings.setdefault(" ".join(words(p.text)), []).append(p)
            # The wording most sources use first, then the one that appears first in document order.
            ranked = sorted(wordings.values(), key=lambda ps: (-len({p.sentence.doc.path for p in ps}),
                                                                min((p.sentence.doc.path, p.start) for p in ps)))
            shown = [" ".join(ps[0].text.split()) for ps in ranked]
            speaker = next((p.speaker for p in group if p.speaker), None)
            findings.append(self.finding(
                subject=speaker or "unattributed quote",
                values=shown,
                evidence=[evidence_at(p.sentence, " ".join(p.text.split()[:6]), p.start) for p in group],
                suggestion="Check the quote against the original statement or recording.",
                diff=word_diff(shown[0], shown[1]),
                speaker=speaker or "an unnamed speaker",
            ))
        return findings
