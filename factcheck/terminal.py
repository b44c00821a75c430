"""Terminal conventions for ``factcheck scan``: colour, the default format, stdin, and the closing summary line.

- Colour follows ``--color``: ``always``, ``never``, or ``auto`` (the default):
  on when the report goes to a terminal, or when ``FORCE_COLOR`` is set (not empty,
  "0" or "false"; https://force-color.org), and never while ``NO_COLOR`` is set and
  not empty (https://no-color.org).
- The default format is ``text`` on a terminal and ``markdown`` otherwise.
- ``-`` as a path reads the article from standard input; ``--stdin-filename``
  names it in the report (its extension picks the reader: .md, .html, .txt).
- After every scan one line on stderr says what was found and where the report went.
- A scan that runs longer than two seconds shows its stage on stderr, on a terminal only,
  with the sentences encoded so far ("encoding sentences: 1,200 of 2,970 done").
- The one-time ONNX export is announced on stderr, on a terminal or not.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import IO

from .models import Report

STDIN = "-"


def colour(choice: str, output: Path | None, stream: IO, fmt: str) -> bool:
    """Whether to colour the report (only the text format has colour)."""
    if fmt != "text" or choice == "never":
        return False
    if choice == "always":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    # https://force-color.org (CI logs show colour)
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return output is None and stream.isatty()


def default_format(output: Path | None, stream: IO) -> str:
    """``text`` when the report goes to a terminal, ``markdown`` otherwise."""
    return "text" if output is None and stream.isatty() else "markdown"


def summary_line(
    severities: list[str], documents: int, output: Path | None, set_aside: int | None = None
) -> str:
    """ "factcheck: 1 error, 2 warnings, 0 info in 3 files; report written to r.md" (one line, for stderr)."""
    n = {s: severities.count(s) for s in ("error", "warning", "info")}

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"

    line = (
        f"factcheck: {plural(n['error'], 'error')}, {plural(n['warning'], 'warning')}, {plural(n['info'], 'info')} "
        f"in {plural(documents, 'file')}"
    )
    if set_aside:
        line += f" ({set_aside} not reported)"
    if output is not None:
        line += f"; report written to {output}"
    return line


class StdinArticle:
    """The article read from standard input, kept in a private temporary file for the scan.

    ``path`` is what the scan reads; ``name`` is what the report shows
    (``--stdin-filename``, or ``stdin.txt``). Standard input is read in chunks
    straight into that file and never past ``max_bytes + 1``: an endless or huge
    stream costs at most the size limit, in memory and on disk, and
    ``too_big`` says it was cut.
    """

    CHUNK = 1 << 20

    def __init__(self, stream: IO[bytes], name: str | None, max_bytes: int) -> None:
        self.name = name or "stdin.txt"
        self._dir = tempfile.TemporaryDirectory(prefix="factcheck-stdin-")
        suffix = Path(self.name).suffix or ".txt"
        self.path = Path(self._dir.name) / f"stdin{suffix}"
        total = 0
        with open(self.path, "wb") as fh:
            while total <= max_bytes:
                chunk = stream.read(min(self.CHUNK, max_bytes + 1 - total))
                if not chunk:
                    break
                fh.write(chunk)
                total += len(chunk)
        self.too_big = total > max_bytes

    def close(self) -> None:
        self._dir.cleanup()

    def relabel(self, report: Report) -> Report:
        """The report with the temporary file's path replaced by the article's name everywhere it shows."""
        temp, name = self.path.as_posix(), self.name
        for d in report.documents:
            if d.path == temp:
                d.path = name
        for f in report.findings:
            f.evidence = [replace(e, document=name) if e.document == temp else e for e in f.evidence]
            f.drafts = tuple(replace(v, document=name) if v.document == temp else v for v in f.drafts)
        report.suppressed = [replace(s, where=s.where.replace(temp, name)) for s in report.suppressed]
        report.errors = [e.replace(temp, name) for e in report.errors]
        report.warnings = [w.replace(temp, name) for w in report.warnings]
        report.sentence_counts = {(name if k == temp else k): v for k, v in report.sentence_counts.items()}
        report.stories = [[name if p == temp else p for p in story] for story in report.stories]
        return report


class Progress:
    """The scan's current stage on one stderr line, shown only on a terminal and only after ``DELAY`` seconds.

    Call it with each stage ("encoding 1200 sentences of 40 files"); ``close``
    clears the line, so the report and the summary line print on a clean terminal.
    """

    DELAY = 2.0

    def __init__(self, stream: IO) -> None:
        self.stream = stream
        self.stage = "starting"
        self.shown = False
        self._lock = threading.Lock()
        self._timer = None
        if stream.isatty():
            self._timer = threading.Timer(self.DELAY, self._show)
            self._timer.daemon = True
            self._timer.start()
        self.started = time.monotonic()

    def __call__(self, stage: str) -> None:
        self.stage = stage
        if self.shown:
            self._write()

    def _show(self) -> None:
        self.shown = True
        self._write()

    def _write(self) -> None:
        with self._lock:
            self.stream.write(f"\r\x1b[Kfactcheck: {self.stage} ({time.monotonic() - self.started:.0f} s)")
            self.stream.flush()

    def announce(self, text: str) -> None:
        """Say ``text`` on a line of its own, on a terminal or not (a hook's log shows why a run takes long)."""
        with self._lock:
            self.stream.write(("\r\x1b[K" if self.shown else "") + f"factcheck: {text}\n")
            self.stream.flush()
        self(text)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            if self.shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            self.shown = False
