"""The one type check that config values and rule parameters share."""

from __future__ import annotations

from typing import Any


def same_kind(expected: Any, value: Any) -> bool:
    """Whether ``value`` may stand where the default ``expected`` stands.

    ``bool`` is an ``int`` in Python, so it is tested first: ``true`` never passes as
    a number, nor a number as a flag. Any number passes for a number (``1`` for
    ``0.5``); a default of ``None`` takes anything; otherwise the types must match.
    """
    if isinstance(expected, bool):
        return isinstance(value, bool)
    if isinstance(expected, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is None:
        return True
    return isinstance(value, type(expected))
