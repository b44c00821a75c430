"""People and their titles.

A *title* is read with the vocabulary of ``rules/titles.yaml`` into a rank on a
ladder, a portfolio and a country: "Kazakhstan's Deputy Minister of Foreign
Affairs" -> (deputy minister, foreign-affairs, kazakhstan); "Foreign Minister" ->
(minister, foreign-affairs); "top diplomat" -> (minister, foreign-affairs) through
``equivalents``. Matching is case-insensitive: titles are written both ways.

A run of capitalised name tokens is a *person mention* when something beyond its
capitals says so: a title before it ("Minister Murat Nurtleu", "the Belarusian
ambassador, Pavel Utyupin") or after it ("Murat Nurtleu, Kazakhstan's deputy prime
minister and top diplomat"), a speech verb ("Nurtleu reaffirmed"), or a full
first-and-last name with no organisation word in it. A bare surname ("Nurtleu")
links to the person of that surname (see ``link_people``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from ..models import Person, Sentence
from .names import NameVocabulary, Token, fold, tokens


@dataclass(frozen=True)
class Title:
    """One title as written and as understood."""

    text: str
    rank: str | None  # canonical rank ("deputy minister"), None for a role
    ladder: str | None
    level: int | None
    portfolio: str | None
    country: str | None
    qualified: bool = False  # "former", "acting": says nothing about now


# Words that put a rank lower on its ladder when they stand before the portfolio: "Deputy Health Secretary".
MODIFIERS = ("first deputy", "deputy", "vice", "assistant", "under", "state")


_WORD = re.compile(r"\w+")


def _alternation(phrases) -> str:
    # Longest first, so "deputy prime minister" wins over "prime minister".
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


class TitleLexicon:
    """Finds and reads titles with the vocabulary of ``rules/titles.yaml``."""

    def __init__(self, titles: dict) -> None:
        self.ranks = {k.lower(): v for k, v in titles["ranks"].items()}
        self.equivalents = {k.lower(): v.lower() for k, v in titles["equivalents"].items()}
        self.roles = {r.lower() for r in titles["roles"]}
        self.qualifiers = {q.lower() for q in titles["qualifiers"]}
        self.levels = {w.lower() for w in titles["levels"]}
        self.before: dict[str, str] = {}
        self.after: dict[str, str] = {}
        self.portfolios = frozenset(titles["portfolios"])  # the vocabulary's own portfolios, by id
        for portfolio, spec in titles["portfolios"].items():
            for phrase in spec.get("before", []):
                self.before[phrase.lower()] = portfolio
            for phrase in spec.get("after", []):
                self.after[phrase.lower()] = portfolio
        self.countries: dict[str, str] = {}
        for country, forms in [*titles["countries"].items(), *titles["nationalities"].items()]:
            for form in forms:
                self.countries[form.lower()] = country
        country = _alternation(self.countries)
        heads = _alternation([*self.ranks, *self.equivalents, *self.roles])
        # The open grammar: [country] [qualifier] [modifier] [portfolio words] rank [of/for portfolio] [of country].
        # Portfolio words need not be in the vocabulary: "Deputy Health Secretary", "Minister for Digital Affairs",
        # and two may be joined: "Transport and Infrastructure Minister" holds one post, not two.
        modifiers = _alternation(MODIFIERS)
        # A verb form is never a portfolio word: "Thanking Minister Nurtleu" names no post.
        free = (
            r"(?!(?:The|A|An|His|Her|Its|Their|Our|This|That|New|Then|And|Of|For|Mr|Mrs|Ms|Dr)\b)"
            r"(?![A-Z][a-z]+ing\b)(?![A-Z][a-z]{3,}ed\b)[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
        )
        # Free words after "of"/"for" must end the title (a comma, a lower-case word): else they are the name.
        end = r"(?=\s*[,.;:)’'\"”]|\s+[a-z]|\s*$)"
        self.pattern = re.compile(
            r"(?<![\w-])"
            rf"(?:(?P<c1>{country})(?:['’]s|['’])?\s+)?"
            rf"(?:(?P<q>{_alternation(self.qualifiers)})[\s-]+)?"
            rf"(?:(?P<mod>{modifiers})\s+(?=\S+\s+\S))?"
            rf"(?:(?P<padj>{_alternation(self.before)})\s+|(?!(?:{heads})(?![\w-]))(?-i:(?P<pfree>{free}\s+(?:(?:(?:and|&)\s+)?{free}\s+)?)))?"
            rf"(?P<head>{heads})(?![\w-])"
            rf"(?:\s+(?:of|for)\s+(?:the\s+)?(?:(?P<pname>{_alternation(self.after)})(?![\w-])|(?-i:(?P<pofree>{free}(?:\s+(?:and\s+)?{free})?){end})))?"
            rf"(?:\s+of\s+(?:the\s+)?(?P<c2>{country})(?![\w-]))?",
            re.IGNORECASE,
        )
        # Every title ends its head on the head's last word, a whole word of the text (the head starts after a
        # space, a hyphen or the start, and ends before one): a sentence without one of those words holds no
        # title. Most sentences have none, and the full pattern, tried at every word, cost more than all else
        # that reads a sentence's people (issue 22, r25).
        self.head_words = frozenset(
            _WORD.findall(h.lower())[-1]
            for h in [*self.ranks, *self.equivalents, *self.roles]
            if _WORD.search(h)
        )

    def read(self, m: re.Match) -> Title:
        head = " ".join(m.group("head").lower().split())
        portfolio = self._portfolio(m, head)
        mod = m.group("mod")
        if mod:
            modified = f"{' '.join(mod.lower().split())} {head}"
            if modified in self.ranks:
                head = modified
        if head in self.equivalents:
            head, portfolio = self._equivalent(head, portfolio)
        country_form = m.group("c1") or m.group("c2")
        country = self.countries.get(" ".join(country_form.lower().split())) if country_form else None
        spec = self.ranks.get(head)
        return Title(
            text=" ".join(m.group(0).split()),
            rank=head if spec else None,
            ladder=spec["ladder"] if spec else None,
            level=int(spec["level"]) if spec else None,
            portfolio=portfolio,
            country=country,
            qualified=bool(m.group("q")),
        )

    def _portfolio(self, m: re.Match, head: str) -> str | None:
        """The portfolio a title match names: a known phrase before or after the rank, else its free words."""
        portfolio = None
        if m.group("padj"):
            portfolio = self.before[" ".join(m.group("padj").lower().split())]
        if m.group("pname"):
            portfolio = self.after[" ".join(m.group("pname").lower().split())]
        free = m.group("pfree") or m.group("pofree")
        if free and portfolio is None and head in self.ranks:
            # A portfolio reads the same on either side of its rank: "Emergency Situations Minister" is the
            # "Minister of Emergency Situations", and "Home Affairs Minister" the "Minister of Home Affairs".
            # One the vocabulary does not know is compared by its words.
            words = free.lower().split()
            if len(words) > 1 and words[0] in self.levels:
                # the government the post is in ("Union Home Minister", "Federal Finance Minister") is no portfolio
                words = words[1:]
            phrase = " ".join(words)
            portfolio = self.after.get(phrase) or self.before.get(phrase)
            if portfolio is None:
                portfolio = " ".join(w for w in words if w not in ("and", "&"))
        return portfolio

    def _equivalent(self, head: str, portfolio: str | None) -> tuple[str, str | None]:
        """(rank, portfolio) of an equivalent title read as portfolio words then a rank; unchanged when none fits."""
        canonical = self.equivalents[head]
        words = canonical.split()
        # "foreign minister": a portfolio word, then a rank
        for n in range(len(words)):
            pre, rank = " ".join(words[:n]), " ".join(words[n:])
            if rank in self.ranks and (not pre or pre in self.before):
                head = rank
                portfolio = portfolio or (self.before[pre] if pre else None)
                break
        return head, portfolio

    def find(self, text: str) -> list[tuple[int, int, Title]]:
        words = _WORD.findall(text)
        # ASCII words only: the pattern's case-insensitive match folds a few other letters onto ASCII ones
        # (the Kelvin sign onto "k"), which lower() does not.
        if all(w.isascii() for w in words) and self.head_words.isdisjoint(w.lower() for w in words):
            return []
        return [(m.start(), m.end(), self.read(m)) for m in self.pattern.finditer(text)]


@dataclass
class PersonMention:
    """A name in a sentence, with the titles attached to it there."""

    sentence: Sentence
    start: int  # offsets within the sentence
    end: int
    name: str
    tokens: list[str]
    titles: list[Title] = field(default_factory=list)
    cue: str = ""  # what made it a person: title, speech, fullname, surname

    @property
    def surname(self) -> str:
        return self.tokens[-1]


# Between a title and the name it gives: spaces, a comma, or the full stop of an abbreviated rank ("Rear Adm. Lestari").
_JOIN = re.compile(r"\.?\s*,?\s*")
_APPOSITION = re.compile(r",\s*(?:the\s+|a\s+|an\s+)?")
_BEFORE_NAME = re.compile(r"\s+[A-Z][^\W\d_]+")
_AND = re.compile(r"\s+(?:and|as well as)\s+(?:the\s+|a\s+|an\s+)?")


def _runs(toks: list[Token], text: str, vocab: NameVocabulary) -> list[list[Token]]:
    """Maximal runs of name tokens separated by single spaces (initials allowed inside)."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for t in toks:
        ok = vocab.nameable(t) or (t.initial and current)
        gap = text[current[-1].end : t.start] if current else ""
        # only a space, or an initial's dot and a space, may stand between two parts of a name
        adjacent = (
            current
            and t.start - current[-1].end <= 3
            and gap.replace(".", "", 1).strip(" ") == ""
            and "\n" not in gap
        )
        if ok and (not current or adjacent):
            current.append(t)
        else:
            if current:
                runs.append(current)
            current = [t] if vocab.nameable(t) else []
    if current:
        runs.append(current)
    # an initial cannot end a name
    return [r[:-1] if r[-1].initial and len(r) > 1 else r for r in runs]


class PeopleExtractor:
    """Finds person mentions and their titles in sentences."""

    def __init__(self, titles: TitleLexicon, vocab: NameVocabulary) -> None:
        self.titles = titles
        self.vocab = vocab

    def _titles_after(self, text: str, pos: int, found: list[tuple[int, int, Title]]) -> list[Title]:
        """Titles in apposition after a name ending at ``pos``: ", Kazakhstan's deputy prime minister and top diplomat"."""
        m = _APPOSITION.match(text, pos)
        if not m:
            return []
        out: list[Title] = []
        at = m.end()
        while True:
            hit = next(((s, e, t) for s, e, t in found if s == at), None)
            if hit is None or _BEFORE_NAME.match(text, hit[1]):
                # ", Deputy Foreign Minister Murat Nurtleu": the title belongs to the name after it
                break
            out.append(hit[2])
            nxt = _AND.match(text, hit[1])
            if not nxt:
                break
            at = nxt.end()
        # "deputy prime minister and top diplomat": the country said once covers both
        country = next((t.country for t in out if t.country), None)
        return [
            t
            if t.country or not country
            else Title(t.text, t.rank, t.ladder, t.level, t.portfolio, country, t.qualified)
            for t in out
        ]

    def _untitled_cue(self, toks: list[Token], run: list[Token], words: list[str]) -> str:
        """What says an untitled run of name tokens is a person: a speech verb after it or its cue before it
        ("speech"), or two words or more ("fullname"); else ""."""
        following = toks[toks.index(run[-1]) + 1] if toks.index(run[-1]) + 1 < len(toks) else None
        preceding = toks[toks.index(run[0]) - 1] if toks.index(run[0]) > 0 else None
        if (following and fold(following.text) in self.vocab.speech_verbs) or (
            preceding and fold(preceding.text) in self.vocab.speech_first
        ):
            return "speech"
        if len(words) >= 2 and not any(fold(w) in self.vocab.place_words for w in words):
            # two capitalised words are a full name, unless one of them says it is a place ("Amsterdam Airport
            # Schiphol", "Seti River")
            return "fullname"
        return ""

    def extract(self, sentence: Sentence) -> list[PersonMention]:
        text = sentence.text
        found = self.titles.find(text)
        toks = tokens(text)
        people: list[PersonMention] = []
        for run in _runs(toks, text, self.vocab):
            start, end = run[0].start, run[-1].end
            words = [t.text for t in run if not t.initial]
            if not words:
                continue
            name = text[start:end]
            titles: list[Title] = []
            cue = ""
            before = [t for s, e, t in found if e <= start and _JOIN.fullmatch(text, e, start)]
            if before:
                titles.append(before[-1])
                cue = "title"
            after = self._titles_after(text, end, found)
            if after:
                titles.extend(after)
                cue = cue or "title"
            cue = cue or self._untitled_cue(toks, run, words)
            if cue:
                people.append(PersonMention(sentence, start, end, name, words, titles, cue))
        return people


def link_surnames(
    sentences: list[Sentence], people: list[PersonMention], vocab: NameVocabulary, key
) -> list[PersonMention]:
    """Bare surnames that name a known person: "Nurtleu reaffirmed..." after "Murat Nurtleu".

    ``key(form)`` is a form's spelling-free key (a transliteration skeleton): two
    forms with one key are one name. Mentions already found are not repeated.
    """
    known = {key(p.surname) for p in people if len(p.tokens) >= 2 or p.titles}
    taken: dict[int, list[tuple[int, int]]] = {}
    for p in people:
        taken.setdefault(id(p.sentence), []).append((p.start, p.end))
    extra: list[PersonMention] = []
    for s in sentences:
        spans = taken.get(id(s), [])
        for t in tokens(s.text):
            if any(a <= t.start < b for a, b in spans) or not vocab.nameable(t):
                continue
            if key(t.text) in known:
                extra.append(PersonMention(s, t.start, t.end, t.text, [t.text], [], "surname"))
    return extra


def link_people(mentions: list[PersonMention], key) -> list[Person]:
    """Group person mentions into people.

    Mentions join when their surnames have one ``key`` (the same name, or a known
    transliteration of it). One surname with two first names that are not the same
    name is two people; a bare surname then joins the one its own document names.
    """
    by_surname: dict[str, list[PersonMention]] = {}
    for m in sorted(mentions, key=lambda m: (m.sentence.doc.path, m.sentence.start + m.start)):
        by_surname.setdefault(key(m.surname), []).append(m)
    people: list[Person] = []
    for g in _absorb_slips(list(by_surname.values())):
        split: dict[str, list[PersonMention]] = {}
        bare = []
        for m in g:
            if len(m.tokens) >= 2:
                split.setdefault(key(m.tokens[0]), []).append(m)
            else:
                bare.append(m)
        if len(split) <= 1:
            people.append(Person(_best_name(g), g))
            continue
        for m in bare:
            local = [
                f for f, ms in split.items() if any(x.sentence.doc.path == m.sentence.doc.path for x in ms)
            ]
            if len(local) == 1:
                split[local[0]].append(m)
        people.extend(Person(_best_name(ms), ms) for ms in split.values())
    return sorted(people, key=lambda p: p.name)


def _absorb_slips(groups: list[list[PersonMention]]) -> list[list[PersonMention]]:
    """Fold a bare surname one edit away from a full name in the same document into that person.

    "Nurleu said..." beside "Foreign Minister Murat Nurtleu" in one article is the
    same minister with a typo (name-misspelling reports the typo); without this, the
    typo would read as a second speaker.
    """
    full = [g for g in groups if any(len(m.tokens) >= 2 for m in g)]
    full_ids = {id(g) for g in full}
    # Candidate hosts come only from the bare group's own documents: no pass over every person.
    hosts_in: dict[str, list[list[PersonMention]]] = {}
    for h in full:
        for path in {m.sentence.doc.path for m in h}:
            hosts_in.setdefault(path, []).append(h)
    out = []
    for g in groups:
        if id(g) in full_ids:
            out.append(g)
            continue
        surname = fold(g[0].surname)
        nearby = [h for path in sorted({m.sentence.doc.path for m in g}) for h in hosts_in.get(path, [])]
        host = next(
            (h for h in nearby if len(surname) >= 5 and OSA.distance(surname, fold(h[0].surname)) == 1), None
        )
        if host is None:
            out.append(g)
        else:
            host.extend(g)
    return out


def _best_name(mentions: list[PersonMention]) -> str:
    """The full form most sources use, then the most frequent, then the first alphabetically."""
    counts: dict[str, set[str]] = {}
    for m in mentions:
        if len(m.tokens) >= 2:
            counts.setdefault(" ".join(m.tokens), set()).add(m.sentence.doc.path)
    if not counts:
        counts = {m.tokens[-1]: {m.sentence.doc.path} for m in mentions}
    return max(sorted(counts), key=lambda n: len(counts[n]))
