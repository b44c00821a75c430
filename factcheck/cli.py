"""The command line: ``factcheck scan``, ``rules``, ``explain`` and ``config``.

Exit codes, for hooks:

- 0: no finding at or above ``--fail-on`` (default ``error``);
- 1: at least one such finding;
- 2: a usage error, a path that does not exist, a file named on the command line that
  was not analysed for any reason (unreadable, too big, empty, not a regular file, a
  factcheck report), nothing readable at all, a bad config or rule file, an output
  that cannot be written, or an internal error. The message is one line; ``--debug``
  adds the traceback. The code comes from structured problems (``ingest.Problem``),
  never from the wording of a message.

Files found inside a folder that cannot be read are reported (stderr and the report)
and the scan goes on without them.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from .config import ConfigError, Settings, load_settings
from .embed import ModelError
from .encoders import BACKENDS, DEFAULT_BACKEND
from .models import severity_rank
from .output import OutputError, write_output
from .report import FORMATS
from .report.text import colour_wanted
from .rules import RuleError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Fatal(click.ClickException):
    """An error that ends the run with exit code 2 and a one-line message."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"factcheck: error: {self.format_message()}", err=True)


def _settings(**flags) -> Settings:
    try:
        return load_settings(flags)
    except ConfigError as exc:
        raise Fatal(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.version_option(package_name="factcheck")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Claim-level fact-check and discrepancy detector for news articles."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="markdown", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here instead of stdout.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), help="Lowest severity that exits 1 [default: error].")
@click.option("--against", multiple=True, help="A published corpus (file or folder) used as evidence; only findings involving PATHS are reported.")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), help="Report and fail only on findings not recorded in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), help="Record the current findings' fingerprints in this file.")
@click.option("--rules", "rules", multiple=True, type=click.Path(file_okay=False), help="Another folder of rule files (repeatable).")
@click.option("--threshold", type=float, help="Cosine similarity that links two sentences into one claim.")
@click.option("--model", help="'packaged:all-MiniLM-L6-v2' or a local sentence-transformers folder.")
@click.option("--backend", type=click.Choice(BACKENDS), help=f"How the encoder runs [default: {DEFAULT_BACKEND}].")
@click.option("--cache-dir", type=click.Path(), help="Where embeddings (and the exported ONNX model) are cached; an unusable folder means a scan without the cache.")
@click.option("--no-cache", is_flag=True, default=None, help="Neither read nor write the embedding cache.")
@click.option("--max-file-size", type=int, help="Skip files larger than this many bytes.")
@click.pass_context
def scan(ctx, paths, fmt, output, fail_on, against, baseline, write_baseline, rules, threshold, model, backend, cache_dir,
         no_cache, max_file_size):
    """Scan articles (files or folders) and report discrepancies between and within them.

    A re-scan whose inputs, settings, rules, model and factcheck itself are all
    unchanged replays the stored outcome from the cache (``factcheck.memo``).
    """
    from . import gate, ingest

    settings = _settings(fail_on=fail_on, threshold=threshold, model=model, backend=backend, cache_dir=cache_dir,
                         cache=False if no_cache else None, max_file_size=max_file_size)
    settings.rules = [*settings.rules, *rules]
    warnings: list[str] = []
    if settings.cache:
        from .cache import usable

        reason = usable(settings.cache_root())
        if reason:
            warnings.append(reason)
            settings.cache = False
    # Every input is read here, once: the memo key, the parse cache and the parser all use these bytes.
    inputs = ingest.discover(list(paths), settings.max_file_size, list(against))
    colour = fmt == "text" and not output and colour_wanted(sys.stdout)
    memo, key = None, None
    if settings.cache and not write_baseline:  # writing a baseline needs the findings themselves
        memo, key = _memo(settings, inputs, baseline, fmt, colour)
    outcome = memo.get(key[0]) if memo and key else None
    if outcome is None:
        from .cache.memo import Outcome
        from .pipeline import run  # the pipeline pulls in numpy and scipy; keep `--help` and replays fast

        try:
            # Writing a baseline records every current finding, so an old baseline is not applied then.
            known = gate.read_baseline(baseline) if baseline and not write_baseline else None
            report = run(list(paths), settings, against=list(against) if against else None, baseline=known,
                         inputs=inputs)
        except (RuleError, ModelError, gate.BaselineError) as exc:
            raise Fatal(str(exc)) from None
        if write_baseline:
            _write(write_baseline, gate.baseline_text(report.findings))
            click.echo(f"factcheck: baseline of {len(report.findings)} finding(s) written to {write_baseline}", err=True)
        outcome = Outcome(FORMATS[fmt](report, color=colour), report.warnings, report.errors,
                          [f.severity for f in report.findings], len(report.documents),
                          fatal=any(p.fatal for p in report.problems))
        # Stored only when the rule files loaded are the ones the key hashed (none edited mid-scan).
        if memo and key and not report.errors and report.rules_digest == key[1]:
            memo.put(key[0], outcome)
    if memo:
        warnings += memo.warnings
        memo.close()
    _finish(ctx, outcome, settings, output, bool(write_baseline), warnings)


def _write(path: Path, text: str) -> None:
    try:
        write_output(path, text)
    except OutputError as exc:
        raise Fatal(str(exc)) from None


def _memo(settings: Settings, inputs, baseline: Path | None, fmt: str, colour: bool):
    """The scan memo and this scan's (key, rules digest); (None, None) when the scan cannot be memoised."""
    from .cache import open_store
    from .cache.memo import Memo, scan_key
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
        click.echo(f"factcheck: warning: {found[0]}", err=True)
        return None, None
    return memo, key


def _finish(ctx, outcome, settings: Settings, output: Path | None, wrote_baseline: bool, warnings: list[str]) -> None:
    """Show an outcome (fresh or replayed) and exit with its code."""
    shown = set()
    for warning in [*warnings, *outcome.warnings]:
        if warning not in shown:  # several stores may report one full disk; say it once
            shown.add(warning)
            click.echo(f"factcheck: warning: {warning}", err=True)
    for error in outcome.errors:
        click.echo(f"factcheck: error: {error}", err=True)
    if output:
        _write(output, outcome.text)
    else:
        click.echo(outcome.text, nl=False)
    if outcome.fatal:
        ctx.exit(EXIT_ERROR)
    if not outcome.documents:
        raise Fatal("no readable documents to scan")
    if settings.fail_on != "never" and not wrote_baseline:
        floor = severity_rank(settings.fail_on)
        if any(severity_rank(s) >= floor for s in outcome.severities):
            ctx.exit(EXIT_FINDINGS)
    ctx.exit(EXIT_OK)


@cli.command()
@click.option("--model", help="'packaged:all-MiniLM-L6-v2' or a local sentence-transformers folder.")
@click.option("--backend", type=click.Choice(BACKENDS), help=f"Which encoder to prepare [default: {DEFAULT_BACKEND}].")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="The cache that receives the exported model.")
def prepare(model, backend, cache_dir):
    """Check the model's weights and export its ONNX graph now (the first scan does it otherwise)."""
    settings = _settings(model=model, backend=backend, cache_dir=cache_dir)
    try:
        embedder = settings.embedder(use_cache=True)
        encoder = embedder.load()
    except ModelError as exc:
        raise Fatal(str(exc)) from None
    for warning in embedder.warnings:
        click.echo(f"factcheck: warning: {warning}", err=True)
    kind = type(encoder).__name__
    embedder.close()
    click.echo(f"factcheck: {settings.model} ready ({settings.backend} backend, {kind})", err=True)


@cli.command("index")
@click.argument("paths", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Encode in this process, or as Ray Data stages (pip install 'factcheck[ray]').")
@click.option("--workers", type=click.IntRange(min=1), help="Encoding actors for --engine ray [default: the cluster's CPUs].")
@click.option("--rules", "rules", multiple=True, type=click.Path(file_okay=False), help="Another folder of rule files (repeatable).")
@click.option("--model", help="'packaged:all-MiniLM-L6-v2' or a local sentence-transformers folder.")
@click.option("--backend", type=click.Choice(BACKENDS), help=f"How the encoder runs [default: {DEFAULT_BACKEND}].")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="The embedding cache to fill (the one scan reads).")
@click.option("--max-file-size", type=int, help="Skip files larger than this many bytes.")
def index_command(paths, engine, workers, rules, model, backend, cache_dir, max_file_size):
    """Fill the embedding cache for an archive (files or folders), so later scans encode nothing."""
    from .index import IndexUnavailable, index

    settings = _settings(model=model, backend=backend, cache_dir=cache_dir, max_file_size=max_file_size)
    settings.rules = [*settings.rules, *rules]
    try:
        done = index(list(paths), settings, engine, workers)
    except (RuleError, ModelError, IndexUnavailable) as exc:
        raise Fatal(str(exc)) from None
    for warning in done.warnings:
        click.echo(f"factcheck: warning: {warning}", err=True)
    for error in done.errors:
        click.echo(f"factcheck: error: {error}", err=True)
    click.echo(f"factcheck: indexed {done.documents} document(s), {done.texts} unique text(s) (sentences and claim phrases), "
               f"{done.encoded} newly encoded ({engine} engine)", err=True)
    if any("no such file" in e for e in done.errors):
        raise Fatal("a path given does not exist")
    if not done.documents:
        raise Fatal("no readable documents to index")


@cli.command("rules")
@click.option("--rules", "rules", multiple=True, type=click.Path(file_okay=False), help="Another folder of rule files.")
@click.pass_context
def list_rules(ctx, rules):
    """List the active rules: id, type, severity and the file each comes from."""
    from tabulate import tabulate

    from .pipeline import rule_set

    settings = _settings()
    settings.rules = [*settings.rules, *rules]
    try:
        ruleset = rule_set(settings)
    except RuleError as exc:
        raise Fatal(str(exc)) from None
    rows = [[r.id, r.extends, r.severity, "yes" if r.enabled else "no", os.path.relpath(r.path)] for r in ruleset.rules]
    click.echo(tabulate(rows, headers=["id", "extends", "severity", "enabled", "file"], tablefmt="simple"))


@cli.command()
@click.argument("check")
def explain(check):
    """Say what a check type does, with one example."""
    from .checks import CHECK_TYPES  # every check module: only this command needs them

    if check not in CHECK_TYPES:
        raise Fatal(f"unknown check '{check}' (known: {', '.join(sorted(CHECK_TYPES))})")
    cls = CHECK_TYPES[check]
    click.echo(f"{check}\n")
    click.echo((sys.modules[cls.__module__].__doc__ or "").strip() + "\n")
    if cls.defaults:
        click.echo("Parameters (rule keys) and defaults:")
        for key, value in cls.defaults.items():
            click.echo(f"  {key}: {value!r}")
        click.echo("")
    click.echo("Example:\n" + "\n".join("  " + line for line in cls.example.splitlines()))


@cli.command("config")
@click.pass_context
def show_config(ctx):
    """Print the effective settings and where each came from."""
    from dataclasses import fields

    settings = _settings()
    for f in fields(settings):
        if f.name == "sources":
            continue
        click.echo(f"{f.name.replace('_', '-')} = {getattr(settings, f.name)!r}    # {settings.origin(f.name)}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI so that no failure can exit 0."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        code = cli.main(args=argv, prog_name="factcheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:  # usage errors and Fatal
        exc.show()
        code = EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("factcheck: aborted", err=True)
        code = EXIT_ERROR
    except Exception as exc:  # fail closed: an unexpected error must never look like a pass
        if debug:
            traceback.print_exc()
        click.echo(f"factcheck: internal error: {type(exc).__name__}: {exc}", err=True)
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_OK)
