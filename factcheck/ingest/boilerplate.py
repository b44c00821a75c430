"""Which blocks are page furniture rather than reporting (``rules/boilerplate.yaml``), matched with a time limit."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

# A rule's regular expression gets this long per match: ample for any sane pattern
# on one block, and it stops a catastrophic one such as ``(a|aa)+$`` at once.
PATTERN_TIMEOUT = 0.25
# Patterns that cannot share one alternation: backreferences (group numbers would
# shift) and global inline flags (they would apply to every other pattern).
_ALONE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


class RulePatterns:
    """A rule key's regular expressions, each matched with a time limit; one that exceeds it is dropped.

    The patterns are joined into one alternation: one call with a timeout costs
    about what a single pattern does, where fourteen separate timed calls cost seven
    times plain ``re``. When the alternation times out, each pattern is tried
    alone on that text; one that exceeds the limit by itself is reported once and
    dropped. The alternation that timed out is not tried again for the rest of the
    scan (patterns each fast alone can still be slow together), so a line costs at
    most ``PATTERN_TIMEOUT`` per pattern, never an unbounded retry.
    """

    def __init__(self, patterns: list[str], key: str) -> None:
        self.key = key
        self.patterns = list(patterns)
        self.warnings: list[str] = []
        self.one_by_one = False  # set once the alternation has timed out
        self._build()

    def _build(self) -> None:
        joined = [p for p in self.patterns if not _ALONE.search(p)] if not self.one_by_one else []
        self.joined = (
            regex.compile("|".join(f"(?:{p})" for p in joined), regex.IGNORECASE) if joined else None
        )
        self.alone = [
            regex.compile(p, regex.IGNORECASE) for p in self.patterns if self.one_by_one or _ALONE.search(p)
        ]

    def _drop(self, pattern: str) -> None:
        self.patterns.remove(pattern)
        self.warnings.append(
            f"boilerplate rule: pattern {pattern!r} in key '{self.key}' took over "
            f"{PATTERN_TIMEOUT} s on one line; skipped for the rest of the scan"
        )

    def fullmatch(self, text: str) -> bool:
        """Whether one of the patterns matches all of ``text``."""
        if self.joined is not None:
            try:
                if self.joined.fullmatch(text, timeout=PATTERN_TIMEOUT):
                    return True
            except TimeoutError:
                self.one_by_one = True
                self.warnings.append(
                    f"boilerplate rule: the patterns of key '{self.key}' together took over "
                    f"{PATTERN_TIMEOUT} s on one line; each is matched alone for the rest of the scan"
                )
                self._build()
        matched, dropped = False, False
        for compiled in self.alone:
            try:
                if compiled.fullmatch(text, timeout=PATTERN_TIMEOUT):
                    matched = True
                    break
            except TimeoutError:
                self._drop(compiled.pattern)
                dropped = True
        if dropped:
            self._build()
        return matched


@dataclass
class Boilerplate:
    """Which blocks are page furniture rather than reporting (from ``rules/boilerplate.yaml``).

    The patterns come from rule files, which may be untrusted, so each match runs
    with a time limit (``RulePatterns``); a pattern that exceeds it is reported once
    in ``warnings`` and skipped from then on.
    """

    lines: RulePatterns
    head_lines: RulePatterns
    head_size: int = 8
    drop_repeated: bool = True

    @classmethod
    def from_lexicon(cls, lex: dict) -> Boilerplate:
        return cls(
            RulePatterns(lex["lines"], "lines"),
            RulePatterns(lex["head_lines"], "head_lines"),
            int(lex["head_size"]),
            bool(lex["drop_repeated"]),
        )

    @property
    def warnings(self) -> list[str]:
        return self.lines.warnings + self.head_lines.warnings

    def matches(self, text: str, index: int) -> bool:
        if self.lines.fullmatch(text):
            return True
        return index < self.head_size and self.head_lines.fullmatch(text)
