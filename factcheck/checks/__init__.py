"""Check types by name: the name is the module's, the class's ``name`` and a rule's ``extends``."""

from .base import Check
from .name_misspelling import NameMisspelling
from .title_conflict import TitleConflict
from .vague_date import VagueDate

CHECK_TYPES: dict[str, type[Check]] = {
    "name-misspelling": NameMisspelling,
    "title-conflict": TitleConflict,
    "vague-date": VagueDate,
}

__all__ = ["CHECK_TYPES", "Check"]
