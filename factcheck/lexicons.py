"""The parsed vocabularies every extractor and check shares, built once per scan from the rules."""

from __future__ import annotations

from dataclasses import dataclass

from .extract.claims import ClaimLexicon
from .extract.names import NameVocabulary
from .extract.people import TitleLexicon
from .rules import RuleSet
from .transliteration import Transliteration


@dataclass(frozen=True)
class Lexicons:
    """``rules/titles.yaml``, ``names.yaml``, ``transliteration.yaml``, ``house-style.yaml`` and ``claims.yaml``, parsed."""

    titles: TitleLexicon
    names: NameVocabulary
    transliteration: Transliteration
    house_style: dict  # {"preferred": [...], "severity": "warning"}
    claims: ClaimLexicon

    @classmethod
    def build(cls, rules: RuleSet) -> "Lexicons":
        titles = rules.lexicon("titles")
        return cls(
            titles=TitleLexicon(titles),
            names=NameVocabulary(rules.lexicon("names"), titles),
            transliteration=Transliteration(rules.lexicon("transliteration")),
            house_style=rules.lexicon("house-style"),
            claims=ClaimLexicon(rules.lexicon("claims")),
        )
