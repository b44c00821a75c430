"""One scan, start to finish: the one place that sequences a ``factcheck scan``.

    inputs read once -> scan memo (replay) -> pipeline.run (stages, gate, baseline) -> render -> memo store

``cli.scan`` parses the arguments, builds a :class:`Request`, calls :func:`scan`,
shows the :class:`~factcheck.cache.memo.Outcome` and exits with
``outcome.exit_code(fail_on)``. Problems travel as data (``ingest.Problem``,
``Outcome.fatal``); nothing here decides anything from a message's wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import gate, ingest
from .cache.memo import Outcome
from .config import Settings
from .output import write_output
from .report import FORMATS, sarif


@dataclass
class Request:
    """What a scan was asked to do, parsed and validated by the CLI."""

    paths: list[str]
    settings: Settings
    fmt: str
    against: list[str] = field(default_factory=list)
    colour: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    stdin: object = None  # terminal.StdinArticle, when one article comes from standard input
    progress: object = None  # terminal.Progress, or None
    sarif_root: str | None = None  # the absolute folder SARIF URIs are relative to (--sarif-root, or the current one)


@dataclass
class Scanned:
    """A scan's outcome, plus what it wants said on stderr beside the report."""

    outcome: Outcome
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "baseline of N findings written to ..."


def scan(request: Request) -> Scanned:
    """Run (or replay) one scan. Raises RuleError, ModelError, BaselineError, FactsError or OutputError."""
    settings, stdin = request.settings, request.stdin
    paths = [stdin.path.as_posix() if stdin and p == "-" else p for p in request.paths]
    # Every input is read here, once: the memo key, the parse cache and the parser all use these bytes.
    inputs = ingest.discover(paths, settings.max_file_size, request.against)
    result = Scanned(None)
    memo, key = None, None
    # Writing a baseline needs the findings themselves; stdin has no file to key on.
    if settings.cache and not request.write_baseline and stdin is None:
        # A SARIF log's URIs depend on the folder they are relative to.
        fmt = f"sarif:{request.sarif_root}" if request.fmt == "sarif" else request.fmt
        memo, key = _memo(settings, inputs, request.baseline, fmt, request.colour, result.warnings)
    try:
        outcome = memo.get(key[0]) if memo and key else None
        if outcome is None:
            outcome = _run(request, paths, inputs, result)
            # Stored only when the rule files loaded are the ones the key hashed (none edited mid-scan).
            if memo and key and not outcome.errors and outcome.rules_digest == key[1]:
                memo.put(key[0], outcome)
    finally:
        if memo:
            result.warnings += memo.warnings
            memo.close()
    result.outcome = outcome
    return result


def _run(request: Request, paths: list[str], inputs, result: Scanned) -> Outcome:
    from .pipeline import run  # numpy, the model: only a scan that is not replayed loads them

    settings, stdin = request.settings, request.stdin
    # Writing a baseline records every current finding, so an old baseline is not applied then.
    known = gate.read_baseline(request.baseline) if request.baseline and not request.write_baseline else None
    if request.write_baseline:
        settings = settings.replaced("--write-baseline records every finding", min_severity="info")
    report = run(paths, settings, against=request.against or None, baseline=known, inputs=inputs,
                 progress=request.progress)
    if stdin:
        report = stdin.relabel(report)
    if request.write_baseline:
        drafts = ({stdin.name if d == stdin.path.as_posix() else d for d in inputs.drafts} if stdin else inputs.drafts)
        write_output(request.write_baseline, gate.baseline_text(report.findings, drafts if request.against else None))
        result.notes.append(f"baseline of {len(report.findings)} finding(s) written to {request.write_baseline}")
    render = partial(sarif.render, root=request.sarif_root) if request.fmt == "sarif" else FORMATS[request.fmt]
    outcome = Outcome(render(report, color=request.colour), report.warnings, report.errors,
                      [f.severity for f in report.findings], len(report.documents),
                      fatal=any(p.fatal for p in report.problems), wrote_baseline=bool(request.write_baseline))
    outcome.rules_digest = report.rules_digest
    return outcome


def _memo(settings: Settings, inputs, baseline: Path | None, fmt: str, colour: bool, warnings: list[str]):
    """The scan memo and this scan's (key, rules digest); (None, None) when the scan cannot be memoised."""
    from .cache import open_store
    from .cache.memo import Memo, scan_key
    from .config import ModelError
    from .embed import resolve_model, weights_file
    from .rules import default_rules_dir

    try:
        weights = weights_file(resolve_model(settings.model))
    except ModelError:
        return None, None  # the full scan reports it
    key = scan_key(inputs, settings, [default_rules_dir(), *(Path(d) for d in settings.rules)], weights,
                   baseline, fmt, colour)
    if key is None:
        return None, None
    found: list[str] = []
    memo = open_store(Memo, settings.cache_root() / "scans.sqlite3", found)
    if memo is None:
        warnings.extend(found[:1])
        return None, None
    return memo, key
