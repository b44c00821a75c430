"""One scan, start to finish: the one place that sequences a ``factcheck scan``.

    inputs, baseline and fact sheet read once -> scan memo (replay) -> pipeline.run (stages, gate, baseline)
    -> render -> memo store

``cli.scan`` parses the arguments, builds a :class:`Request`, calls :func:`scan`,
shows the :class:`~factcheck.cache.memo.Outcome` and exits with
``outcome.exit_code(fail_on)``. Problems travel as data (``discover.Problem``,
``Outcome.fatal``); nothing here decides anything from a message's wording.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .gate import baseline
from .cache.memo import Outcome
from .config import Settings
from .ingest.discover import discover
from .output import OutputError, write_output
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
    sarif_root: str | None = (
        None  # the absolute folder SARIF URIs are relative to (--sarif-root, or the current one)
    )
    follow_symlinks: bool = False  # read symlinked files in a folder that lead out of it
    output: Path | None = None  # -o: where the CLI writes the report (checked here, before any work)


@dataclass
class Scanned:
    """A scan's outcome, plus what it wants said on stderr beside the report."""

    outcome: Outcome
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "baseline of N findings written to ..."


def scan(request: Request) -> Scanned:
    """Run (or replay) one scan. Raises RuleError, ModelError, BaselineError, FactsError or OutputError."""
    from .gate.facts import FactSheet

    settings, stdin = request.settings, request.stdin
    paths = [stdin.path.as_posix() if stdin and p == "-" else p for p in request.paths]
    result = Scanned(None)
    # A fresh archive index stands in for the archive: only the drafts are read here, and the archive files
    # the drafts need are read by the pipeline (factcheck/archive/select.py).
    archive = _archive_index(request, paths, result.warnings)
    # Every input is read here, once: the memo key, the parse cache and the parser all use these bytes.
    against = [] if archive is not None else request.against
    inputs = discover(paths, settings.max_file_size, against, request.follow_symlinks)
    # So are the baseline and the fact sheet (bounded, regular files only): the key hashes the bytes the gate uses.
    # Writing a baseline records every current finding, so an old baseline is not applied then.
    known = (
        baseline.read_baseline(request.baseline) if request.baseline and not request.write_baseline else None
    )
    sheet = FactSheet.load(Path(settings.facts)) if settings.facts else None
    refuse_overwrite(request, inputs)
    memo, key = _replayable(request, inputs, known, sheet, result.warnings, archive)
    try:
        outcome = memo.get(key[0]) if memo and key else None
        if outcome is None:
            outcome = _run(request, paths, inputs, known, sheet, result, archive)
            # Stored only when the rule files loaded are the ones the key hashed (none edited mid-scan), and not
            # when the index the key names was found damaged mid-scan: rebuilt, it has the same generation, and
            # the scan through it must not replay this one's warning.
            damaged = archive is not None and archive.damaged
            if memo and key and not outcome.errors and outcome.rules_digest == key[1] and not damaged:
                memo.put(key[0], outcome)
    finally:
        if memo:
            result.warnings += memo.warnings
            memo.close()
        if archive is not None:
            result.warnings += archive.close()
    result.outcome = outcome
    return result


def _replayable(request: Request, inputs, known, sheet, warnings: list[str], archive=None):
    """The scan memo and this scan's key (``_memo``), or (None, None) for a scan that is never replayed.

    With an archive index standing in for the archive, the key takes the index's
    generation for the archive's files (the index is fresh: they are the ones it holds)."""
    settings = request.settings
    # Writing a baseline needs the findings themselves; stdin has no file to key on.
    if not settings.cache or request.write_baseline or request.stdin is not None:
        return None, None
    # A SARIF log's URIs depend on the folder they are relative to.
    fmt = f"sarif:{request.sarif_root}" if request.fmt == "sarif" else request.fmt
    generation = None
    if archive is not None:
        generation = archive.generation()
        if generation is None:
            return None, None
        generation = f"{archive.root.as_posix()}\0{generation}"
    return _memo(settings, inputs, known, sheet, fmt, request.colour, warnings, generation)


def _archive_index(request: Request, paths: list[str], warnings: list[str]):
    """The archive index standing in for ``--against``, or None: no index, a stale one (one warning), or a scan
    it cannot serve (no cache, symlinks followed, standard input, an output written inside the archive)."""
    settings = request.settings
    if not (request.against and settings.cache) or request.follow_symlinks or request.stdin:
        return None
    root = os.path.realpath(request.against[0])
    for target in (request.output, request.write_baseline):
        if target is not None and str(target) != "-":
            if os.path.realpath(target).startswith(root.rstrip(os.sep) + os.sep):
                return None  # refuse_overwrite must see every archive file
    from .archive.select import open_index
    from .archive.store import index_path
    from .model.embed import embedder_for
    from .ruleset import lexicons, rule_set

    if len(request.against) != 1 or not index_path(Path(root), settings.cache_root()).exists():
        return None  # no index: the scan is exactly what it was before indexes existed
    rules = rule_set(settings)
    lex = lexicons(rules)
    # One encoder for the whole scan, its cache not checked whole at open (cache.embeddings.ArchiveCache):
    # it holds every archive sentence's vector. The index closes it.
    embedder = embedder_for(settings, check_cache=False)
    index = None
    try:
        index = open_index(request.against, paths, settings, rules, lex, embedder.cache_key, warnings)
    finally:
        if index is None:
            embedder.close()
            warnings += embedder.warnings
    if index is not None:
        index.embedder, index.loaded = embedder, (rules, lex)
    return index


def _run(request: Request, paths: list[str], inputs, known, sheet, result: Scanned, archive=None) -> Outcome:
    from .pipeline import run  # numpy, the model: only a scan that is not replayed loads them

    settings, stdin = request.settings, request.stdin
    if request.write_baseline:
        settings = settings.replaced("--write-baseline records every finding", min_severity="info")
    report = run(
        paths,
        settings,
        against=request.against or None,
        baseline=known,
        inputs=inputs,
        progress=request.progress,
        sheet=sheet,
        archive=archive,
        embedder=archive.embedder if archive is not None else None,
    )
    if stdin:
        report = stdin.relabel(report)
    if request.write_baseline:
        drafts = (
            {stdin.name if d == stdin.path.as_posix() else d for d in inputs.drafts}
            if stdin
            else inputs.drafts
        )
        write_output(
            request.write_baseline,
            baseline.baseline_text(report.findings, drafts if request.against else None),
        )
        result.notes.append(
            f"baseline of {len(report.findings)} finding(s) written to {request.write_baseline}"
        )
    render = (
        partial(sarif.render, root=request.sarif_root) if request.fmt == "sarif" else FORMATS[request.fmt]
    )
    outcome = Outcome(
        render(report, color=request.colour),
        report.warnings,
        report.errors,
        [f.severity for f in report.findings],
        len(report.documents),
        fatal=any(p.fatal for p in report.problems),
        wrote_baseline=bool(request.write_baseline),
    )
    outcome.rules_digest = report.rules_digest
    return outcome


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def refuse_overwrite(request: Request, inputs) -> None:
    """OutputError when ``-o`` or ``--write-baseline`` names a file this scan reads: outputs never replace an input.

    Files are compared by device and inode, after links, so another spelling of the
    path (``./a.md``, a symlink, a hard link) is caught too. The inputs are every
    article read, the baseline and the fact sheet.
    """
    targets = [t for t in (request.output, request.write_baseline) if t is not None and str(t) != "-"]
    if not targets:
        return
    inputs_by_id: dict[tuple[int, int], str] = {}
    named = [(s.path, s.display) for s in inputs.sources]
    named += [(p, str(p)) for p in (request.baseline, request.settings.facts or None) if p]
    for path, shown in named:
        ident = _identity(path)
        if ident is not None:
            inputs_by_id.setdefault(ident, shown)
    for target in targets:
        ident = _identity(target)
        if ident is not None and ident in inputs_by_id:
            raise OutputError(f"{target}: is an input of this scan ({inputs_by_id[ident]}); not overwritten")


def _memo(
    settings: Settings, inputs, known, sheet, fmt: str, colour: bool, warnings: list[str], archive=None
):
    """The scan memo and this scan's (key, rules digest); (None, None) when the scan cannot be memoised."""
    from .cache import open_store
    from .cache.memo import Memo, scan_key
    from .config import ModelError
    from .model.embed import resolve_model, weights_file
    from .rules import default_rules_dir

    try:
        weights = weights_file(resolve_model(settings.model))
    except ModelError:
        return None, None  # the full scan reports it
    key = scan_key(
        inputs,
        settings,
        [default_rules_dir(), *(Path(d) for d in settings.rules)],
        weights,
        known.sha256 if known is not None else None,
        sheet.sha256 if sheet is not None else None,
        fmt,
        colour,
        archive,
    )
    if key is None:
        return None, None
    found: list[str] = []
    memo = open_store(Memo, settings.cache_root() / "scans.sqlite3", found)
    if memo is None:
        warnings.extend(found[:1])
        return None, None
    return memo, key
