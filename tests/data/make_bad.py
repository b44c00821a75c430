"""Write the corpus of broken and hostile inputs into tests/data/bad/.

Small files are committed; the large ones (a 20 MB file, a 1 MB line, deeply
nested HTML) and the unreadable one (permissions do not survive git) are made
here, by the test session or by hand: python tests/data/make_bad.py
"""

from __future__ import annotations

import os
from pathlib import Path

BAD = Path(__file__).resolve().parent / "bad"
GOOD = "Summit in Astana\nForeign Minister Murat Nurtleu met the Belarusian ambassador in Astana on 21 August 2024.\n"
RUSSIAN = (
    "Министр иностранных дел Казахстана Мурат Нуртлеу встретился с послом Беларуси в Астане. "
    "Стороны обсудили заявления президента Лукашенко и отношения между странами.\n"
)

COMMITTED = {
    "binary.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,
    "invalid-utf8.txt": GOOD.encode()
    + "“Pasted” text: ".encode()
    + b"Caf\xe9 \xff\xfe broken bytes in the middle.\n",
    "cp1251.txt": ("Новости\n" + RUSSIAN * 3).encode("cp1251"),
    "utf16-bom.txt": GOOD.encode("utf-16"),
    "crlf.txt": GOOD.replace("\n", "\r\n").encode(),
    "empty.txt": b"",
    "whitespace-only.txt": b"  \n\t\n   \r\n",
    "name with spaces.txt": GOOD.encode(),
    "новости.txt": GOOD.encode(),
    "hostile.md": (
        b"# <script>alert('x')</script> headline\n\n"
        b"Minister Murat Nurleu met the ambassador. <img src=x onerror=alert(1)> "
        b"[click](javascript:alert(2)) | *not bold* `code` <!-- comment -->\n"
    ),
}
GENERATED = ("big-20mb.txt", "long-line.txt", "nested.html", "unreadable.txt", "symlink-loop.txt")


def make(bad: Path = BAD) -> Path:
    bad.mkdir(parents=True, exist_ok=True)
    for name, data in COMMITTED.items():
        path = bad / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    big = bad / "big-20mb.txt"
    if not big.exists():
        line = (GOOD.strip() + " ").encode()
        with big.open("wb") as fh:
            for _ in range(20 * 1024 * 1024 // len(line) + 1):
                fh.write(line)
    long_line = bad / "long-line.txt"
    if not long_line.exists():
        long_line.write_text(
            "Headline\n" + ("the ambassador met the minister again and again " * 22000)[:1_048_576] + "\n",
            encoding="utf-8",
        )
    nested = bad / "nested.html"
    if not nested.exists():
        depth = 20000
        nested.write_text(
            "<html><body>"
            + "<div>" * depth
            + "<p>Foreign Minister Murat Nurtleu met the ambassador.</p>"
            + "</div>" * depth
            + "</body></html>\n",
            encoding="utf-8",
        )
    loop = bad / "symlink-loop.txt"
    if not loop.is_symlink():
        loop.symlink_to(loop.name)
    unreadable = bad / "unreadable.txt"
    if not unreadable.exists():
        unreadable.write_text(GOOD, encoding="utf-8")
    os.chmod(unreadable, 0)
    return bad


if __name__ == "__main__":
    print(make())
