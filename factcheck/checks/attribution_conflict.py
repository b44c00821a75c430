"""attribution-conflict: the same words put in two different mouths, or the same statement told of two people.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

Quotes match when their wording is at least ``similarity`` alike (0-100); a
distinctive statement in reported speech ("X said that ...") matches when the two
sentences' embeddings are at least ``statement_similarity`` alike and it runs to
``min_words`` words. Speakers are the same person when their names are (see
quote-mismatch): a misspelt or transliterated name is not another speaker.

Words can also be told of two different people: one source quotes "Anton Velis has
served 400 days", another writes that Marek Dorn "has served 400 days". A quote
found word for word inside another source's longer quote, right after a person's
name there, and right after another person's name in its own sentence, is asked
about in the ``told_of_message`` wording.

And one statement can name two different actors: "the referee sent off Diaz"
against "the referee sent off Ortega". In two sentences told alike (one cluster,
or vectors at least ``swap_similarity`` alike), a name put where the other source
puts another name, after the same ``swap_context`` words, is asked at
``swap_severity`` in the ``swap_message`` wording, unless the names are one name
spelt two ways.
"""

from __future__ import annotations

from dataclasses import dataclass
import difflib
import re

import numpy as np
from rapidfuzz.distance import OSA
from threadpoolctl import threadpool_limits

from ..extract.dates import MONTHS, WEEKDAYS
from ..extract.names import fold
from ..models import Corpus, Finding, Sentence, evidence_at
from ..groups import components
from ._claims import claim_pairs
from .base import Check, Example
from ..extract.quotes import QuotePart, quoted, same_speaker, speaker_of, speakers, words
from .quote_mismatch import similarity


class AttributionConflict(Check):
    name = "attribution-conflict"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/attribution-conflict.yaml, typed; their values are stated there."""

        similarity: float
        min_words: int
        statement_similarity: float
        statement_min_words: int
        min_length_ratio: float
        told_of_message: str
        swap_similarity: float
        swap_context: int
        swap_severity: str
        swap_message: str

    message_fields = ("speakers",)
    needs = ("quote",)
    examples = (
        Example(
            {
                "a.txt": "Collapse\nThe Kestrel Bridge in Dunmore collapsed on Friday.\n"
                "“Nobody could have predicted this failure,” said Mayor Tomas Brandt.\n",
                "b.txt": "Collapse\nThe Kestrel Bridge in Dunmore fell into the river.\n"
                "“Nobody could have predicted this failure,” said engineer Lukas Ferro.\n",
            },
            ("Tomas Brandt", "Lukas Ferro"),
        ),
        Example(
            {
                "a.txt": "Collapse\n“Nobody could have predicted this failure of the bridge,” said Mayor Tomas Brandt.\n",
                "b.txt": "Collapse\nMayor Tomas Brandt said: “Nobody could have predicted this failure of the bridge.”\n",
            }
        ),
        Example(
            {
                "a.txt": "Shake-up\nPresident Ilka Sorn replaced the transport minister on Monday.\n"
                "“Anton Velis has served through more than 400 days of crisis,” Ilka Sorn wrote.\n",
                "b.txt": "Shake-up\nPresident Ilka Sorn replaced the transport minister on Monday.\n"
                "Ilka Sorn wrote that new leadership was needed after Marek Dorn “has served through more than "
                "400 days of crisis”.\n",
            },
            ("Anton Velis", "Marek Dorn"),
        ),
        Example(
            {
                "a.txt": "Shake-up\nPresident Ilka Sorn replaced the transport minister on Monday.\n"
                "“Anton Velis has served through more than 400 days of crisis,” Ilka Sorn wrote.\n",
                "b.txt": "Shake-up\nPresident Ilka Sorn replaced the transport minister on Monday.\n"
                "Ilka Sorn wrote that new leadership was needed after Velis “has served through more than "
                "400 days of crisis”.\n",
            }
        ),
        Example(
            {
                "a.txt": "Derby\nThe referee sent off Marco Diaz after an hour of the derby in Velmora.\n"
                "Luis Ortega had scored for the visitors before the break.\n",
                "b.txt": "Derby\nThe referee sent off Luis Ortega after an hour of the derby in Velmora.\n",
            },
            ("Luis Ortega", "Marco Diaz"),
            note="one statement, two actors of the story: asked",
        ),
        Example(
            {
                "a.txt": "Derby\nAnalysts at the Velmora institute expect the derby to be sold out.\n",
                "b.txt": "Derby\nAnalysts at the Temsil institute expect the derby to be sold out.\n",
            },
            note="each outlet's own source, named once in a stock sentence: no swap",
        ),
        Example(
            {
                "a.txt": "Derby\nThe referee sent off Marco Diaz after an hour of the derby in Velmora.\n",
                "b.txt": "Derby\nThe referee sent off Marco Dias after an hour of the derby in Velmora.\n",
            },
            note="one name spelt two ways is name-misspelling's question",
        ),
        Example(
            {
                "a.txt": "Water bill\nLawmakers in Velmora voted on Monday to send the water bill to the Council of Elders "
                "for a final review.\n",
                "b.txt": "Water bill\nLawmakers in Velmora voted on Monday to send the water bill to the State Council "
                "for a final review.\n",
            },
            ("Council of Elders", "State Council"),
            note="one sentence nearly word for word, one body changed: asked",
        ),
    )

    def one_quote(self, a: str, b: str) -> bool:
        """Whether two quotes are one: the shorter stands word for word in the longer, or both are of a length
        and at least ``similarity`` alike. Four of a short quote's five words scattered through a long one
        ("It is time for justice" / "It's been a long time but justice arrived") are not the same words."""
        wa, wb = " ".join(words(a)), " ".join(words(b))
        if wa in wb or wb in wa:
            return True
        short, long_ = sorted((len(wa.split()), len(wb.split())))
        return short >= self.params.min_length_ratio * long_ and similarity(a, b) >= self.params.similarity

    def run(self, corpus: Corpus) -> list[Finding]:
        translit = corpus.lexicons.transliteration
        speaking = speakers(corpus)
        parts = [p for p in quoted(corpus, self.params.min_words) if p.speaker]
        clashes = self._quote_clashes(corpus, parts, translit)
        # Reported speech: the same long statement with two different named speakers.
        clashes += self._statement_clashes(corpus, parts, speaking, translit)
        findings = [self.told_of(a, b) for a, b in self.told_of_pairs(corpus)]
        findings += [self.swap(a, b) for a, b in self.swapped(corpus)]
        for group in components(clashes):
            names = sorted({p.speaker for p in group})
            if len(names) < 2:
                continue
            findings.append(
                self.finding(
                    subject=" ".join(group[0].text.split()[:10]) + "…",
                    values=names,
                    evidence=[evidence_at(p.sentence, p.speaker) for p in group],
                    suggestion="Establish who said it from the recording or the original statement.",
                    speakers=names,
                )
            )
        return findings

    def _quote_clashes(
        self, corpus: Corpus, parts: list[QuotePart], translit
    ) -> list[tuple[QuotePart, QuotePart]]:
        """Pairs of one quote in two sources of one story given to two different speakers."""
        clashes: list[tuple[QuotePart, QuotePart]] = []
        for i, a in enumerate(parts):
            for b in parts[i + 1 :]:
                if a.sentence.doc.path == b.sentence.doc.path or not corpus.same_story(
                    a.sentence, b.sentence
                ):
                    continue
                if same_speaker(a.speaker, b.speaker, translit) is False and self.one_quote(a.text, b.text):
                    clashes.append((a, b))
        return clashes

    def _statement_clashes(
        self, corpus: Corpus, parts: list[QuotePart], speaking, translit
    ) -> list[tuple[QuotePart, QuotePart]]:
        """Pairs of long statements outside quotes, told alike, that name two different speakers."""
        clashes: list[tuple[QuotePart, QuotePart]] = []
        in_quotes = {p.sentence.key for p in parts}
        said = {}
        for s in corpus.sentences:
            if s.key not in in_quotes and len(s.text.split()) >= self.params.statement_min_words:
                who = speaker_of(speaking, s)
                if who:
                    said[s.key] = QuotePart(s.text, s.start, s, who)
        statements = (p.sentence for p in said.values())
        for a, b, _ in claim_pairs(corpus, statements, self.params.statement_similarity, by_cluster=False):
            pa, pb = said[a.key], said[b.key]
            if same_speaker(pa.speaker, pb.speaker, translit) is False:
                clashes.append((pa, pb))
        return clashes

    def told_of_pairs(self, corpus: Corpus):
        """((longer quote, name), (shorter quote, name)) where the shorter stands word for word in the longer right
        after one person's name there, and right after another person's name in its own sentence."""
        translit = corpus.lexicons.transliteration
        surnames: dict[str, dict[str, str]] = {}  # document -> last name (lower case) -> the person's name
        for person in corpus.people:
            for m in person.mentions:
                surnames.setdefault(m.sentence.doc.path, {})[person.name.split()[-1].lower()] = person.name
        parts = quoted(corpus, self.params.min_words)
        for i, a in enumerate(parts):
            for b in parts[i + 1 :]:
                if a.sentence.doc.path == b.sentence.doc.path or not corpus.same_story(
                    a.sentence, b.sentence
                ):
                    continue
                short, long_ = sorted((a, b), key=lambda p: len(words(p.text)))
                ws, wl = words(short.text), words(long_.text)
                at = next((k for k in range(1, len(wl) - len(ws) + 1) if wl[k : k + len(ws)] == ws), None)
                if at is None:
                    continue
                inside = surnames.get(long_.sentence.doc.path, {}).get(wl[at - 1])
                lead_in = words(short.sentence.doc.text[short.sentence.start : short.start])
                outside = surnames.get(short.sentence.doc.path, {}).get(lead_in[-1]) if lead_in else None
                if inside and outside and same_speaker(inside, outside, translit) is False:
                    yield (long_, inside), (short, outside)

    def told_of(self, *told: tuple[QuotePart, str]) -> Finding:
        return self._two_names(
            told[-1][0].text,
            [(p.sentence, name, name.split()[-1]) for p, name in told],
            "Check in the original statement whom these words are about.",
            self.params.told_of_message,
        )

    def _two_names(
        self,
        subject: str,
        places: list[tuple[Sentence, str, str]],
        suggestion: str,
        template: str,
        severity: str | None = None,
    ) -> Finding:
        """A finding on two names for one role, each shown at its place: (sentence, name, the words to point at)."""
        names = sorted(name for _, name, _ in places)
        return self.finding(
            subject=" ".join(subject.split()[:10]) + "…",
            values=names,
            evidence=[evidence_at(s, at) for s, _, at in places],
            suggestion=suggestion,
            severity=severity,
            template=template,
            speakers=names,
        )

    def swapped(self, corpus: Corpus):
        """((sentence, name), (sentence, name)) for two sentences told alike, in two sources of one story, where
        one puts a name after the same ``swap_context`` words as the other puts another name."""
        if corpus.vectors is None:
            return
        translit = corpus.lexicons.transliteration
        never = corpus.lexicons.names.never
        rows = {s.key: i for i, s in enumerate(corpus.sentences)}
        chosen = [s for s in corpus.sentences if corpus.names.get(s.key)]
        pairs = self._near_pairs(corpus, chosen, rows)
        words = {}
        where: dict = {}  # story -> word -> the sentences that write it, built when a swap is first found there
        for i, j in sorted(pairs):
            for n in (i, j):
                if n not in words:
                    ws = _TOKEN.findall(chosen[n].text)
                    words[n] = ({w.lower() for w in ws}, {w.lower() for w in ws[1:] if w[:1].isupper()})
            if not (words[i][1] - words[j][0] and words[j][1] - words[i][0]):
                continue  # no capitalised word of one sentence is missing from the other
            a, b = sorted((chosen[i], chosen[j]), key=lambda s: (s.doc.path, s.start))
            yield from self._pair_swaps(corpus, a, b, rows, where, translit, never)

    def _near_pairs(self, corpus: Corpus, chosen: list[Sentence], rows: dict) -> set[tuple[int, int]]:
        """(i, j), i < j, indices into ``chosen`` of sentences in two sources of one story, each among the other's
        nearest and at least ``swap_similarity`` alike."""
        by_story: dict[str, list[int]] = {}
        for n, s in enumerate(chosen):
            by_story.setdefault(str(corpus.story_of.get(s.doc.path)), []).append(n)
        docs = np.unique([s.doc.path for s in chosen], return_inverse=True)[1] if chosen else None
        pairs = set()
        # Stories are small and many: one BLAS thread each, as threads woken for a tiny product cost more than it.
        with threadpool_limits(1, user_api="blas"):
            for story in sorted(by_story):
                members = np.array(by_story[story])
                if len(np.unique(docs[members])) < 2:
                    continue  # a story one source tells has no pair of sources: nothing to search (issue 22, r25)
                vectors = corpus.vectors[[rows[chosen[n].key] for n in members]]
                k = min(SWAP_NEIGHBOURS, len(members))
                block = max(1, BLOCK_CELLS // len(members))  # rows at a time: bounded memory in a large story
                for start in range(0, len(members), block):
                    sims = vectors[start : start + block] @ vectors.T
                    # Each sentence meets only its nearest few: in a story told by thousands of near-identical
                    # articles, every pair above the threshold would be diffed.
                    nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
                    ii, kk = np.nonzero(
                        np.take_along_axis(sims, nearest, axis=1) >= self.params.swap_similarity
                    )
                    ii, jj = members[ii + start], members[nearest[ii, kk]]
                    keep = docs[ii] != docs[jj]
                    pairs.update(zip(np.minimum(ii, jj)[keep].tolist(), np.maximum(ii, jj)[keep].tolist()))
        return pairs

    def _pair_swaps(self, corpus: Corpus, a: Sentence, b: Sentence, rows: dict, where: dict, translit, never):
        """((a, name), (b, other name)) for each name swap between two sentences that is no stock-sentence pair."""
        for x, y in _swaps(a, b, self.params.swap_context, never):
            if _one_name(x, y, translit):
                continue
            told = corpus.story_of.get(a.doc.path)
            if told not in where:
                where[told] = _story_words(corpus, told)
            # An actor of the story is named elsewhere too; two names each written once in a stock sentence
            # ("analysts at the X institute expect...") are two outlets' own sources, not a swap.
            # One sentence copied nearly word for word (at least VERBATIM_SIMILARITY alike) with one body or person
            # changed is no pair of stock sentences naming each outlet's own source: asked even if neither name
            # is written elsewhere ("the bill goes to the Council of Elders" / "... to the State Council").
            verbatim = float(corpus.vectors[rows[a.key]] @ corpus.vectors[rows[b.key]]) >= VERBATIM_SIMILARITY
            if verbatim or any(_written(n, where[told], {a.key, b.key}) for n in (x, y)):
                yield (a, x), (b, y)

    def swap(self, *told: tuple[Sentence, str]) -> Finding:
        return self._two_names(
            told[0][0].text,
            [(s, name, name) for s, name in told],
            "Check which name the original source gives.",
            self.params.swap_message,
            self.params.swap_severity,
        )


def _story_words(corpus: Corpus, told) -> dict[str, set]:
    """Word -> the keys of the sentences of story ``told`` that write it."""
    index: dict[str, set] = {}
    for s in corpus.sentences:
        if corpus.story_of.get(s.doc.path) == told:
            for w in _TOKEN.findall(s.text):
                index.setdefault(w, set()).add(s.key)
    return index


SWAP_NEIGHBOURS = 16
VERBATIM_SIMILARITY = 0.95  # one sentence copied nearly word for word
BLOCK_CELLS = 1 << 22  # similarities held at once (16 MB of float32)
_TOKEN = re.compile(r"[\w’'-]+")
_NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)
_CONNECTORS = frozenset({"of", "for"})


def _word_swaps(a: Sentence, b: Sentence, context: int, never) -> list[tuple[str, str]]:
    """(name in a, name in b) where a word-level diff of the two sentences replaces one run of capitalised words
    with another after ``context`` equal words, and neither run's words appear anywhere in the other sentence."""
    wa, wb = _TOKEN.findall(a.text), _TOKEN.findall(b.text)
    la, lb = [w.lower() for w in wa], [w.lower() for w in wb]
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=la, b=lb, autojunk=False).get_opcodes():
        if op != "replace" or i1 < context or j1 < context or la[i1 - context : i1] != lb[j1 - context : j1]:
            continue
        x, y = wa[i1:i2], wb[j1:j2]
        if (
            not (_a_name(x, never) and _a_name(y, never))
            or set(la[i1:i2]) & set(lb)
            or set(lb[j1:j2]) & set(la)
        ):
            continue
        out.append((" ".join(x), " ".join(y)))
    return out


def _tokens(text: str) -> list[str]:
    """A sentence's words, each run of capitalised words (with "of" or "for" inside it) one token: "the Council of
    Elders" / "the State Council" differ in one token, not in a word or two around a shared "Council"."""
    out: list[str] = []
    ws = _TOKEN.findall(text)
    i = 0
    while i < len(ws):
        j = i + 1
        if ws[i][:1].isupper():
            while j < len(ws) and (
                ws[j][:1].isupper() or ws[j] in _CONNECTORS and j + 1 < len(ws) and ws[j + 1][:1].isupper()
            ):
                j += 1
        out.append(" ".join(ws[i:j]))
        i = j
    return out


def _span_swaps(a: Sentence, b: Sentence, context: int, never) -> list[tuple[str, str]]:
    """(name in a, name in b) where a diff of the two sentences (a run of capitalised words one token) replaces one
    name with another after ``context`` equal tokens, and neither name's words appear anywhere in the other sentence."""
    wa, wb = _tokens(a.text), _tokens(b.text)
    la, lb = [w.lower() for w in wa], [w.lower() for w in wb]
    words_a, words_b = set(" ".join(la).split()), set(" ".join(lb).split())
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=la, b=lb, autojunk=False).get_opcodes():
        if op != "replace" or i1 < context or j1 < context or la[i1 - context : i1] != lb[j1 - context : j1]:
            continue
        x, y = " ".join(wa[i1:i2]).split(), " ".join(wb[j1:j2]).split()
        if not (_a_name(x, never) and _a_name(y, never)):
            continue
        own_x = {w.lower() for w in x} - words_b - _CONNECTORS
        own_y = {w.lower() for w in y} - words_a - _CONNECTORS
        if not own_x or not own_y:
            continue  # one name holds every word of the other, or both are written in both sentences
        out.append((" ".join(x), " ".join(y)))
    return out


def _swaps(a: Sentence, b: Sentence, context: int, never) -> list[tuple[str, str]]:
    """The swaps a word-level diff finds, then those only a diff of name tokens finds ("the Council of Elders" /
    "the State Council" share "Council", so word by word the names are an insertion and a deletion)."""
    out = _word_swaps(a, b, context, never)
    return out + [p for p in _span_swaps(a, b, context, never) if p not in out]


def _written(name: str, where: dict[str, set], besides: set) -> bool:
    """Whether a sentence other than ``besides`` writes every word of ``name`` (``where``: word -> sentences)."""
    found = set.intersection(*(where.get(w, set()) for w in name.split()))
    return bool(found - besides)


def _a_name(words: list[str], never) -> bool:
    """A short run of capitalised words (with "of" or "for" inside) with at least one that is no month, weekday or
    common word, or two or more of them ("the State Council": a body named by common words)."""
    names = [w for w in words if w not in _CONNECTORS]
    return (
        0 < len(names) <= 4
        and all(w[:1].isupper() for w in names)
        and words[0][:1].isupper()
        and any(w.lower() not in _NOT_NAMES and (fold(w) not in never or len(names) > 1) for w in names)
    )


def _one_name(x: str, y: str, translit) -> bool:
    """Whether two names are one spelt two ways: a word of each that the other lacks a slip or a romanisation apart,
    or every word of one in the other ("Marek" / "Ivo Marek"). "Council of Elders" / "State Council" share
    a word and are two bodies."""
    wx = {w for w in x.split() if w not in _CONNECTORS}
    wy = {w for w in y.split() if w not in _CONNECTORS}
    own_x, own_y = wx - wy, wy - wx
    if not own_x or not own_y:
        return True
    return any(OSA.distance(fold(p), fold(q)) <= 2 or translit.same(p, q) for p in own_x for q in own_y)
