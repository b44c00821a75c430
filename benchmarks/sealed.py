"""Sealed fixture stories: packed so that whoever tunes the checks never reads them.

A sealed story is one folder (its articles, ``key.json`` when it has one, and
``SOURCES``) packed into one ``NAME.sealed`` file: JSON, zlib, a SHA-256 key
stream and base64, the same scheme as ``../shared/eval/blind-score``. It is not
encryption against an attacker; it keeps the text out of ``grep``, ``git diff``
and an editor, so that nobody who tunes the detector reads it by accident.

The people who gather and key a sealed story write it in a scratch folder
outside the repository and pack it here::

    .venv/bin/python benchmarks/sealed.py pack SCRATCH/STORY tests/fixtures/coverage/sealed/

``benchmarks/evaluate.py`` unpacks every sealed story into a temporary folder,
scans it with the rest of its half and prints totals only.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
import zlib
from pathlib import Path

PASS = b"factcheck sealed fixtures: score them, never read them"
FORMAT = "factcheck-sealed/1"


def _stream(n: int) -> bytes:
    out, i = bytearray(), 0
    while len(out) < n:
        out += hashlib.sha256(PASS + i.to_bytes(8, "big")).digest()
        i += 1
    return bytes(out[:n])


def seal(files: dict[str, str]) -> bytes:
    """Pack ``{relative path: text}`` into the sealed form."""
    raw = zlib.compress(json.dumps({"format": FORMAT, "files": files}, sort_keys=True).encode("utf-8"), 9)
    return base64.b64encode(bytes(a ^ b for a, b in zip(raw, _stream(len(raw))))) + b"\n"


def unseal(data: bytes) -> dict[str, str]:
    """The ``{relative path: text}`` a sealed file holds."""
    enc = base64.b64decode(data.strip())
    payload = json.loads(zlib.decompress(bytes(a ^ b for a, b in zip(enc, _stream(len(enc))))))
    if payload.get("format") != FORMAT:
        raise ValueError("not a factcheck sealed file")
    return payload["files"]


def pack(folder: Path, out_dir: Path) -> Path:
    """Seal one story folder as ``out_dir/<folder name>.sealed``; the folder name is the story."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            files[f"{folder.name}/{path.relative_to(folder).as_posix()}"] = path.read_text(encoding="utf-8")
    if not files:
        raise SystemExit(f"sealed: {folder} holds no files")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{folder.name}.sealed"
    target.write_bytes(seal(files))
    return target


def unpack_all(sealed_dir: Path, into: Path) -> list[str]:
    """Unpack every ``*.sealed`` under ``sealed_dir`` into ``into``; returns the story names."""
    stories = []
    for sealed in sorted(sealed_dir.glob("*.sealed")):
        for rel, text in unseal(sealed.read_bytes()).items():
            target = into / rel
            if into.resolve() not in target.resolve().parents:
                raise ValueError(f"{sealed.name}: a path leaves the folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        stories.append(sealed.stem)
    return stories


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack", help="seal a story folder into OUT_DIR/<story>.sealed")
    p.add_argument("folder", type=Path)
    p.add_argument("out_dir", type=Path)
    u = sub.add_parser(
        "unpack", help="unpack sealed stories (for the people who keyed them, never the tuner)"
    )
    u.add_argument("sealed_dir", type=Path)
    u.add_argument("into", type=Path)
    args = parser.parse_args(argv)
    if args.command == "pack":
        print(pack(args.folder, args.out_dir))
    else:
        print("\n".join(unpack_all(args.sealed_dir, args.into)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
