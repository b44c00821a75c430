"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 by its BOM, else a detected encoding, with warnings."""

from __future__ import annotations

import re

from ..files import InputError

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Bytes -> text. UTF-8 (with or without BOM) first, then a detected encoding.

    Text that is mostly valid UTF-8 with a few broken bytes keeps UTF-8, with the
    bad bytes replaced. Returns the text and any warnings. Raises InputError for
    binary data.
    """
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), warnings
        except UnicodeDecodeError:  # a truncated or damaged UTF-16 file: keep what decodes
            warnings.append(f"{name}: invalid UTF-16 data replaced")
            return data.decode("utf-16", errors="replace"), warnings
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8-sig"), warnings
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few stray bytes (a bad paste) stays UTF-8: guessing a legacy
    # encoding for the whole file would garble every non-ASCII letter in it.
    if _UTF8_MULTIBYTE.search(data):
        lenient = data.decode("utf-8-sig", errors="replace")
        bad = lenient.count("\ufffd")
        warnings.append(f"{name}: {bad} invalid UTF-8 byte sequence(s) replaced")
        return lenient, warnings
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        text = data.decode("utf-8", errors="replace")
        warnings.append(f"{name}: not valid UTF-8 and no encoding detected; undecodable bytes replaced")
        return text, warnings
    warnings.append(f"{name}: not UTF-8; read as {best.encoding}")
    return str(best), warnings
