"""Check names from settings, options and markers, checked against the known ones, with the closest offered."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class UnknownName(Exception):
    """A check name that names no check; the message offers the closest ones."""


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """ " (did you mean 'x'?)" for the closest known name, or the full list when none is close."""
    known = sorted(set(known))
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (known: {', '.join(known)})"


def check_names(names: Iterable[str], known: Iterable[str], where: str, wildcard: bool = False) -> None:
    """Raise UnknownName for the first of ``names`` that is not a known check ("*" allowed with ``wildcard``)."""
    known = set(known)
    for name in names:
        if name not in known and not (wildcard and name == "*"):
            raise UnknownName(f"{where}: unknown check '{name}'{did_you_mean(name, known)}")
