"""quote-mismatch: a direct quote worded differently in two sources.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

Quotes are compared sentence by sentence, so a short quote is found inside a long
one; a pair is then widened by a neighbouring sentence of the same quotation when
that sentence holds words of the other side (sentence splits cut quotes). Wordings
that differ only in order and function words ("the country's course" / "the course
of the country") say the same and are reported at ``reordered_severity``. Identical wording (after case, punctuation and spacing) is no finding. Two
quotes with different known speakers are left to attribution-conflict. Paraphrase
outside quotation marks is not a quote and is never compared.

A quote much shorter than its counterpart is a fragment: it is compared with the
span of the longer quote that it stands for, and only that span's words are
diffed. An ellipsis is a gap: each piece around it is compared on its own, and
pieces found word for word are no clash. Two quotes neither of which has a named
speaker are not known to be one statement, and are asked at
``unattributed_severity``.
"""

from __future__ import annotations

from dataclasses import dataclass
import difflib
import itertools
import re

from rapidfuzz import fuzz

from ..extract.names import fold
from ..extract.quotes import QuotePart, quoted, same_speaker, speaker_key, words
from ..models import Corpus, Finding, evidence_at
from ..groups import components
from .base import Check, Example

VERBATIM = 101.0  # above any similarity: a quote found word for word in the other source


def word_diff(a: str, b: str) -> str:
    """A word-level diff of b against a: removed words as [-x-], added as {+y+}; long equal runs shortened."""
    wa, wb = a.split(), b.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=[w.lower().strip(',.;:“”"') for w in wa], b=[w.lower().strip(',.;:“”"') for w in wb], autojunk=False
    ).get_opcodes():
        if op == "equal":
            run = wa[i1:i2]
            out.append(" ".join(run) if len(run) <= 8 else " ".join(run[:3] + ["…"] + run[-3:]))
        else:
            if i2 > i1:
                out.append("[-" + " ".join(wa[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return " ".join(out)


def shared_words(a: str, b: str) -> int:
    """How many words two wordings share in order (the longest matching runs of a word-level diff)."""
    matcher = difflib.SequenceMatcher(a=words(a), b=words(b), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def continuations(parts: list[QuotePart]) -> list[tuple[QuotePart, QuotePart]]:
    """(part, next part of the same quotation): consecutive parts of one document with only spaces between them."""
    pairs: list[tuple[QuotePart, QuotePart]] = []
    by_doc: dict[str, list[QuotePart]] = {}
    for p in parts:
        by_doc.setdefault(p.sentence.doc.path, []).append(p)
    for ps in by_doc.values():
        ps.sort(key=lambda p: p.start)
        for a, b in zip(ps, ps[1:]):
            gap = a.sentence.doc.text[a.end : b.start]
            if a.end >= 0 and b.start >= a.end and not gap.strip(" \t\r\n.,;:!?"):
                pairs.append((a, b))
    return pairs


class Joiner:
    """Widen two clashing quote sentences by a neighbouring sentence of the same quotation when it holds words of
    the other side: a sentence split cuts quotes, and one outlet's sentence may straddle another's boundary
    ("It was normal emotion, fighting on the pitch…" against "…it was emotion. Fighting on the pitch…").
    """

    def __init__(self, parts: list[QuotePart], min_gain: int):
        pairs = continuations(parts)
        self.after = {id(a): b for a, b in pairs}
        self.before = {id(b): a for a, b in pairs}
        self.min_gain = min_gain
        self.made: dict[tuple[int, ...], QuotePart] = {}

    def _join(self, pieces: tuple[QuotePart, ...]) -> QuotePart:
        if len(pieces) == 1:
            return pieces[0]
        key = tuple(id(p) for p in pieces)
        if key not in self.made:
            first = pieces[0]
            self.made[key] = QuotePart(
                " ".join(p.text for p in pieces),
                first.start,
                first.sentence,
                first.speaker,
                pieces[-1].end,
                pieces,
            )
        return self.made[key]

    def widen(self, a: QuotePart, b: QuotePart) -> tuple[QuotePart, QuotePart]:
        """``a`` and ``b``, each joined with a neighbour that covers most of the other side's unmatched edge.

        Prepending a sentence to one side must match at least half (and ``min_gain`` words) of
        the words before the other side's first shared word; appending, of the words after its
        last. A neighbour that merely repeats a refrain ("That number did not speak to…") covers
        little of the edge and is left out.
        """
        sides = [(a,), (b,)]
        for _ in range(2):  # at most two joins: one neighbour each way
            texts = [self._join(sides[0]).text, self._join(sides[1]).text]
            wa, wb = words(texts[0]), words(texts[1])
            blocks = [
                m for m in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_matching_blocks() if m.size
            ]
            if not blocks:
                break
            # Per side, the other side's words before its first shared word and after its last.
            lead = [wb[: blocks[0].b], wa[: blocks[0].a]]
            tail = [wb[blocks[-1].b + blocks[-1].size :], wa[blocks[-1].a + blocks[-1].size :]]
            best, best_gain = None, 0
            for k in (0, 1):
                ps = sides[k]
                for neighbour, edge, grown in (
                    (self.before.get(id(ps[0])), lead[k], lambda n, ps=ps: (n,) + ps),
                    (self.after.get(id(ps[-1])), tail[k], lambda n, ps=ps: ps + (n,)),
                ):
                    if neighbour is None or len(edge) < self.min_gain:
                        continue
                    gain = shared_words(neighbour.text, " ".join(edge))
                    if gain >= self.min_gain and 2 * gain >= len(edge) and gain > best_gain:
                        trial = list(sides)
                        trial[k] = grown(neighbour)
                        best, best_gain = trial, gain
            if best is None:
                break
            sides = best
        return self._join(sides[0]), self._join(sides[1])


def reordered(a: str, b: str, function_words: frozenset[str]) -> bool:
    """True when two wordings hold the same words but for order and function words ("the country's course" /
    "the course of the country"): the quote is not verbatim, but says the same."""
    from collections import Counter

    keep = lambda t: Counter(w for w in words(t) if w not in function_words)  # noqa: E731
    return keep(a) == keep(b)


ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
FRAGMENT = 0.6  # a quote under this share of the other's words is a fragment of it


def best_window(short: str, long: str) -> tuple[float, str]:
    """The span of ``long`` (by words) most like ``short``, and its similarity."""
    sw, lw = short.split(), long.split()
    target = " ".join(words(short))
    best = (0.0, long)
    for size in range(max(1, len(sw) - 2), len(sw) + 3):
        for i in range(0, max(1, len(lw) - size + 1)):
            window = " ".join(lw[i : i + size])
            score = fuzz.ratio(target, " ".join(words(window)))
            if score > best[0]:
                best = (score, window)
    return best


def fragments(text: str) -> list[str]:
    """The pieces of a quote between its ellipses, each of at least two words."""
    return [p.strip() for p in ELLIPSIS.split(text) if len(words(p)) >= 2]


BRACKETED = re.compile(r"\[[^\]]*\]")
DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3}\b)")


class HouseStyle:
    """What outlets change in a quote without changing its words: spellings, numerals, editors' brackets.

    ``spelling`` pairs word endings one house writes one way and another house the
    other ("ise" / "ize", "our" / "or"), for words of at least ``min_length`` letters
    so "four" never becomes "for". Numbers written as words become numerals, and a
    bracketed insertion ("[the army]") is the editor's, not the speaker's.
    """

    min_length = 6

    def __init__(self, spelling) -> None:
        self.endings = sorted(((a.lower(), b.lower()) for a, b in spelling.items()), key=lambda p: -len(p[0]))
        from ..extract.numbers import WORD_NUMBERS

        self.numbers = {w: str(n) for w, n in WORD_NUMBERS.items()}
        # A story's quotes recur in every outlet that carries them (an archive story: in every copy), and each
        # pair of quotes is compared: each text is made canonical once.
        self._canonical: dict[str, str] = {}

    def word(self, w: str) -> str:
        if w in self.numbers:
            return self.numbers[w]
        if len(w) >= self.min_length:
            for uk, us in self.endings:
                for tail in ("", "s", "d", "ed", "ing", "ation", "ations"):
                    # a final e drops before a vowel: "mobilise" + "ing" is "mobilising"
                    a, b = (
                        (uk[:-1], us[:-1])
                        if tail[:1] in ("e", "i", "a") and uk.endswith("e") and us.endswith("e")
                        else (uk, us)
                    )
                    if w.endswith(a + tail):
                        return w[: len(w) - len(a + tail)] + b + tail
        return w

    def canonical(self, text: str) -> str:
        """The speaker's words as any house would print them: what two quotes must share to be one wording."""
        found = self._canonical.get(text)
        if found is None:
            found = self._canonical[text] = self._canonical_of(text)
        return found

    def _canonical_of(self, text: str) -> str:
        out: list[str] = []
        for w in words(DIGIT_GROUPS.sub("", BRACKETED.sub(" ", text))):
            w = self.word(w)
            if w in ("hundred", "thousand") and out and out[-1].isdigit():
                out[-1] = str(int(out[-1]) * (100 if w == "hundred" else 1000))  # "ten thousand" is "10,000"
                continue
            out.append(w)
        return " ".join(out)


def similarity(a: str, b: str) -> float:
    na, nb = " ".join(words(a)), " ".join(words(b))
    return max(fuzz.ratio(na, nb), fuzz.token_set_ratio(na, nb))


class Translations:
    """Which clashing quotes are a speaker quoted in translation, each outlet with its own English.

    One outlet misquoting a speaker leaves the others agreeing word for word. A speaker no two outlets
    quote word for word, in two statements or more, was translated; so were a speaker's words in two
    outlets that share two statements or more of theirs and never agree word for word (two families of
    translation, each syndicated to several outlets). The differences are the translators'.
    """

    def __init__(
        self, clashes: list[tuple[QuotePart, QuotePart]], verbatim: set[tuple[str, str, str]], translit=None
    ):
        self.translit = translit
        # verbatim: (speaker key, document, document) for every word-for-word pair
        self.agree = {(d1, d2) for _, d1, d2 in verbatim} | {(d2, d1) for _, d1, d2 in verbatim}
        quoted_alike = {key for key, _, _ in verbatim}
        statements: dict[str, int] = {}
        self.together: dict[tuple[str, str, str], int] = {}
        for group in components(clashes):
            key = _speaker_of(group)
            if not key:
                continue
            statements[key] = statements.get(key, 0) + 1
            for x, y in itertools.combinations(sorted({p.sentence.doc.path for p in group}), 2):
                self.together[(key, x, y)] = self.together.get((key, x, y), 0) + 1
        self.speakers = {key for key, n in statements.items() if n >= 2 and key not in quoted_alike}

    def of(self, group: list[QuotePart]) -> bool:
        """Whether ``group``'s wordings are translations, by its speaker or by every pair of its sources."""
        key = _speaker_of(group)
        if not key:
            return False
        if key in self.speakers or self.romanised_apart(group):
            return True
        return all(
            self.together.get((key, x, y), 0) >= 2 and (x, y) not in self.agree
            for x, y in itertools.combinations(sorted({p.sentence.doc.path for p in group}), 2)
        )

    def romanised_apart(self, group: list[QuotePart]) -> bool:
        """Whether the outlets spell the speaker's surname in two romanisations ("Aitenov" / "Aytenov"): each
        worked from its own transliteration of a speaker of another language, and so from its own translation."""
        names = {fold(p.speaker.split()[-1]) for p in group if p.speaker}
        return (
            self.translit is not None
            and len(names) > 1
            and all(
                self.translit.same(x, y) or self.translit.explains(x, y) in ("romanised", "vowels")
                for x, y in itertools.combinations(sorted(names), 2)
            )
        )


def _speaker_of(group: list[QuotePart]) -> str:
    return next((speaker_key(p.speaker) for p in group if p.speaker), "")


SLOT_WORDS = 2


def lead_in(p: QuotePart, n: int) -> list[str]:
    """The last ``n`` words of the quote's sentence before its opening mark ("said he heard")."""
    return words(p.sentence.doc.text[p.sentence.start : p.start])[-n:]


def same_slot(a: QuotePart, b: QuotePart, n: int) -> bool:
    """Whether two quotes stand after the same ``n`` words of their sentences: one slot of one sentence told alike
    ("he heard 'a deafening roar'" / "he heard 'an enormous noise'"), however unlike their own words are."""
    x = lead_in(a, n)
    return len(x) == n and x == lead_in(b, n)


class QuoteMismatch(Check):
    name = "quote-mismatch"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/quote-mismatch.yaml, typed; their values are stated there."""

        min_words: int
        similarity: float
        order_similarity: float
        join_min_words: int
        function_words: list[str]
        reordered_severity: str
        reordered_message: str
        unattributed_severity: str
        loose_similarity: float
        loose_sentence_similarity: float
        short_min_words: int
        short_sentence_similarity: float
        known_repeats: int
        loose_severity: str
        spelling: dict[str, str]

    message_fields = ("diff", "speaker")
    needs = ("quote",)
    examples = (
        Example(
            {
                "a.txt": "Interview\n“The time is not far off when you will come to Russia and ask for help,” Lukashenko said.\n",
                "b.txt": "Criticism\nLukashenko stated: “The time is not far away when you will come to the same Russia and ask for help.”\n",
            },
            ("The time is not far off when you will come to Russia and ask for help,",),
        ),
        Example(
            {
                "a.txt": "Interview\n“The time is not far off when you will come to Russia,” Lukashenko said.\n",
                "b.txt": "Criticism\nLukashenko said: “The time is not far off when you will come to Russia.”\n",
            },
            note="the same words",
        ),
        Example(
            {
                "a.md": "---\ntitle: \"Lukashenko: 'The time is not far off when you will come to Russia'\"\n---\n"
                "“The time is not far away when you will come to the same Russia and beg for help,” Lukashenko said.\n",
                "b.txt": "Criticism\nLukashenko stated: “The time is not far off when you will come to Russia and ask for help.”\n",
            },
            ("The time is not far away when you will come to the same Russia and beg for help,",),
            note="a headline's cut of the quote vouches for nothing",
        ),
        Example(
            {
                "a.txt": 'Floods\n"The water came in the night and took everything we had," said Velmora district chief Anton Pirs.\n',
                "b.txt": 'Floods\nAnton Pirs said: "The water came at night and took everything that we had."\n',
            },
            ("The water came in the night and took everything we had,",),
            note="the place before a post is not the speaker",
        ),
        Example(
            {
                "a.txt": 'Law\nThe statute states: "No citizen may be held in custody for longer than two days without an order of a court."\n',
                "b.txt": 'Law\nThe statute states: "A citizen cannot be held in custody for more than two days unless a judge orders it."\n',
            },
            ("No citizen may be held in custody for longer than two days without an order of a court.",),
            note="two translations in sentences told alike, no speaker named: asked at info",
        ),
        Example(
            {
                "a.txt": 'Attack\nThe minister called the bombing of the market "a cowardly act" on Monday.\n',
                "b.txt": 'Attack\nThe minister called the bombing of the market "a cowardly crime" on Monday.\n',
            },
            ("a cowardly act", "a cowardly crime"),
            note="a short quote, in sentences told alike: asked at info",
        ),
    )

    @property
    def function_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.params.function_words)

    def run(self, corpus: Corpus) -> list[Finding]:
        translit = corpus.lexicons.transliteration
        style = HouseStyle(self.params.spelling)
        by_story: dict[int, list[QuotePart]] = {}
        every = quoted(corpus, self.params.short_min_words)
        joiner = Joiner(every, self.params.join_min_words)
        for p in every:
            by_story.setdefault(corpus.story_of.get(p.sentence.doc.path, 0), []).append(p)
        clashes, loose, verbatim = [], [], set()
        for parts in by_story.values():
            self._known = known_wordings(parts, style, self.params.min_words)
            scored: list[tuple[QuotePart, QuotePart, float]] = []
            for i, a in enumerate(parts):
                for b in parts[i + 1 :]:
                    self._compare(a, b, corpus, style, translit, scored, loose)
            _keep_best(scored, joiner, clashes, verbatim)
        findings = []
        translations = Translations(clashes + loose, verbatim, translit)
        paired = {id(q) for pair in clashes for p in pair for q in p.parts}
        loose = [(a, b) for a, b in loose if id(a) not in paired and id(b) not in paired]
        # One finding per group of wordings of one quote, however many sources repeat each wording.
        groups = [(g, False) for g in components(clashes)] + [(g, True) for g in components(loose)]
        for group, is_loose in groups:
            findings.append(self._group_finding(group, is_loose, translations))
        return findings

    def _compare(
        self,
        a: QuotePart,
        b: QuotePart,
        corpus: Corpus,
        style: HouseStyle,
        translit,
        scored: list[tuple[QuotePart, QuotePart, float]],
        loose: list[tuple[QuotePart, QuotePart]],
    ) -> None:
        """Add two quotes of one story to ``scored`` (with their similarity) or to ``loose`` (asked only), or to neither."""
        if (
            a.sentence.doc.path == b.sentence.doc.path
            or same_speaker(a.speaker, b.speaker, translit) is False
        ):
            return
        if min(len(words(a.text)), len(words(b.text))) < self.params.min_words:
            # A short quote ("a cowardly act") is too common a phrase to pair by its words alone: only in
            # sentences told alike, and only asked.
            if self._short_alike(a, b, corpus, style) or self._near_known(a, b, style):
                loose.append((a, b))
            return
        na, nb = style.canonical(a.text), style.canonical(b.text)
        if na in nb or nb in na:
            scored.append((a, b, VERBATIM))  # the same words, one quote shorter: no clash, but the best match
            return
        if _pieces_within(a, b, na, nb, style):
            scored.append((a, b, VERBATIM))
            return
        short, long = sorted((a, b), key=lambda p: len(words(p.text)))
        if len(words(short.text)) < FRAGMENT * len(words(long.text)):
            # A fragment stands for one span of the longer quote: compare it with that span only.
            score, window = best_window(short.text, long.text)
            if score >= self.params.similarity:
                span = QuotePart(window, long.start, long.sentence, long.speaker, long.end)
                scored.append((short, span, score) if short is a else (span, short, score))
            return
        score = similarity(a.text, b.text)
        # Wordings that share their words but not their run (alike as word sets, unlike in order) may
        # be two statements about one thing: asked, never asserted as one quote worded two ways.
        in_order = fuzz.ratio(" ".join(words(a.text)), " ".join(words(b.text)))
        if score >= self.params.similarity and in_order >= self.params.order_similarity:
            scored.append((a, b, score))
        elif score >= self.params.loose_similarity and (
            a.speaker
            or b.speaker
            or corpus.told_alike(a.sentence, b.sentence, self.params.loose_sentence_similarity)
        ):
            # loosely alike, with one named speaker or in sentences told alike: a translation or a rewording
            loose.append((a, b))

    def _short_alike(self, a: QuotePart, b: QuotePart, corpus: Corpus, style: HouseStyle) -> bool:
        """Whether two short quotes in sentences told alike differ yet are alike in words or stand in one slot."""
        return bool(
            corpus.told_alike(a.sentence, b.sentence, self.params.short_sentence_similarity)
            and style.canonical(a.text) != style.canonical(b.text)
            and (similarity(a.text, b.text) >= self.params.loose_similarity or same_slot(a, b, SLOT_WORDS))
        )

    def _near_known(self, a: QuotePart, b: QuotePart, style: HouseStyle) -> bool:
        """Whether one of two short quotes is a known wording, word for word in ``known_repeats`` sources besides the
        other's, and the other is it with one word in another form ("the bird is freed" in four outlets, "the bird
        is free" in one): a phrase that many repeat is one statement, whatever sentence holds it."""
        wa, wb = style.canonical(a.text).split(), style.canonical(b.text).split()
        if len(wa) != len(wb) or len(wa) < 3:
            return False
        diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
        if len(diff) != 1:
            return False
        x, y = sorted(diff[0], key=len)
        if len(x) < 3 or not y.startswith(x):
            return False  # another word, not another form of it ("free" / "freed", "record" / "records")
        known = self._known
        repeats = max(
            len(known.get(" ".join(wa), set()) - {b.sentence.doc.path}),
            len(known.get(" ".join(wb), set()) - {a.sentence.doc.path}),
        )
        return repeats >= self.params.known_repeats

    def _group_finding(self, group: list[QuotePart], is_loose: bool, translations: Translations) -> Finding:
        """The finding for one group of wordings of one quote, the most used wording first."""
        wordings: dict[str, list[QuotePart]] = {}
        for p in group:
            wordings.setdefault(" ".join(words(p.text)), []).append(p)
        # The wording most sources use first, then the one that appears first in document order.
        ranked = sorted(
            wordings.values(),
            key=lambda ps: (
                -len({p.sentence.doc.path for p in ps}),
                min((p.sentence.doc.path, p.start) for p in ps),
            ),
        )
        shown = [" ".join(ps[0].text.split()) for ps in ranked]
        speaker = next((p.speaker for p in group if p.speaker), None)
        same = all(reordered(shown[0], other, self.function_words) for other in shown[1:])
        translated = translations.of(group)
        pieces = sorted(
            {id(q): q for p in group for q in p.parts}.values(),
            key=lambda q: (q.sentence.doc.path, q.start),
        )
        return self.finding(
            subject=speaker or "unattributed quote",
            values=shown,
            evidence=[evidence_at(q.sentence, " ".join(q.text.split()[:6]), q.start) for q in pieces],
            suggestion=(
                "No two sources quote this speaker word for word: likely translations; "
                "check the quote against the original statement."
                if translated
                else "Check the quote against the original statement or recording."
            ),
            severity=self._severity(is_loose, translated, same, speaker),
            template=self.params.reordered_message if same else None,
            diff=word_diff(shown[0], shown[1]),
            speaker=speaker or "an unnamed speaker",
        )

    def _severity(self, is_loose: bool, translated, same: bool, speaker) -> str | None:
        """Loose or translated wordings, then reordered ones, then unattributed ones get their own severity; else the rule's (None)."""
        return (
            self.params.loose_severity
            if is_loose or translated
            else self.params.reordered_severity
            if same
            else None
            if speaker
            else self.params.unattributed_severity
        )


def known_wordings(parts: list[QuotePart], style: HouseStyle, min_words: int) -> dict[str, set[str]]:
    """Each short quote's wording (canonical, under ``min_words`` words) -> the documents that print it."""
    out: dict[str, set[str]] = {}
    for p in parts:
        if len(words(p.text)) < min_words:
            out.setdefault(style.canonical(p.text), set()).add(p.sentence.doc.path)
    return out


def _pieces_within(a: QuotePart, b: QuotePart, na: str, nb: str, style: HouseStyle) -> bool:
    """Whether a quote with an ellipsis has every piece, word for word, in the other (``na``/``nb``: canonical forms)."""
    pieces = (
        fragments(a.text) if ELLIPSIS.search(a.text) else fragments(b.text) if ELLIPSIS.search(b.text) else []
    )
    if len(pieces) > 1:
        # An ellipsis is a gap: every piece must stand in the other quote, word for word or nearly.
        other = nb if ELLIPSIS.search(a.text) else na
        if all(style.canonical(p) in other for p in pieces):
            return True
    return False


def _keep_best(
    scored: list[tuple[QuotePart, QuotePart, float]],
    joiner: Joiner,
    clashes: list,
    verbatim: set,
) -> None:
    """Add each scored pair that is both quotes' best match to ``clashes`` (widened), and verbatim pairs' speakers to ``verbatim``."""
    # A sentence is compared with its best counterpart in each other source, and only when that sentence
    # has it as its own best too: a refrain ("That number did not speak to…") repeated across a quote
    # makes near neighbours of sentences that are not one another's wording.
    best: dict[tuple[int, str], float] = {}
    for a, b, score in scored:
        for x, y in ((a, b), (b, a)):
            key = (id(x), y.sentence.doc.path)
            best[key] = max(best.get(key, 0.0), score)
    for a, b, score in scored:
        if score == VERBATIM:
            verbatim.update(
                (speaker_key(p.speaker), *sorted((a.sentence.doc.path, b.sentence.doc.path)))
                for p in (a, b)
                if p.speaker
            )
        if (
            score < VERBATIM
            and score == best[(id(a), b.sentence.doc.path)] == best[(id(b), a.sentence.doc.path)]
        ):
            clashes.append(joiner.widen(a, b))
