"""Untrusted text made safe to show: every control, bidi and lone surrogate character written as a visible escape.

File names, rule files, fact sheets and articles are all untrusted. Whatever of them
reaches a terminal (stderr one-liners, ``factcheck rules``, ``facts list``) or a
report goes through ``visible`` or ``one_line`` first, so no ESC or OSC sequence
runs and no newline forges a line.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode format characters that reorder or hide text
# (bidi embeddings, overrides and isolates, marks, zero-width joiners, BOM), and lone
# surrogates (the bytes of a file name that was not UTF-8, kept by surrogateescape).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """``text`` with every control, bidi and lone surrogate character written as a visible escape.

    ``\\n``, ``\\x1b``, ``\\u202e``; a byte of a file name that was not UTF-8 shows
    as that byte (``caf\\xe9.txt``), and the result is valid UTF-8.
    """
    return _CONTROL.sub(_escape_char, str(text))


def _escape_char(m: re.Match) -> str:
    ch = m.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape's stand-in for the byte code - 0xdc00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """Runs of spaces, tabs and line breaks become one space; other controls are escaped."""
    return visible(re.sub(r"[ \t\r\n]+", " ", str(text)))


def visible_repr(value: object) -> str:
    """``repr(value)`` cut to 80 characters, escaped: for error messages that quote an untrusted value."""
    text = repr(value)
    return visible(text if len(text) <= 80 else text[:77] + "...")
