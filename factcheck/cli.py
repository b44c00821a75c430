"""The command line: ``factcheck scan``, ``rules``, ``explain`` and ``config``.

Exit codes, for hooks:

- 0: no finding at or above ``--fail-on`` (default ``error``);
- 1: at least one such finding;
- 2: a usage error, a path that does not exist, a file named on the command line that
  was not analysed for any reason (unreadable, too big, empty, not a regular file, a
  factcheck report), nothing readable at all, a bad config or rule file, an output
  that cannot be written, or an internal error. The message is one line; ``--debug``
  adds the traceback. The code comes from structured problems (``discover.Problem``),
  never from the wording of a message. ``factcheck index`` exits 2 when a path given
  does not exist, nothing was readable, or the cache kept less than it encoded.

Every line on stderr goes through ``say``: file names, rule ids and values from
untrusted files are shown with their control characters escaped.

Files found inside a folder that cannot be read are reported (stderr and the report)
and the scan goes on without them.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from .escapes import visible
from .config import BACKENDS, DEFAULT_BACKEND, FACTS_FILE, ConfigError, ModelError, Settings, load_settings
from .models import EXIT_ERROR, EXIT_OK, severity_rank
from .output import OutputError, write_output
from .report import FORMATS
from .rules import RuleError


class Fatal(click.ClickException):
    """An error that ends the run with exit code 2 and a one-line message."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        say("error", self.format_message())


def say(kind: str | None, message: str) -> None:
    """One line on stderr, ``factcheck: <kind>: <message>``, with every control character in it escaped.

    Messages carry file names, rule ids and values from untrusted files: none may
    move the cursor, retitle the terminal or forge a second line (a newline shows as ``\\n``).
    """
    click.echo(f"factcheck: {kind + ': ' if kind else ''}{visible(message)}", err=True)


def _settings(**flags) -> Settings:
    try:
        return load_settings(flags)
    except ConfigError as exc:
        raise Fatal(str(exc)) from None


# Every command that loads the rules takes more folders of them.
RULES_OPTION = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Another folder of rule files (repeatable).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.version_option(package_name="factcheck")
def cli(debug: bool) -> None:
    """Claim-level fact-check and discrepancy detector for news articles."""
    # --debug is read by main(), around the whole command (a traceback for an error that escapes it)


def _names(values: tuple[str, ...]) -> list[str]:
    """Check names from repeatable, comma-separated options, any case: ``--select a,b --select C``."""
    return [n.strip().lower() for v in values for n in v.split(",") if n.strip()]  # check ids are lower case


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    help="Report format [default: text on a terminal, else markdown].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report here instead of stdout.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Lowest severity that exits 1 [default: error].",
)
@click.option(
    "--min-severity",
    type=click.Choice(["error", "warning", "info"], case_sensitive=False),
    help="Lowest severity reported; findings below it are counted, not shown [default: info].",
)
@click.option(
    "--against",
    multiple=True,
    help="A published corpus (file or folder) used as evidence; only findings involving PATHS are reported.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report and fail only on findings not recorded in this baseline.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings' fingerprints in this file.",
)
@click.option("--select", multiple=True, help="Run only these checks (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Do not run these checks (comma-separated, repeatable).")
@click.option(
    "--no-inline-ignores", is_flag=True, default=None, help="Honour no 'factcheck: ignore' marker (for CI)."
)
@click.option(
    "--facts",
    type=click.Path(dir_okay=False),
    help=f"The newsroom fact sheet [default: {FACTS_FILE} in the project root].",
)
@click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report; auto honours NO_COLOR.",
)
@click.option("--stdin-filename", help="The name to report for an article read from stdin ('-').")
@click.option(
    "--sarif-root",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --format sarif: the folder URIs are relative to [default: the current directory].",
)
@RULES_OPTION
@click.option("--threshold", type=float, help="Cosine similarity that links two sentences into one claim.")
@click.option("--model", help="'packaged:all-MiniLM-L6-v2' or a local sentence-transformers folder.")
@click.option(
    "--backend", type=click.Choice(BACKENDS), help=f"How the encoder runs [default: {DEFAULT_BACKEND}]."
)
@click.option(
    "--cache-dir",
    type=click.Path(),
    help="Where embeddings (and the exported ONNX model) are cached; an unusable folder means a scan without the cache.",
)
@click.option("--no-cache", is_flag=True, default=None, help="Neither read nor write the embedding cache.")
@click.option("--max-file-size", type=int, help="Skip files larger than this many bytes.")
@click.option(
    "--follow-symlinks", is_flag=True, help="Read symlinked files in a folder even when they lead out of it."
)
@click.pass_context
def scan(
    ctx,
    paths,
    fmt,
    output,
    fail_on,
    min_severity,
    against,
    baseline,
    write_baseline,
    select,
    ignore,
    no_inline_ignores,
    facts,
    color,
    stdin_filename,
    sarif_root,
    rules,
    threshold,
    model,
    backend,
    cache_dir,
    no_cache,
    max_file_size,
    follow_symlinks,
):
    """Scan articles (files or folders) and report discrepancies between and within them.

    Use - to read one article from standard input. A re-scan whose inputs,
    settings, rules, model and factcheck itself are all unchanged replays the
    stored outcome from the cache.
    """
    from . import terminal
    from .gate.baseline import BaselineError
    from .gate.facts import FactsError

    _check_paths(paths, against, stdin_filename)
    settings = _settings(
        fail_on=fail_on,
        min_severity=min_severity and min_severity.lower(),
        threshold=threshold,
        model=model,
        backend=backend,
        cache_dir=cache_dir,
        cache=False if no_cache else None,
        max_file_size=max_file_size,
        select=tuple(_names(select)),
        ignore=tuple(_names(ignore)),
        inline_ignores=False if no_inline_ignores else None,
        facts=facts,
        rules=tuple(rules),
    )
    _check_severities(settings)
    warnings: list[str] = []
    settings = _usable_cache(settings, warnings)
    fmt = fmt or terminal.default_format(output, sys.stdout)
    if sarif_root is not None and fmt != "sarif":
        raise Fatal("--sarif-root sets where SARIF URIs start; give --format sarif too")
    colour = terminal.colour(color, output, sys.stdout, fmt)
    stdin = _open_stdin(paths, stdin_filename, settings)
    from .scan import Request, scan as run_scan

    progress = terminal.Progress(sys.stderr)
    try:
        scanned = run_scan(
            Request(
                list(paths),
                settings,
                fmt,
                list(against),
                colour,
                baseline,
                write_baseline,
                stdin,
                progress,
                os.path.abspath(sarif_root or os.curdir),
                follow_symlinks,
                output,
            )
        )
    except (RuleError, ModelError, BaselineError, FactsError, OutputError) as exc:
        raise Fatal(str(exc)) from None
    finally:
        progress.close()
        if stdin:
            stdin.close()
    for note in scanned.notes:
        say(None, note)
    _finish(ctx, scanned.outcome, settings, output, [*warnings, *scanned.warnings], colour, fmt)


def _check_paths(paths, against, stdin_filename) -> None:
    """Raise ``Fatal`` for a path that does not exist, a second or misplaced '-', or a stray --stdin-filename."""
    from . import terminal

    # Every path is checked before any work, so a typo never costs a scan or prints a report.
    for p in [*paths, *against]:
        if p != terminal.STDIN and not os.path.exists(p):
            raise Fatal(
                f"{p}: no such file or folder" + (" (--against)" if p in against and p not in paths else "")
            )
    if list(paths).count(terminal.STDIN) > 1 or terminal.STDIN in against:
        raise Fatal("'-' (stdin) may be given once, as an article to scan")
    if stdin_filename and terminal.STDIN not in paths:
        raise Fatal("--stdin-filename names the article read from stdin; give '-' as a path too")


def _check_severities(settings: Settings) -> None:
    """Raise ``Fatal`` when ``fail_on`` is below ``min_severity``."""
    if settings.fail_on != "never" and severity_rank(settings.fail_on) < severity_rank(settings.min_severity):
        # A finding that fails the run must be shown.
        raise Fatal(
            f"fail-on '{settings.fail_on}' is below min-severity '{settings.min_severity}': a finding that fails "
            "the run would not be shown"
        )


def _usable_cache(settings: Settings, warnings: list[str]) -> Settings:
    """The settings, with the cache turned off (and the reason added to ``warnings``) when its folder is unusable."""
    if settings.cache:
        from .cache import usable

        reason = usable(settings.cache_root())
        if reason:
            warnings.append(reason)
            settings = settings.replaced("cache folder unusable", cache=False)
    return settings


def _open_stdin(paths, stdin_filename, settings: Settings):
    """The article on stdin when '-' is a path, else None; raise ``Fatal`` when it is over the size limit."""
    from . import terminal

    stdin = (
        terminal.StdinArticle(sys.stdin.buffer, stdin_filename, settings.max_file_size)
        if terminal.STDIN in paths
        else None
    )
    if stdin and stdin.too_big:
        stdin.close()
        raise Fatal(
            f"{stdin.name} (stdin): over the size limit of {settings.max_file_size} bytes (max-file-size); "
            "not read further"
        )
    return stdin


def _write(path: Path, text: str) -> None:
    try:
        write_output(path, text)
    except OutputError as exc:
        raise Fatal(str(exc)) from None


def _finish(
    ctx,
    outcome,
    settings: Settings,
    output: Path | None,
    warnings: list[str],
    colour: bool = False,
    fmt: str = "",
) -> None:
    """Show an outcome (fresh or replayed), a one-line summary on stderr, and exit with its code.

    A text report on stdout ends with its own summary line, so none is added on stderr: one summary, not two.

    An outcome that ends in exit 2 (a named input not analysed, nothing readable) prints no report.
    """
    from .terminal import summary_line

    shown = set()
    for warning in [*warnings, *outcome.warnings]:
        if warning not in shown:  # several stores may report one full disk; say it once
            shown.add(warning)
            say("warning", warning)
    for error in outcome.errors:
        say("error", error)
    if outcome.fatal:
        ctx.exit(EXIT_ERROR)
    if not outcome.documents:
        raise Fatal("no readable documents to scan")
    if output:
        _write(output, outcome.text)
    elif outcome.wrote_baseline:
        pass  # the baseline is what was asked for; the note on stderr says where it went
    else:
        click.echo(outcome.text, nl=False, color=colour or None)  # --color always keeps colour in a pipe
    if not (fmt == "text" and output is None):
        click.echo(visible(summary_line(outcome.severities, outcome.documents, output)), err=True)
    ctx.exit(outcome.exit_code(settings.fail_on))


@cli.command()
@click.option("--model", help="'packaged:all-MiniLM-L6-v2' or a local sentence-transformers folder.")
@click.option(
    "--backend", type=click.Choice(BACKENDS), help=f"Which encoder to prepare [default: {DEFAULT_BACKEND}]."
)
@click.option(
    "--cache-dir", type=click.Path(file_okay=False), help="The cache that receives the exported model."
)
def prepare(model, backend, cache_dir):
    """Check the model's weights and export its ONNX graph now (the first scan does it otherwise)."""
    from .model.embed import embedder_for  # torch-free, but numpy: only this command needs it

    settings = _settings(model=model, backend=backend, cache_dir=cache_dir)
    try:
        embedder = embedder_for(settings, use_cache=True)
        embedder.announce = lambda text: click.echo(f"factcheck: {text}", err=True)
        encoder = embedder.load()
    except ModelError as exc:
        raise Fatal(str(exc)) from None
    for warning in embedder.warnings:
        say("warning", warning)
    from .model.encoders import OnnxEncoder

    # what runs, in words: a fallback to torch (a model ONNX cannot reproduce) shows here
    runs = "ONNX Runtime" if isinstance(encoder, OnnxEncoder) else "PyTorch (sentence-transformers)"
    embedder.close()
    say(None, f"{settings.model} ready ({settings.backend} backend, run by {runs})")


@cli.command("index")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Encode in this process, or as Ray Data stages (pip install 'factcheck[ray]').",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Encoding actors for --engine ray [default: the cluster's CPUs].",
)
@RULES_OPTION
@click.option("--model", help="'packaged:all-MiniLM-L6-v2' or a local sentence-transformers folder.")
@click.option(
    "--backend", type=click.Choice(BACKENDS), help=f"How the encoder runs [default: {DEFAULT_BACKEND}]."
)
@click.option(
    "--cache-dir", type=click.Path(file_okay=False), help="The embedding cache to fill (the one scan reads)."
)
@click.option("--max-file-size", type=int, help="Skip files larger than this many bytes.")
def index_command(paths, engine, workers, rules, model, backend, cache_dir, max_file_size):
    """Fill the embedding cache for an archive (files or folders), so later scans encode nothing."""
    from .index import IndexUnavailable, index

    settings = _settings(
        model=model, backend=backend, cache_dir=cache_dir, max_file_size=max_file_size, rules=tuple(rules)
    )
    try:
        done = index(list(paths), settings, engine, workers)
    except (RuleError, ModelError, IndexUnavailable) as exc:
        raise Fatal(str(exc)) from None
    for warning in done.warnings:
        say("warning", warning)
    for error in done.errors:
        say("error", error)
    say(
        None,
        f"indexed {done.documents} document(s), {done.texts} unique text(s) (sentences and claim phrases), "
        f"{done.encoded} newly encoded, {done.stored} stored ({engine} engine)",
    )
    # Exit codes come from counts, never from the wording of an error line.
    if done.missing:
        raise Fatal(f"{done.missing} path(s) given do not exist")
    if not done.documents:
        raise Fatal("no readable documents to index")
    if done.incomplete:
        raise Fatal(
            f"the cache kept {done.stored} of {done.encoded} newly encoded text(s); the index is incomplete "
            "(see the warnings above)"
        )


@cli.command("rules")
@RULES_OPTION
def list_rules(rules):
    """List the active rules: id, type, severity and the file each comes from."""
    from tabulate import tabulate

    from .ruleset import rule_set

    settings = _settings(rules=tuple(rules))
    try:
        ruleset = rule_set(settings)
    except RuleError as exc:
        raise Fatal(str(exc)) from None
    rows = [
        [visible(r.id), r.extends, r.severity, "yes" if r.enabled else "no", visible(os.path.relpath(r.path))]
        for r in ruleset.rules
    ]
    click.echo(tabulate(rows, headers=["id", "extends", "severity", "enabled", "file"], tablefmt="simple"))


@cli.command()
@click.argument("check", required=False)
@click.option("--markdown", is_flag=True, help="Print the check table of the README (every check, Markdown).")
def explain(check, markdown):
    """Say what a check does, with one example; with no CHECK, list every check."""
    from .checks import CHECK_TYPES  # every check module: only this command needs them
    from .ruleset import rule_set

    if markdown:
        from .explain import markdown_table

        if check is not None:
            raise Fatal("--markdown lists every check: give no CHECK with it")
        try:
            click.echo(markdown_table(rule_set(Settings()).rules), nl=False)
        except RuleError as exc:
            raise Fatal(str(exc)) from None
        return
    if check is None:
        from .explain import listing

        try:
            rules = rule_set(Settings()).rules
        except RuleError as exc:
            raise Fatal(str(exc)) from None
        click.echo(listing(rules))
        return
    if check not in CHECK_TYPES:
        from .gate.names import did_you_mean

        raise Fatal(f"unknown check '{check}'{did_you_mean(check, CHECK_TYPES)}")
    cls = CHECK_TYPES[check]
    click.echo(f"{check}\n")
    click.echo((sys.modules[cls.__module__].__doc__ or "").strip().replace("``", "") + "\n")
    if cls.defaults:
        click.echo("Parameters (rule keys) and defaults:")
        for key, value in cls.defaults.items():
            click.echo(f"  {key}: {value!r}")
        click.echo("")
    click.echo("Example:\n" + "\n".join("  " + line for line in cls.example.splitlines()))


@cli.command("config")
def show_config():
    """Print the effective settings as TOML (paste it into factcheck.toml), each with where it came from.

    The settings are validated exactly as scan validates them.
    """
    from .explain import settings_toml
    from .ruleset import rule_set

    from .gate.facts import FactSheet, FactsError

    settings = _settings()
    try:
        rule_set(settings)
        if settings.facts:
            FactSheet.load(Path(settings.facts))
    except (RuleError, FactsError) as exc:
        raise Fatal(str(exc)) from None
    click.echo(settings_toml(settings), nl=False)


@cli.group(
    help=f"Manage the newsroom fact sheet ({FACTS_FILE}): confirmed values every draft is checked against."
)
def facts():
    pass


def _facts_path(path: str | None) -> Path:
    if path:
        return Path(path)
    settings = _settings()
    return Path(settings.facts) if settings.facts else Path(FACTS_FILE)


@facts.command("list")
@click.option(
    "--file", "path", type=click.Path(dir_okay=False), help="The fact sheet [default: the one scan uses]."
)
def facts_list(path):
    """List the fact sheet's entries."""
    from .gate.facts import FactSheet, FactsError

    target = _facts_path(path)
    if not target.exists():
        raise Fatal(f"{target}: no fact sheet (add one with 'factcheck facts add')")
    try:
        sheet = FactSheet.load(target)
    except FactsError as exc:
        raise Fatal(str(exc)) from None
    click.echo(f"# {visible(str(target))}")
    for line in sheet.listing():  # the sheet is a repository's file: its text is shown, never obeyed
        click.echo(visible(line))


@facts.command("add")
@click.argument("kind", type=click.Choice(["title", "spelling", "figure", "date"]))
@click.argument("subject")
@click.argument("value")
@click.option("--since", help="For a title: the first day it was held (YYYY-MM-DD).")
@click.option("--until", help="For a title: the day it ended (YYYY-MM-DD).")
@click.option(
    "--file", "path", type=click.Path(dir_okay=False), help="The fact sheet [default: the one scan uses]."
)
def facts_add(kind, subject, value, since, until, path):
    """Record a confirmed value: a person's title (SUBJECT a name, VALUE a title), an accepted spelling,
    a figure or a date (SUBJECT words of the finding's subject, VALUE the confirmed value).
    """
    from .gate.facts import FactsError
    from .gate.facts_edit import add

    target = _facts_path(path)
    try:
        add(target, kind, subject, value, since, until)  # comments kept, under a lock, written atomically
    except FactsError as exc:
        raise Fatal(str(exc)) from None
    say(None, f"{kind} for {subject} added to {target}")


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
        say(None, "aborted")
        code = EXIT_ERROR
    except Exception as exc:  # fail closed: an unexpected error must never look like a pass
        if debug:
            traceback.print_exc()
        say("internal error", f"{type(exc).__name__}: {exc}")
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_OK)
