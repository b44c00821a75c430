"""Check types by name: the name is the module's, the class's ``name`` and a rule's ``extends``."""

from .attribution_conflict import AttributionConflict
from .base import Check
from .date_conflict import DateConflict
from .duplicate_passage import DuplicatePassage
from .name_misspelling import NameMisspelling
from .name_variant import NameVariant
from .number_conflict import NumberConflict
from .quote_mismatch import QuoteMismatch
from .single_source import SingleSource
from .title_conflict import TitleConflict
from .vague_date import VagueDate

CHECK_TYPES: dict[str, type[Check]] = {
    cls.name: cls
    for cls in (
        AttributionConflict, DateConflict, DuplicatePassage, NameMisspelling, NameVariant,
        NumberConflict, QuoteMismatch, SingleSource, TitleConflict, VagueDate,
    )
}

__all__ = ["CHECK_TYPES", "Check"]
