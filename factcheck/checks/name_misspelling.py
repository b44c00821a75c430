"""name-misspelling: a name form one or two edits away from a better-attested form of the same name.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

Votes are distinct sources, so a passage pasted twice in one file does not count
twice. Two forms in the same document are strong evidence (the writer was
inconsistent) and raise the severity. Forms that are known transliterations of each
other (``rules/transliteration.yaml``) are never misspellings, nor are forms where
one is the other plus an ending (Russia / Russian, Kazakh / Kazakhs). A dateline
cut short ("KATHMAN:" where other sources write "Kathmandu") is a misspelling.

Only differences no romanisation explains are slips: a consonant dropped, added,
changed or transposed, a truncation. Forms that differ by what romanisations vary
(``romanisation`` in ``rules/transliteration.yaml``: vowels, y/i glides, kh/h,
zh/j, ts/c, sh/ch, hyphens: "Yevgeny" / "Evgeniy") are house style, never a
misspelling, unless one document mixes them with one form clearly dominant (in that document, or by sources)
("Aliyev" seven times and "Aliyav" once): then at ``mixed_severity``. A doubled
consonant alone ("Powell" / "Powel", "Hassan" / "Hasan") may be either, and is
asked at ``doubled_severity``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from jellyfish import metaphone
from rapidfuzz.distance import OSA

from ..extract.names import fold, title_case, tokens
from ..models import Corpus, Finding, Sentence, evidence_at
from ._forms import Form, collect_forms, consonants, kinds, neighbours, settlements
from .base import Check, Example


def stems(form: str, endings: tuple[str, ...]) -> set[str]:
    """The form and each stem left by dropping one of ``endings`` (the rule's: demonyms, adjectives, plurals)."""
    return {form} | {form[: -len(e)] for e in endings if form.endswith(e) and len(form) - len(e) >= 4}


def sound_alike(x: str, y: str, sounds: tuple[str, ...]) -> bool:
    """Whether two letters are in one group of ``sounds`` (the rule's: letters that stand for one sound)."""
    return any(x in group and y in group for group in sounds)


def stutters(a: str, b: str) -> bool:
    """One form is the other with its last two or three letters typed again ("Ospankhanovov" /
    "Ospankhanov"): a slip, where a longer form that starts with the other is usually the word with an
    ending ("Koreans")."""
    short, long_ = sorted((a, b), key=len)
    extra = len(long_) - len(short)
    return 2 <= extra <= 3 and long_.startswith(short) and long_[len(short) :] == short[-extra:]


def swapped(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with two of its letters exchanged, next to each other or not ("Tobyl" / "Tolyb")."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 2 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def doubled_end(a: str, b: str) -> bool:
    """One form is the other with its last letter doubled or a silent e added ("O'Neil" / "O'Neill",
    "Clark" / "Clarke"): a slip of spelling, not a word with an ending."""
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in (short[-1], "e")


def _parts(names: set[str]) -> set[str]:
    """Names with each hyphened compound's parts too: "abdel-karim" is also "abdel" and "karim"."""
    return names | {p for n in names if "-" in n for p in n.split("-") if p}


def alike(a: set[str], b: set[str], translit) -> bool:
    """Whether two sets of neighbouring names share one, allowing a slip or a romanisation ("Niko" / "Nico"),
    or a compound written with a hyphen in one source and a space in the other ("Abdel-Karim" / "Abdel Karim")."""
    return any(x == y or OSA.distance(x, y) <= 1 or translit.same(x, y) for x in _parts(a) for y in _parts(b))


def conflates(rare: str, common: str, pairs) -> bool:
    """Whether ``rare`` spells two letters of ``common`` one way: "tarashevish" writes the "sh" of "tarash-" and
    the "ch" of "-evich" alike. A romanisation maps each letter of the original one way, so a form that turns
    one spelling of a listed pair ([ch, sh]) into the other while keeping the other elsewhere mixes two
    systems in one word: a slip, whatever the table lists. ``pairs``: the substitution pairs, either way."""
    for p, q in pairs:
        if len(p) != 2 or len(q) != 2 or set(p + q) & set("aeiouyw"):
            continue  # consonant digraphs only ("ch" / "sh"): a vowel or a glide ("iy" / "y") is a system's own choice
        for x, y in ((p, q), (q, p)):
            if rare.count(y) > common.count(y) >= 1 and rare.count(x) < common.count(x):
                return True
    return False


def capitalised_runs(text: str, lower: set[str]) -> list[list]:
    """Runs of two or more capitalised words joined by single spaces ("Credit Suisse", "Jerome Powell"). A
    sentence's first word joins only if no sentence writes it in lower case (``lower``): "The" never does."""
    runs: list[list] = [[]]
    for i, t in enumerate(tokens(text)):
        if not t.text[:1].isupper() or (i == 0 and t.text.lower() in lower):
            runs.append([])
            continue
        if runs[-1] and text[runs[-1][-1].end : t.start] != " ":
            runs.append([])
        runs[-1].append(t)
    return [r for r in runs if len(r) >= 2]


@dataclass(frozen=True)
class _Span:
    """A stretch of a sentence's text, as a token gives one (``text``, ``start``)."""

    text: str
    start: int

    @classmethod
    def of(cls, text: str, run: list) -> _Span:
        return cls(text[run[0].start : run[-1].end], run[0].start)


# What ``NameMisspelling._slip`` returns for a pair that is no slip (a slip's kind may be None).
_NO_SLIP = object()


class _SlipContext(NamedTuple):
    """What ``NameMisspelling.slips`` reads of every form of a story, built once per story."""

    corpus: Corpus
    translit: object
    near: dict
    beside: dict
    folded: dict
    told_alike: object
    cued: dict
    settled: dict


class _Measures(NamedTuple):
    """How two forms are tied and how far apart they are (``NameMisspelling._measure``)."""

    a: str
    b: str
    together: bool
    shared: object
    context: object
    shortest: int
    limit: int
    distance: int
    sounds: object
    kind: str | None


def _runs_by_shape(documents: list[list[Sentence]], lower: set[str]) -> tuple[dict, dict]:
    """Folded capitalised runs -> their (sentence, run) places, and each run with one word blanked -> the runs."""
    places: dict[tuple[str, ...], list] = {}
    for sentences in documents:
        for s in sentences:
            for run in capitalised_runs(s.text, lower):
                places.setdefault(tuple(fold(t.text) for t in run), []).append((s, run))
    by_shape: dict[tuple, list[tuple[str, ...]]] = {}
    for key in places:
        for k in range(len(key)):
            by_shape.setdefault(key[:k] + ("",) + key[k + 1 :], []).append(key)
    return places, by_shape


def max_edits(length: int, params: NameMisspelling.Params) -> int:
    if length >= params.long_name:
        return 2
    if length >= params.min_length:
        return 1
    return 0


class NameMisspelling(Check):
    name = "name-misspelling"

    @dataclass(frozen=True)
    class Params:
        """The parameters of rules/name-misspelling.yaml, typed; their values are stated there."""

        same_document_severity: str
        min_length: int
        long_name: int
        min_sources: int
        endings: list[str]
        sounds: list[str]
        aligned_similarity: float
        context_min_length: int
        tie_message: str
        dateline_cut: int
        lone_min_length: int
        lone_severity: str
        lone_message: str
        namesake_message: str
        mixed_severity: str
        doubled_severity: str
        tie_severity: str
        run_min_common: int
        run_min_sources: int
        run_short_length: int

    message_fields = ("detail", "form", "intended", "sources")
    examples = (
        Example(
            {
                "a.txt": "Talks\nForeign Minister Murat Nurtleu met the envoy. Nurleu said the talks went well.\n",
                "b.txt": "Talks\nForeign Minister Murat Nurtleu met the envoy in Astana on Monday.\n",
                "c.txt": "Talks\nMurat Nurtleu, the foreign minister, met the envoy.\n",
            },
            ("Nurleu", "Nurtleu"),
        ),
        Example(
            {
                "a.txt": "Talks\nPresident Aleksandr Lukashenka spoke about the talks in Minsk.\n",
                "b.txt": "Talks\nPresident Alexander Lukashenko spoke about the talks in Minsk.\n",
            },
            note="transliterations are name-variant's",
        ),
        Example(
            {
                "a.txt": "Verdict\nJudge Dorina Vasko read the ruling in Velmora. Doria Pelt, 24, was jailed for two years.\n",
                "b.txt": "Verdict\nDoria Pelt was jailed for two years by Judge Dorina Vasko on Monday.\n",
            },
            note="two people: the names beside them differ",
        ),
        Example(
            {
                "a.txt": "Quake\nThe quake damaged homes in Tamsel, the capital, and two died in Temsil province.\n",
                "b.txt": "Quake\nIn Temsil province two people died; Tamsel, the capital, lost power.\n",
                "c.txt": "Quake\nHomes were damaged in Tamsel.\n",
            },
            note="two places: two sources write both",
        ),
        Example(
            {
                "a.txt": "Talks\nForeign Minister Niko Marwanta met the envoy in Velmora on Monday.\n",
                "b.txt": "Talks\nForeign Minister Nico Marwinta met the envoy in Velmora.\n",
                "c.txt": "Talks\nThe envoy met Niko Marwanta, the foreign minister.\n",
            },
            ("Marwinta", "Marwanta"),
        ),
        Example(
            {
                "a.txt": "Floods\nGov. Rafi Kamel visited the flooded district on Monday.\n",
                "b.txt": "Floods\nGov. Rafi Kamil toured the district hit by floods.\n",
            },
            ("Kamel", "Kamil"),
            note="equally attested beside one name: asked at info",
        ),
        Example(
            {
                "a.txt": "Quake\nRescuers in Bhaktapur pulled survivors from the rubble, Ramesh Koirala said.\n",
                "b.txt": "Quake\nIn Bhaktapur, rescuers pulled survivors from collapsed houses, Ramesh Koirala said.\n",
                "c.txt": "Quake\nRescue teams in Bhakatapur worked through the night, said Ramesh Koirala.\n",
            },
            ("Bhakatapur", "Bhaktapur"),
            note="a long name one letter off the sources' form: asked at info",
        ),
        Example(
            {
                "a.txt": "Ferry\nOn Monday the court heard that Tombarel ordered the ferry to leave port two hours early.\n",
                "b.txt": "Ferry\nOn Monday the court heard that Tomabrel ordered the ferry to leave port two hours early.\n",
            },
            ("Tomabrel", "Tombarel"),
            note="one sentence told alike by two sources ties the forms: asked at info",
        ),
        Example(
            {
                "a.txt": "Ferry\nMr Belvaro, the harbour master, said the ferry left Belvano Island late.\n",
                "b.txt": "Ferry\nThe ferry left Belvano Island two hours late.\n",
                "c.txt": "Ferry\nRescuers reached Belvano Island at dawn.\n",
            },
            note="a person and a place: the words beside them say so",
        ),
        Example(
            {
                "a.txt": "Grants\nThe Grand Foundation met on Monday. Grant Okoye said the fund would double its grants.\n",
                "b.txt": "Grants\nGrant Okoye said the fund would double its grants next year.\n",
                "c.txt": "Grants\nGrant Okoye told reporters the fund would double its grants.\n",
            },
            note="an institution's word and a person's first name: one is cued as each",
        ),
    )

    def __init__(self, rule) -> None:
        super().__init__(rule)
        self.endings = tuple(self.params.endings)
        self.sounds = tuple(self.params.sounds)

    def related(self, corpus: Corpus, a: Form, b: Form) -> bool:
        """Evidence that two forms name one entity: same document, same cluster, or the same neighbour name."""
        if a.documents & b.documents:
            return True
        # a sentence no cluster holds is told by one source only: it shares a cluster with nothing
        clusters_a = {id(c) for s, _ in a.occurrences if (c := corpus.cluster_of.get(s.key)) is not None}
        if any(id(corpus.cluster_of.get(s.key)) in clusters_a for s, _ in b.occurrences):
            return True
        return bool(neighbours(a) & neighbours(b))

    def run(self, corpus: Corpus) -> list[Finding]:
        people = {fold(tok): p.name for p in corpus.people for m in p.mentions for tok in m.tokens}
        findings = []
        by_document = corpus.by_document()
        # a word some sentence writes in lower case is a common word, wherever it is capitalised
        lower = {t.text.lower() for s in corpus.sentences for t in tokens(s.text) if t.text[:1].islower()}
        for story in corpus.stories:
            forms = sorted(collect_forms(corpus, story).values(), key=lambda f: f.text)
            findings += self._form_findings(corpus, forms, people)
            reported = {frozenset(f.values) for f in findings}
            findings += self._lead_findings(corpus, [by_document.get(p, []) for p in story], lower, reported)
            reported = {frozenset(f.values) for f in findings}
            findings += self._name_word_findings(
                corpus, [by_document.get(p, []) for p in story], lower, reported
            )
            findings += self.namesakes(corpus, set(story), {frozenset(f.values) for f in findings})
        return findings

    def _form_findings(self, corpus: Corpus, forms: list[Form], people: dict) -> list[Finding]:
        """The findings on one story's name forms: the slips (``slips``), then the lone slips not among them."""
        findings = []
        strong = list(self.slips(corpus, forms))
        for rare, common, kind in strong:
            findings.append(self._finding(rare, common, people.get(fold(common.text), common.text), kind))
        seen = {frozenset((id(r), id(c))) for r, c, _ in strong}
        for first, second in self.lone_slips(corpus, forms):
            if frozenset((id(first), id(second))) not in seen:
                findings.append(self._lone_finding(first, second, people.get(fold(second.text), second.text)))
        return findings

    def _lead_findings(
        self, corpus: Corpus, documents: list[list[Sentence]], lower: set[str], reported: set[frozenset]
    ) -> list[Finding]:
        """The findings on one story's lead slips (``lead_slips``) whose two words were not asked about already."""
        findings = []
        for sentence, token, intended in self.lead_slips(corpus, documents, lower):
            if frozenset((token.text, intended[1].text)) not in reported:
                findings.append(
                    self._token_finding(
                        sentence,
                        token,
                        *intended,
                        detail=(
                            "the first word of a sentence, written nowhere else, one letter from a name its own article "
                            "writes again and again; check it"
                        ),
                    )
                )
        return findings

    def _name_word_findings(
        self, corpus: Corpus, documents: list[list[Sentence]], lower: set[str], reported: set[frozenset]
    ) -> list[Finding]:
        """The findings on one story's name-word slips (``name_word_slips``) whose words were not asked about already."""
        findings = []
        for sentence, name, intended, words in self.name_word_slips(corpus, documents, lower):
            if frozenset(words) not in reported:  # the words were asked about already
                findings.append(
                    self._token_finding(
                        sentence,
                        name,
                        *intended,
                        detail=(
                            "one word of a name written once, where the story writes the name again and again "
                            "with a near word; check it"
                        ),
                    )
                )
        return findings

    def namesakes(self, corpus: Corpus, story: set[str], reported: set[frozenset]) -> list[Finding]:
        """People of one story with one surname and first names that nearly match ("Ash Tshering" / "Ang Tshering").

        One person with a misspelt first name, or two people? Short first names fall
        below the form comparison's reach, and two people may share a surname, so
        the pair is a question at ``lone_severity``: the same initial and at most two
        letters apart ("Aleandro" and "Stefano Petrucci" are two people, and unasked).
        """
        translit = corpus.lexicons.transliteration
        named = {}
        for p in corpus.people:
            words = p.name.split()
            mentions = [m for m in p.mentions if m.sentence.doc.path in story and len(m.tokens) >= 2]
            if len(words) == 2 and mentions and len(words[1]) >= self.params.min_length - 1:
                named.setdefault(fold(words[1]), []).append((p, words[0], mentions))
        out = []
        for surname in sorted(named):
            people = sorted(named[surname], key=lambda x: x[0].name)
            for i, (pa, fa, ma) in enumerate(people):
                for pb, fb, mb in people[i + 1 :]:
                    a, b = fold(fa), fold(fb)
                    if a == b or a[0] != b[0] or min(len(a), len(b)) < 3 or translit.same(fa, fb):
                        continue
                    distance = OSA.distance(a, b)
                    if distance > 2:
                        continue
                    if frozenset((fa, fb)) in reported or frozenset((pa.name, pb.name)) in reported:
                        continue
                    evidence = [
                        evidence_at(m.sentence, m.sentence.text[m.start : m.end], m.sentence.start + m.start)
                        for m in sorted(
                            ma + mb, key=lambda m: (m.sentence.doc.path, m.sentence.start + m.start)
                        )
                    ]
                    out.append(
                        self.finding(
                            subject=pb.name,
                            values=[pa.name, pb.name],
                            evidence=evidence,
                            suggestion=None,
                            severity=self.params.lone_severity,
                            template=self.params.namesake_message,
                            form=pa.name,
                            intended=pb.name,
                            detail=f"one surname, first names {distance} letter{'s' if distance > 1 else ''} apart; "
                            "one person misspelt, or two people?",
                        )
                    )
        return out

    def lone_slips(self, corpus: Corpus, forms: list[Form]):
        """(form, form) pairs one unlike letter apart, with nothing else to tie them: "Kumori" / "Pumori".

        A single letter swapped for one of another sound (k for p, not k for c) in a
        long name is how typing slips, not how transliteration differs. Nothing says
        which form is right, or even that both name one thing, so these are reported
        at ``lone_severity`` (info) as a question.

        So are two forms each written once, in two sources, a vowel or a doubled letter apart on one
        consonant skeleton ("Sutirah" / "Sutireh", "Bellan" / "Belan") that no listed romanisation
        equates: one of them may be a slip, and nothing else in the corpus says which.
        """
        translit = corpus.lexicons.transliteration
        folded = {id(f): fold(f.text) for f in forms}
        for i, first in enumerate(forms):
            for second in forms[i + 1 :]:
                a, b = folded[id(first)], folded[id(second)]
                if self.once_each(first, second, a, b, translit):
                    yield first, second
                    continue
                if len(a) != len(b) or len(a) < self.params.lone_min_length or a == b:
                    continue
                diff = [(x, y) for x, y in zip(a, b) if x != y]
                if (
                    len(diff) != 1
                    or sound_alike(*diff[0], self.sounds)
                    or translit.same(first.text, second.text)
                ):
                    continue
                if stems(a, self.endings) & stems(b, self.endings) or first.documents & second.documents:
                    continue
                yield first, second

    def lead_slips(self, corpus: Corpus, documents: list[list[Sentence]], lower: set[str]):
        """(sentence, token, (sentence, token)) for a sentence's first word written nowhere else in the story
        (``documents``, each a list of sentences), no common word (never in lower case in the corpus: ``lower``; not
        in ``never``), one letter from a capitalised word that its own document writes mid-sentence twice or more,
        at the same length ("Paragauy's central bank cut rates" in an article that writes "Paraguay" later): the
        lead's slip. A first word is no name form (any word is capitalised there), and a country is never one, so
        ``slips`` cannot see it."""
        vocab = corpus.lexicons.names
        seen: dict[str, int] = {}
        mid: dict[str, dict[str, list]] = {}
        firsts = []
        for sentences in documents:
            for s in sentences:
                toks = tokens(s.text)
                for i, t in enumerate(toks):
                    seen[t.text] = seen.get(t.text, 0) + 1
                    if i > 0 and t.text[:1].isupper():
                        mid.setdefault(s.doc.path, {}).setdefault(t.text, []).append((s, t))
                if toks and not title_case(toks):
                    firsts.append((s, toks[0]))
        for s, t in firsts:
            a = fold(t.text)
            if (
                not t.text[:1].isupper()
                or seen.get(t.text, 0) > 1
                or t.text.lower() in lower
                or a in vocab.never
                or len(a) < self.params.min_length
            ):
                continue
            for w, places in sorted(mid.get(s.doc.path, {}).items()):
                b = fold(w)
                if (
                    len(places) >= 2
                    and len(b) == len(a)
                    and OSA.distance(a, b) == 1
                    and not stems(a, self.endings) & stems(b, self.endings)
                ):
                    yield s, t, places[0]
                    break

    def name_word_slips(self, corpus: Corpus, documents: list[list[Sentence]], lower: set[str]):
        """(sentence, name, (sentence, name), (word, word)) for one word of a name of several capitalised words, written once in
        the story, where the story writes the same name with a near word in its place at least ``run_min_common``
        times, twice or more in the slip's own document, or once there and in ``run_min_sources`` sources ("Credit
        Swiss" once in an article that writes "Credit Suisse" five times). The near word starts with the same letter,
        is at least ``min_length`` letters long (``run_short_length`` for one letter dropped, added or changed: "Yet
        Airlines" / "Yeti Airlines"), at most two edits off, no romanisation of it, and no common word (never in lower case: "North Korea" is no
        slip of "South Korea"). The slip may be a demonym or any word: it is read inside the name."""
        translit = corpus.lexicons.transliteration
        places, by_shape = _runs_by_shape(documents, lower)
        for key in sorted(k for k, v in places.items() if len(v) == 1):
            ((s, run),) = places[key]
            for k in range(len(key)):
                for other in sorted(by_shape.get(key[:k] + ("",) + key[k + 1 :], [])):
                    if self._word_slip(key, other, k, s, places, lower, translit):
                        o, other_run = next((o, r) for o, r in places[other] if o.doc.path == s.doc.path)
                        yield (
                            s,
                            _Span.of(s.text, run),
                            (o, _Span.of(o.text, other_run)),
                            (run[k].text, other_run[k].text),
                        )

    def _word_slip(
        self,
        key: tuple[str, ...],
        other: tuple[str, ...],
        k: int,
        s: Sentence,
        places: dict,
        lower: set[str],
        translit,
    ) -> bool:
        """Whether word ``k`` of the name run ``key`` (written once, in ``s``) is a slip of that word of ``other``, a
        run written often, twice or more in ``s``'s own document or once there and in ``run_min_sources`` sources."""
        word, near = key[k], other[k]
        own = sum(o.doc.path == s.doc.path for o, _ in places[other])
        # its own article writes the name right twice, or once while run_min_sources sources write it so
        attested = (
            own >= 2
            or own == 1
            and len({o.doc.path for o, _ in places[other]}) >= self.params.run_min_sources
        )
        if other == key or len(places[other]) < self.params.run_min_common or near in lower or not attested:
            return False
        distance, shortest = OSA.distance(word, near), min(len(word), len(near))
        # a letter dropped from or added to a short word is read too ("Yet Airlines" / "Yeti Airlines"): the rest
        # of the name is the context a short word lacks on its own
        short = distance == 1 and shortest >= self.params.run_short_length
        return bool(
            (shortest >= self.params.min_length or short)
            and word[0] == near[0]
            and distance <= 2
            and not translit.same(word, near)
            and not stems(word, self.endings) & stems(near, self.endings)
        )

    def _token_finding(self, sentence, token, other_sentence, other, detail: str) -> Finding:
        return self.finding(
            subject=other.text,
            values=[token.text, other.text],
            evidence=[
                evidence_at(sentence, token.text, sentence.start + token.start),
                evidence_at(other_sentence, other.text, other_sentence.start + other.start),
            ],
            suggestion=None,
            severity=self.params.lone_severity,
            template=self.params.lone_message,
            form=token.text,
            intended=other.text,
            detail=detail,
        )

    def once_each(self, first: Form, second: Form, a: str, b: str, translit) -> bool:
        """Two forms each in one sentence of its own source, a vowel or a doubled letter apart on one consonant
        skeleton, that no listed romanisation equates (``lone_slips``)."""
        return (
            len(first.sentences) == len(second.sentences) == 1
            and not first.documents & second.documents
            and min(len(a), len(b)) >= self.params.min_length
            and OSA.distance(a, b) == 1
            and translit.explains(first.text, second.text) in ("vowels", "doubled")
            and not translit.same(first.text, second.text)
            and not stems(a, self.endings) & stems(b, self.endings)
            and consonants(first.text) == consonants(second.text)
        )

    def _lone_finding(self, first: Form, second: Form, subject: str) -> Finding:
        return self.finding(
            subject=subject,
            values=[first.text, second.text],
            evidence=first.evidence() + second.evidence(),
            suggestion=None,
            severity=self.params.lone_severity,
            template=self.params.lone_message,
            form=first.text,
            intended=second.text,
            detail="they differ in one letter, and nothing else in the story ties them; check which is right",
        )

    def slips(self, corpus: Corpus, forms: list[Form]):
        """(rare, common, kind) triples where ``rare`` is likely a misspelling of ``common``; ``kind`` is what the
        difference is when a romanisation might explain it ("vowels", "doubled", "mixed") or the evidence is
        weaker ("weak"), else None.

        Every pair of forms in the story is weighed, whatever their first letters
        ("Kumori" / "Pumori"). A pair qualifies by spelling (at most ``max_edits``
        edits) or by sound (one metaphone key, at most three edits) when the
        context is strong: the same document writes both, or both stand beside the
        same name ("Gyanendra Shretha" / "Gyanendra Shrestha"). With such context a
        short form counts too ("Kim Jung Un" / "Kim Jong Un").
        """
        translit = corpus.lexicons.transliteration
        never = corpus.lexicons.names.never
        near = {id(f): neighbours(f) for f in forms}
        # the names beside a form, without titles and institution words ("Judge", "Ministry"): who it is
        # ("Later, Nurleu said": a word a comma parts from the form is no part of its name)
        beside = {
            id(f): {
                n for n in near[id(f)] if n not in never and n.replace("-", "").replace("'", "").isalpha()
            }
            for f in forms
        }
        folded = {id(f): fold(f.text) for f in forms}
        told_alike = self.told_alike(corpus)
        vocab = corpus.lexicons.names
        cued = {id(f): kinds(f, vocab) for f in forms}
        settled = {id(f): settlements(f, vocab) for f in forms}
        ctx = _SlipContext(corpus, translit, near, beside, folded, told_alike, cued, settled)
        for rare in forms:
            for common in forms:
                if rare is common:
                    continue
                kind = self._slip(rare, common, ctx)
                if kind is not _NO_SLIP:
                    yield rare, common, kind

    def _slip(self, rare: Form, common: Form, ctx: _SlipContext):
        """The kind ``slips`` gives for ``rare`` as a misspelling of ``common`` (None included), or ``_NO_SLIP``."""
        a, b = ctx.folded[id(rare)], ctx.folded[id(common)]
        if a == b or abs(len(a) - len(b)) > 3 or stems(a, self.endings) & stems(b, self.endings):
            return _NO_SLIP
        if (b.startswith(a) or a.startswith(b)) and not doubled_end(a, b):
            # "Korea" / "Koreans" are one word (the endings above); a dateline cut short ("KATHMAN:")
            # is a slip, and so is a final letter dropped from a name ("Nurtle" / "Nurtleu")
            if self.cut_dateline(rare, common, a, b):
                return None
            if (abs(len(a) - len(b)) != 1 and not stutters(a, b)) or min(
                len(a), len(b)
            ) < self.params.min_length:
                return _NO_SLIP
        if self.two_entities(rare, common, ctx.beside[id(rare)], ctx.beside[id(common)], ctx.translit):
            return _NO_SLIP
        if ctx.cued[id(rare)] and ctx.cued[id(common)] and not ctx.cued[id(rare)] & ctx.cued[id(common)]:
            return _NO_SLIP  # cued as two kinds of thing: "Mr Toro" / "Boro Island", "Nabal" / "the Naval Command"
        m = self._measure(rare, common, a, b, ctx)
        kind = self._spelling_kind(rare, common, m, ctx.translit)
        if kind is _NO_SLIP:
            return _NO_SLIP
        kind = self._by_votes(rare, common, m, kind, ctx)
        settled = ctx.settled[id(rare)], ctx.settled[id(common)]
        if kind is not _NO_SLIP and all(settled) and not settled[0] & settled[1]:
            return "weak"  # a village and a town a letter apart may be two places of one region: asked
        return kind

    def _measure(self, rare: Form, common: Form, a: str, b: str, ctx: _SlipContext) -> _Measures:
        """How strongly the story ties two forms, and how far apart their spellings are."""
        together = bool(rare.documents & common.documents)
        shared = bool(ctx.near[id(rare)] & ctx.near[id(common)]) or alike(
            ctx.beside[id(rare)], ctx.beside[id(common)], ctx.translit
        )
        # Two sources telling one sentence alike, each with its own spelling, tie the forms as well as a
        # shared neighbour does ("Ana Kovac told the court" / "Ana Kovach told the court").
        context = together or shared or ctx.told_alike(rare, common)
        shortest = min(len(a), len(b))
        limit = max_edits(shortest, self.params) or (
            1 if context and shortest >= self.params.context_min_length else 0
        )
        # a hyphen is punctuation, not a letter: "Al-Amin" / "Alamin" differ by house style, not by a slip
        distance = OSA.distance(a.replace("-", ""), b.replace("-", ""))
        sounds = (
            context and shortest >= self.params.min_length and distance <= 3 and metaphone(a) == metaphone(b)
        )
        kind = ctx.translit.explains(rare.text, common.text)
        return _Measures(a, b, together, shared, context, shortest, limit, distance, sounds, kind)

    def _spelling_kind(self, rare: Form, common: Form, m: _Measures, translit):
        """What the difference is (``slips``' kind), or ``_NO_SLIP`` when it is too far or house style."""
        kind = m.kind
        if not (m.limit and m.distance <= m.limit) and not m.sounds:
            if not self._asked_past_limit(m):
                return _NO_SLIP
            kind = "weak"
        listed = translit.same(rare.text, common.text)
        if listed and m.distance == 1 and conflates(m.a, m.b, translit.substitutions):
            kind = "weak"  # one spelling for two letters the other form keeps apart: asked
        elif kind in ("romanised", "vowels") or listed:
            if kind in ("romanised", "vowels") and self.mixed(rare, common):
                kind = "mixed"
            elif kind != "vowels" or listed:
                return _NO_SLIP  # house style: name-variant's
            # a vowel alone ("Aliyav" / "Aliyev") may be a slip: asked at info below
        return kind

    def _asked_past_limit(self, m: _Measures) -> bool:
        """Whether two forms past the edit limit are still asked (at info), never asserted.

        One edit more than the limit, with strong context and no romanisation to explain it (an added
        syllable, a transposed pair); a syllable dropped beside the same name ("Andrei Volkev" / "Andrei
        Volkeyev"); beside the same (or an alike) name, a form of min_length letters ("Pabek Hruby" / "Pavel
        Hruby": the neighbour says whom it names); and two letters exchanged ("Tolyb" / "Tobyl"), near or
        apart, a slip of the hand no romanisation makes, even without context."""
        if m.kind is None and swapped(m.a, m.b) and m.shortest >= self.params.min_length:
            return True
        floor = self.params.min_length if m.shared else self.params.lone_min_length
        return bool(
            m.context
            and (m.kind is None or m.kind == "vowels" and m.shared)
            and m.shortest >= floor
            and m.distance <= max(m.limit, 1) + 1
        )

    def _by_votes(self, rare: Form, common: Form, m: _Measures, kind, ctx: _SlipContext):
        """The kind to report once the sources' votes for each form are weighed, or ``_NO_SLIP``."""
        votes_rare = (len(rare.documents), len(rare.sentences))
        votes_common = (len(common.documents), len(common.sentences))
        tie = self._tie(rare, common, m, votes_rare == votes_common, ctx)
        if (
            votes_common == votes_rare
            and not tie
            and m.context
            and rare.text < common.text
            and m.shortest >= self.params.min_length
            and (m.distance <= max(m.limit, 1) or kind == "weak")
        ):
            # Equally attested, and tied by context: one name spelt two ways, with no majority to say
            # which is right ("Gov. Rafi Kamel" / "Gov. Rafi Kamil"): asked once.
            return "weak"
        if (
            votes_common <= votes_rare
            and not tie
            or len(common.documents) < self.params.min_sources
            and not m.context
        ):
            return _NO_SLIP
        if m.context or self.related(ctx.corpus, rare, common):
            return kind
        if (
            m.shortest >= self.params.long_name
            and m.distance == 1
            and len(common.documents) >= self.params.min_sources
        ):
            # A long name one letter off a form the other sources agree on, with nothing else to tie
            # them ("Bhakatapur" once, "Bhaktapur" everywhere else): asked, not asserted.
            return "weak"
        if swapped(m.a, m.b) and len(common.documents) >= self.params.min_sources:
            # The same letters, two exchanged ("Tolyb" once, "Tobyl" in the other sources): a slip of the hand
            # even in a short name, asked, not asserted, where nothing else ties the two
            return "weak"
        return _NO_SLIP

    def _tie(self, rare: Form, common: Form, m: _Measures, equal_votes: bool, ctx: _SlipContext):
        """Whether two equally attested forms with strong context are one name spelt two ways, a letter dropped or doubled."""
        # Equally attested forms with strong context are still two spellings of one name: reported
        # once (in name order) without saying which is right.
        # Only a dropped or doubled letter, never a swapped one: "Chafik" / "Shafik" is a transliteration.
        return (
            equal_votes
            and (m.together or ctx.near[id(rare)] & ctx.near[id(common)])
            and m.shortest >= self.params.min_length
            and rare.text < common.text
            and m.distance == 1
            and len(m.a) != len(m.b)
        )

    def told_alike(self, corpus: Corpus):
        """``f(a, b)``: whether a sentence of form ``a`` and one of form ``b``, in two documents, state one
        thing (``Corpus.told_alike`` at ``aligned_similarity``)."""
        threshold = self.params.aligned_similarity

        def told(a: Form, b: Form) -> bool:
            return corpus.told_alike_any(
                [x for x, _ in a.occurrences], [y for y, _ in b.occurrences], threshold
            )

        return told

    @staticmethod
    def two_entities(rare: Form, common: Form, near_rare: set[str], near_common: set[str], translit) -> bool:
        """Whether two near forms name two things, not one thing spelt twice.

        - Each stands beside names and none of those names is alike: two people
          ("Dorina Vasko" / "Doria Pelt"), however close their first names.
        - Two or more documents write both forms: the writers tell them apart
          (a town and a province of nearly one name), which a slip does not do twice.
        """
        if near_rare and near_common and not alike(near_rare, near_common, translit):
            return True
        return len(rare.documents & common.documents) >= 2

    @staticmethod
    def dominance(rare: Form, common: Form) -> str | None:
        """Why the common form is clearly dominant in a document that writes both, or None.

        "document": that document writes it at least twice and more often than the other;
        "sources": more sources write it, and the document writes it at least as often.
        A document that mostly writes the flagged form is no evidence against it: "Energocom" three
        times and "Energokom" once is a house that romanises with a c and slipped once, whatever
        other sources do.
        """
        why = None
        for doc in sorted(rare.documents & common.documents):
            n_rare = sum(1 for s, _ in rare.occurrences if s.doc.path == doc)
            n_common = sum(1 for s, _ in common.occurrences if s.doc.path == doc)
            if n_common >= 2 and n_common > n_rare:
                return "document"
            if n_common >= n_rare and len(common.documents) > len(rare.documents):
                why = "sources"
        return why

    @classmethod
    def mixed(cls, rare: Form, common: Form) -> bool:
        """One document writes both forms, and the common one is clearly dominant (``dominance``)."""
        return cls.dominance(rare, common) is not None

    def cut_dateline(self, rare: Form, common: Form, a: str, b: str) -> bool:
        """``rare`` is only ever a dateline, and the start of a place other sources write whole: "KATHMAN" / "Kathmandu".

        A dateline is a whole place name, so one that stops short of a name the story
        spells out in full (by one to ``dateline_cut`` letters) was cut.
        """
        return (
            rare.only_dateline
            and b.startswith(a)
            and len(a) >= self.params.min_length
            and 0 < len(b) - len(a) <= self.params.dateline_cut
            and len(common.documents - rare.documents) >= self.params.min_sources
        )

    def _finding(self, rare: Form, common: Form, subject: str, kind: str | None = None) -> Finding:
        together = sorted(rare.documents & common.documents)
        if (len(rare.documents), len(rare.sentences)) == (len(common.documents), len(common.sentences)):
            return self.finding(
                subject=subject,
                values=[rare.text, common.text],
                evidence=rare.evidence() + common.evidence(),
                suggestion=None,
                # no majority: which is right cannot be told, so a question unless one document writes both
                severity=self.params.same_document_severity
                if together and kind != "weak"
                else self.params.tie_severity,
                template=self.params.tie_message,
                form=rare.text,
                intended=common.text,
                detail=f"each is written {len(rare.sentences)} time{'s' if len(rare.sentences) > 1 else ''}; check which is right",
            )
        # every place of the rare form; one example per source of the common one is enough
        evidence = rare.evidence() + common.evidence(per_document=True)
        n = len(common.documents)
        where = f"; the same document also writes '{common.text}'" if together else ""
        severity = self.params.same_document_severity if together else None
        if kind == "mixed":
            severity = self.params.mixed_severity
            where = (
                f"; the same document writes '{common.text}' more often"
                if self.dominance(rare, common) == "document"
                else f"; the same document also writes '{common.text}', and more sources do"
            )
        elif kind in ("doubled", "vowels"):
            what = "a doubled letter" if kind == "doubled" else "a vowel"
            severity, where = (
                self.params.doubled_severity,
                where + f" ({what}: a slip, or the house's romanisation)",
            )
        elif kind == "weak":
            severity = self.params.lone_severity
        return self.finding(
            subject=subject,
            values=[rare.text, common.text],
            evidence=evidence,
            suggestion=common.text,
            severity=severity,
            form=rare.text,
            intended=common.text,
            sources=n,
            detail=f"'{common.text}' appears in {n} source{'s' if n > 1 else ''}{where}",
        )
