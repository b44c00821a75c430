"""Proper-name tokens: which capitalised words are names, and their spelling forms.

Capitalisation alone is not enough: sentences open with capitals, and so do
ministries and forums. A capitalised token counts as a name form when it is not a
stop word, an organisation word, a title word or a country word (``rules/names.yaml``,
``rules/titles.yaml``), and either stands inside a sentence, or is seen inside a
sentence somewhere else in the corpus. No tagger is involved, so a form that a tagger
would miss ("Nurleu") is still a name form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


class Token(NamedTuple):
    """One word; a named tuple because a corpus makes hundreds of thousands of them."""

    start: int  # offset in the sentence
    end: int
    text: str  # as written, possessive and final dot removed

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def initial(self) -> bool:
        return len(self.text) == 1 and self.text.isupper()


def _token(m: re.Match) -> Token:
    word = m.group(0)
    end = m.end()
    if word.endswith("."):
        word, end = word[:-1], end - 1
    p = POSSESSIVE.search(word) if word[-1:] in ("'", "’", "s") else None
    if p and len(word) > p.end() - p.start() + 1:
        word = word[: p.start()]
        end = m.start() + len(word)
    return Token(m.start(), end, word)


# Sized past one 5 MB article's sentences (about 70,000): each check reads them in order, and an LRU cache
# smaller than that evicts every sentence before the next check comes back to it.
@functools.lru_cache(maxsize=1 << 17)
def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens of ``text`` with their offsets; "Kazakhstan’s" -> "Kazakhstan".

    Memoised: every extractor and several checks tokenize the same sentences.
    """
    return tuple(_token(m) for m in WORD.finditer(text))


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without diacritics: "Łukašenka" -> "lukasenka"."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def country_names() -> set[str]:
    """Every country's short and common names (ISO 3166, from pycountry), lower-cased:
    "Indonesia", "South Korea", "Korea, Republic of" -> "korea, republic of" and "korea"."""
    import pycountry

    out = set()
    for c in pycountry.countries:
        # not the official name: "Lebanese Republic" would make a demonym a country
        for attr in ("name", "common_name"):
            name = getattr(c, attr, None)
            if name:
                out.add(name.lower())
                out.add(name.split(",")[0].lower())
    return out


def _common_words(names: dict, titles: dict) -> set[str]:
    """Stopwords, institution words, every word of a title or portfolio phrase, months and weekdays."""
    never = set(names["stopwords"]) | set(names["org_words"])
    for phrase in (
        list(titles["ranks"])
        + list(titles["equivalents"])
        + list(titles["roles"])
        + list(titles["qualifiers"])
    ):
        never.update(phrase.split())
    for spec in titles["portfolios"].values():
        for phrase in spec.get("before", []) + spec.get("after", []):
            never.update(phrase.split())
    from .dates import MONTHS, WEEKDAYS

    never.update(MONTHS)
    never.update(WEEKDAYS)
    return never


def _add_country_words(never: set[str], titles: dict) -> None:
    """Add the words of the lexicon's country forms and of every country name longer than three letters."""
    for forms in titles["countries"].values():
        for phrase in forms:
            never.update(phrase.split())
    never.update(w for name in country_names() for w in name.split() if len(w) > 3)


class NameVocabulary:
    """The words that are never names, built from the lexicons."""

    def __init__(self, names: dict, titles: dict) -> None:
        never = _common_words(names, titles)
        # Words of titles and institutions say nothing about *which* story a text tells;
        # country names do, so they stay in ``stop``'s complement.
        self.stop = {fold(w) for w in never}
        _add_country_words(never, titles)
        self.never = {fold(w) for w in never}
        self.speech_verbs = {fold(w) for w in names["speech_verbs"]}
        self.speech_before = tuple(" ".join(fold(w).split()) for w in names["speech_before"])
        self.speech_first = frozenset(w.split()[0] for w in self.speech_before)
        self.org_words = {fold(w) for w in names["org_words"]}
        self.place_words = {fold(w) for w in names["place_words"]}
        self.place_heads = {fold(w) for w in names["place_heads"]}
        self.settlement_of = {fold(w): kind for kind, words in names["settlements"].items() for w in words}
        self.honorifics = {fold(w) for w in names["honorifics"]}
        self.title_words = {
            fold(w) for phrase in list(titles["ranks"]) + list(titles["equivalents"]) for w in phrase.split()
        }
        # words that make a name before them a modifier of a post: "Velmora district chief", "Kremlin spokesman"
        self.post_words = (
            self.title_words | {fold(w) for w in titles["roles"]} | self.place_words | self.org_words
        )

    def nameable(self, token: Token) -> bool:
        """Whether a token may be (part of) a person's name at all: not an acronym ("CEO", "FBI")."""
        return (
            token.capitalised
            and fold(token.text) not in self.never
            and len(token.text) >= 2
            and not token.text.isupper()
        )

    def countable(self, token: Token) -> bool:
        """Whether a token is a proper-name form worth comparing for spelling."""
        return (
            token.capitalised
            and not token.text.isupper()  # acronyms are not spellings of names
            and len(token.text) >= 4
            and fold(token.text) not in self.never
        )


def proper_names(text: str, vocab: NameVocabulary) -> list[Token]:
    """Every capitalised word inside a sentence that names a particular person, place or thing.

    Broader than the spelling checks' name forms (countries count here), because it
    answers another question: do two texts talk about the same things? Title and
    institution words ("Minister", "Council") are left out: every story has them.
    """
    # Runs over every sentence of the corpus: only capitalised words become Tokens.
    found = []
    for i, m in enumerate(WORD.finditer(text)):
        if i > 0 and m.group(0)[:1].isupper():
            t = _token(m)
            if len(t.text) >= 2 and fold(t.text) not in vocab.stop:
                found.append(t)
    return found


def name_forms(sentences, vocab: NameVocabulary) -> list[tuple[object, Token]]:
    """(sentence, token) for every proper-name form in ``sentences``.

    A sentence's first word, and any word of a line set in title case (a headline),
    is kept only when the same form is seen mid-sentence elsewhere, since any word is
    capitalised there. A word seen in lower case
    anywhere in the corpus is a common word, not a name.
    """
    lower: set[str] = set()
    inner: set[str] = set()
    split = []
    for s in sentences:
        toks = tokens(s.text)
        headline = title_case(toks)
        split.append((s, toks, headline))
        for i, t in enumerate(toks):
            if t.text[:1].islower():
                lower.add(t.text)
            elif i > 0 and not headline:
                inner.add(t.text)
    out = []
    for s, toks, headline in split:
        for i, t in enumerate(toks):
            if not vocab.countable(t) or t.text.lower() in lower:
                continue
            if (i == 0 or headline) and t.text not in inner:
                continue  # capitals that the position explains: a sentence's first word, a headline's words
            out.append((s, t))
    return out


def title_case(toks) -> bool:
    """Whether a line is set in title case ("Biden On Chauvin Trial: Praying For 'Right Verdict'"): every word
    over three letters capitalised, verbs too, and at least four of them. A sentence of names has a verb in lower
    case ("Judge Steven O'Neil sentenced Cosby")."""
    longer = [t for t in toks if len(t.text) > 3]
    return len(longer) >= 4 and all(t.capitalised for t in longer)


# A dateline: a place in capitals opening a story's first paragraphs, then ":", "," or a dash ("KATHMANDU, Nepal --").
_DATELINE = re.compile(r"^\s*((?:[A-Z][A-Z'’.-]+ ){0,3}[A-Z][A-Z'’.-]{3,})\s*(?:[:,]|--|[–—-]\s)")
DATELINE_BLOCKS = 2  # a dateline stands in the first paragraph, or the second after a headline line


def dateline_tokens(sentence) -> list[Token]:
    """The place words of a dateline opening ``sentence`` ("KATHMAN: At least 13…" -> KATHMAN), else none.

    Capitals are how a dateline is written, so these tokens are names although
    ``countable`` leaves capitals out (as acronyms).
    """
    if sentence.block >= DATELINE_BLOCKS:
        return []
    m = _DATELINE.match(sentence.text)
    if not m:
        return []
    return [t for t in tokens(sentence.text) if t.end <= m.end(1) and len(t.text) >= 4 and t.text.isupper()]
