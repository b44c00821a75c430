"""The parsed vocabularies every extractor and check shares, built once per scan from the rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .extract.claims import ClaimLexicon
from .extract.names import NameVocabulary
from .extract.people import TitleLexicon
from .rules import RuleSet
from .transliteration import Transliteration


@dataclass(frozen=True)
class Lexicons:
    """``rules/titles.yaml``, ``names.yaml``, ``transliteration.yaml``, ``house-style.yaml``, ``claims.yaml`` and ``stories.yaml``, parsed."""

    titles: TitleLexicon
    names: NameVocabulary
    transliteration: Transliteration
    house_style: dict  # {"preferred": [...], "severity": "warning"}
    claims: ClaimLexicon
    stories: dict  # rules/stories.yaml: story grouping's parameters

    @classmethod
    def build(cls, rules: RuleSet) -> Lexicons:
        titles = rules.lexicon("titles")
        return cls(
            titles=TitleLexicon(titles),
            names=NameVocabulary(rules.lexicon("names"), titles),
            transliteration=Transliteration(rules.lexicon("transliteration")),
            house_style=rules.lexicon("house-style"),
            claims=ClaimLexicon(rules.lexicon("claims")),
            stories=rules.lexicon("stories"),
        )

    @cached_property
    def story_stopwords(self) -> frozenset[str]:
        """Words that say nothing about which story a text tells: English function words, and
        the words of titles and institutions (``names.yaml``, ``titles.yaml``)."""
        from .stopwords import ENGLISH

        return ENGLISH | frozenset(self.names.stop)
