"""Check types by name: the name is the module's, the class's ``name`` and a rule's ``extends``."""

from .base import Check
from .duplicate_passage import DuplicatePassage
from .name_misspelling import NameMisspelling
from .name_variant import NameVariant
from .quote_mismatch import QuoteMismatch
from .title_conflict import TitleConflict
from .vague_date import VagueDate

CHECK_TYPES: dict[str, type[Check]] = {
    "duplicate-passage": DuplicatePassage,
    "name-misspelling": NameMisspelling,
    "name-variant": NameVariant,
    "quote-mismatch": QuoteMismatch,
    "title-conflict": TitleConflict,
    "vague-date": VagueDate,
}

__all__ = ["CHECK_TYPES", "Check"]
