"""The stage list: ``run`` for a scan, ``archive_texts`` for ``factcheck index``; nothing else orders the stages.

``run`` (a scan)::

    discover -> read (parse, split; the parse cache) -> claims -> encode -> stories -> clusters
             -> people, titles and quotes -> checks -> judge the drafts (--against) -> gate

With ``--against``, claims are read after the stories, and only in the stories a draft
joins. ``archive_texts`` (an index)::

    discover -> read -> split -> claims -> the texts a scan would encode

(docs/architecture.md draws the stages with what each reads and writes; the
rendering is scan.py's.) Each stage reads what the previous one wrote; nothing else
in the package calls two stages in a row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .checks import CHECK_TYPES
from .config import Settings
from .extract.claims import ClaimExtractor, quote_claims, title_claims
from .extract.people import PeopleExtractor, link_people, link_surnames
from .extract.quotes import quote_parts
from .gate.baseline import Baseline, baselined
from .gate.facts import CHECK as FACT_SHEET, FactSheet
from .gate.judge import judge_drafts
from .gate.suppress import Suppression, accepted, below, marker_warnings, suppressed
from .group.cluster import cluster
from .group.stories import group_stories, joined_stories, kept, label
from .ingest.discover import Inputs, discover
from .ingest.read import Parsed, load_parsed, parse, read_documents
from .lexicons import Lexicons
from .model.embed import Embedder, embedder_for, normalise
from .models import Corpus, Finding, Report, severity_rank
from .rules import RuleSet
from .ruleset import check_on, fact_sheet_severity, lexicons, rule_info, rule_set


@dataclass
class Context:
    """What the stages of one scan read besides the stage before: settings, rules, lexicons, fact sheet, encoder."""

    settings: Settings
    rules: RuleSet
    lex: Lexicons
    sheet: FactSheet | None = None
    embedder: Embedder | None = None  # None: each run opens (and closes) the one the settings name
    progress: Callable[[str], None] | None = None  # called with a short description of each stage

    @classmethod
    def start(
        cls,
        settings: Settings,
        sheet: FactSheet | None = None,
        embedder: Embedder | None = None,
        progress=None,
        loaded: tuple[RuleSet, Lexicons] | None = None,
    ) -> Context:
        """The rules (a bad one raises RuleError first), the fact sheet the settings name unless given, the lexicons
        (``loaded``: the rules and lexicons already loaded for this scan)."""
        rules, lex = loaded if loaded is not None else (rule_set(settings), None)
        if sheet is None and settings.facts:
            sheet = FactSheet.load(Path(settings.facts))
        return cls(settings, rules, lex or lexicons(rules), sheet, embedder, progress)

    def say(self, stage: str) -> None:
        if self.progress:
            self.progress(stage)


def run(
    paths: list[str],
    settings: Settings,
    embedder: Embedder | None = None,
    against: list[str] | None = None,
    baseline: Baseline | None = None,
    inputs: Inputs | None = None,
    progress=None,
    sheet: FactSheet | None = None,
    archive=None,
) -> Report:
    """Scan ``paths`` (and the ``against`` corpus) and return the report.

    With ``against``, the corpus is evidence only: a finding is reported when it
    involves at least one document of ``paths``. Findings a baseline records, the
    config accepts, or an inline marker silences, and those below ``min_severity``, are
    counted, not reported.
    Unreadable files are listed in ``Report.errors``; skipped ones in ``Report.warnings``;
    both, as data, in ``Report.problems``. ``inputs`` is ``discover``'s result when the
    caller has already read the files (``scan`` does, for the memo key); else the first
    stage reads them. ``progress``, when given, is called with a short description of
    each stage. ``sheet`` is the fact sheet when the caller has already loaded it
    (``scan`` does, for the memo key); else the one the settings name is loaded here.
    ``archive`` is a fresh archive index (``archive.select.Index``) standing in for
    the one ``against`` folder: ``inputs`` then holds only the drafts, and only the
    archive stories the drafts join are read.
    """
    # the index was opened with the rules and lexicons of this scan: they are not built twice
    ctx = Context.start(settings, sheet, embedder, progress, archive.loaded if archive is not None else None)
    ctx.say("reading files")
    joined, noted = None, []
    if archive is not None:
        inputs, joined, noted = _through_index(archive, paths, inputs, against or [], ctx)
    inputs = inputs if inputs is not None else discover(paths, settings.max_file_size, against or [])
    read = load_parsed(inputs, ctx.rules, settings, ctx.lex)
    warnings = noted + [p.line for p in read.problems if not p.is_error] + read.warnings
    drafts = inputs.drafts if against is not None else None
    corpus = analyse(read, ctx, drafts, warnings, joined) if read.documents else None
    if archive is not None:
        archive.noted = warnings  # the index's encoder: what analyse reported of it is not said twice
    findings = run_checks(corpus, ctx) if corpus is not None else []
    if drafts is not None:
        findings = judge_drafts(findings, drafts, ctx.rules, ctx.lex, ctx.sheet, read.documents)
    gated = apply_gate(findings, read.documents, drafts, ctx, baseline)
    stories, labels, counts = _told(corpus, ctx.lex) if corpus is not None else ([], [], {})
    return Report(
        documents=read.documents,
        findings=gated.findings,
        errors=[p.line for p in read.problems if p.is_error],
        warnings=warnings + gated.warnings,
        problems=read.problems,
        rules_digest=ctx.rules.digest,
        sentence_counts=counts,
        stories=stories,
        story_labels=labels,
        set_aside=gated.set_aside,
        rules=rule_info(ctx.rules, settings, ctx.sheet),
        suppressed=gated.suppressed,
    )


def archive_texts(
    paths: list[str], settings: Settings
) -> tuple[list[str], int, int, list[str], list[str], int]:
    """The unique normalised texts a scan of ``paths`` would encode: every sentence, and every claim phrase.

    The stages of ``factcheck index``, the ones a scan runs before it encodes
    (``analyse`` encodes the sentences and the claim phrases in one pass), on every
    file: no parse cache, and no ``max_sentences``. Returns the sorted texts, the
    number of files found, the number of documents read, errors, warnings, and how
    many paths given do not exist (counted from the problems' kind, never their wording).
    """
    rules = rule_set(settings)
    lex = lexicons(rules)
    inputs = discover(paths, settings.max_file_size)
    read = read_documents(inputs, rules)
    sentences = [s for doc in read.documents for s in parse(doc, lex, settings.max_sentence_length)[0]]
    _, phrases = _read_claims(ClaimExtractor(lex.claims), sentences)
    texts = {normalise(s.text) for s in sentences} | {normalise(p) for p in phrases}
    errors = [p.line for p in read.problems if p.is_error]
    warnings = read.warnings + [p.line for p in read.problems if not p.is_error]
    files = len(inputs.sources) + sum(p.kind != "missing" for p in read.problems)
    missing = sum(p.kind == "missing" and p.named for p in read.problems)
    return sorted(texts), files, len(read.documents), errors, warnings, missing


# --- analyse: claims, vectors, stories, clusters, people ------------------------------------------------------


def analyse(
    read: Parsed, ctx: Context, focus: set[str] | None, warnings: list[str], joined: list | None = None
) -> Corpus:
    """Claims, vectors, stories, clusters and people for the documents read.

    With ``focus`` (document paths: the drafts), only the stories those documents
    join are analysed past grouping into stories; ``joined``, when given, are those
    stories already (found through an archive index, which read only their
    documents). Cache repairs and backend fallbacks go to ``warnings``.
    """
    settings, lex = ctx.settings, ctx.lex
    documents = read.documents
    sentences, names = _sentences_and_names(documents, read.parsed)
    extractor = ClaimExtractor(lex.claims)
    # With a focus (a draft against an archive) claims are read only in the stories kept below: reading every
    # archive sentence's figures and dates was most of a pre-commit run. Without one, claim phrases are encoded
    # with the sentences, in one pass.
    one_source = len(documents) < 2
    claims, phrases = _read_claims(extractor, sentences) if focus is None or one_source else ([], [])
    if one_source:
        # Every use of a vector compares sentences or claims of two documents (clusters, stories, alignment,
        # single-source, name swaps), so with one source no similarity can decide anything and the encoder is
        # not even loaded: a 5 MB article scanned alone costs its reading and claim extraction only (issue 22,
        # r25). Its vectors have zero width, one row per sentence, for code that slices rows before it finds
        # that no second document is there; its one story is the Corpus default.
        import numpy as np

        vectors, phrase_vectors, grouped, clusters = (
            np.zeros((len(sentences), 0), dtype=np.float32),
            {},
            [],
            [],
        )
    else:
        ctx.say(f"encoding {len(sentences)} sentences of {len(documents)} files")
        with _embedder(ctx) as embedder:
            encoded = embedder.encode([s.text for s in sentences] + phrases)
            vectors = encoded[: len(sentences)]
            phrase_vectors = dict(zip(phrases, encoded[len(sentences) :]))
            params = {
                **lex.stories,
                **({"threshold": settings.story_threshold} if settings.story_threshold else {}),
            }
            grouped = (
                group_stories(documents, sentences, vectors, names, params, lex.story_stopwords)
                if joined is None
                else joined
            )
            if focus is not None:
                # Only stories that a focus document belongs to can yield a reported finding:
                # the rest of the corpus is left out before the costly stages.
                if joined is None:
                    grouped = joined_stories(grouped, focus, sentences, vectors, settings.threshold, names)
                documents, sentences, vectors = kept(grouped, documents, sentences, vectors)
                claims, phrases = _read_claims(extractor, sentences)
                phrase_vectors = dict(zip(phrases, embedder.encode(phrases))) if phrases else {}
            warnings.extend(embedder.warnings)
        ctx.say(f"grouping {len(sentences)} sentences into claims")
        clusters = cluster(sentences, vectors, settings.threshold, settings.floor, settings.neighbours)
    people = _people(sentences, lex)
    corpus = Corpus(
        documents,
        sentences,
        clusters,
        people,
        lex,
        vectors=vectors,
        names=names,
        stories=grouped,
        phrase_vectors=phrase_vectors,
        judged=frozenset(focus or ()),
    )
    # quotes come last: their speakers are the people found above
    corpus.claims = sorted(
        claims + title_claims(people) + quote_claims(quote_parts(corpus, 1)),
        key=lambda c: (c.document, c.offset, c.kind),
    )
    return corpus


def _through_index(archive, paths: list[str], drafts: Inputs | None, against: list[str], ctx: Context):
    """The drafts' inputs with the archive files they need, and the stories to analyse, found through ``archive``.

    The drafts are read and encoded (their vectors find the stories: ``Index.select``);
    then only the archive files of the stories they join are read. Returns the
    inputs, the joined stories (display paths) and warnings. An index found damaged
    here is one warning, and the archive is read in full: (None, None, [warning]).
    """
    from .archive.select import Damaged
    from .files import display_name
    from .ingest.discover import problem, read_source

    settings = ctx.settings
    archive.preload()  # the index's largest part is read and checked meanwhile
    drafts = drafts if drafts is not None else discover(paths, settings.max_file_size)
    read = load_parsed(drafts, ctx.rules, settings, ctx.lex)
    sentences, names = _sentences_and_names(read.documents, read.parsed)
    with _embedder(ctx) as embedder:
        vectors = embedder.encode([s.text for s in sentences])
    noted: list[str] = []  # the encoder's warnings reach the report from analyse, or from the index's close
    try:
        joined, files = archive.select(read.documents, sentences, vectors, names, settings.threshold)
    except Damaged as exc:
        noted.append(f"archive index of {against[0]} cannot be used ({exc}); the archive is read in full")
        return None, None, noted
    inputs = Inputs(list(drafts.sources), list(drafts.problems), set(drafts.drafts))
    for rel in files:
        path = Path(archive.display(rel))
        try:
            inputs.sources.append(read_source(path, settings.max_file_size))
        # as discover: a file that cannot be read is a problem, never the end of the scan
        except Exception as exc:
            inputs.problems.append(problem(display_name(path), exc, False))
    inputs.sources.sort(key=lambda s: s.path.as_posix())
    return inputs, joined, noted


def _sentences_and_names(documents: list, parsed: dict) -> tuple[list, dict]:
    """Every document's sentences, in order, and the names each sentence mentions, from the read stage's parses."""
    sentences, names = [], {}
    for doc in documents:
        doc_sentences, doc_names = parsed[doc.path]
        sentences += doc_sentences
        names.update(doc_names)
    return sentences, names


def _read_claims(extractor: ClaimExtractor, among: list) -> tuple[list, list[str]]:
    """The claims of ``among`` and their claim phrases (alignment compares the phrases' vectors), sorted, once each."""
    found = [c for s in among for c in extractor.sentence_claims(s)]
    return found, sorted({c.phrase for c in found if c.phrase})


@contextmanager
def _embedder(ctx: Context) -> Iterator[Embedder]:
    """The context's encoder, or one the settings name (closed afterwards), reporting to the context's progress."""
    own = ctx.embedder is None
    embedder = ctx.embedder or embedder_for(ctx.settings)
    embedder.progress = ctx.progress
    # a CLI Progress prints an announcement even off a terminal (a hook's log); a plain callable takes it as a stage
    embedder.announce = getattr(ctx.progress, "announce", ctx.progress)
    try:
        yield embedder
    finally:
        if own:
            embedder.close()


def _people(sentences: list, lex: Lexicons) -> list:
    """The people the sentences mention: titled and named mentions, bare surnames linked to them, then merged."""
    skeleton = lex.transliteration.skeleton
    finder = PeopleExtractor(lex.titles, lex.names)
    mentions = [m for s in sentences for m in finder.extract(s)]
    mentions += link_surnames(sentences, mentions, lex.names, skeleton)
    return link_people(mentions, skeleton)


def _told(corpus: Corpus, lex: Lexicons) -> tuple[list[list[str]], list[str], dict[str, int]]:
    """The stories analysed, a label for each, and the sentences analysed per document."""
    labels = [
        label(story, corpus.documents, corpus.sentences, lex.names, int(lex.stories["label_names"]))
        for story in corpus.stories
    ]
    counts: dict[str, int] = {}
    for s in corpus.sentences:
        counts[s.doc.path] = counts.get(s.doc.path, 0) + 1
    return corpus.stories, labels, counts


# --- checks and gate ------------------------------------------------------------------------------------------


def run_checks(corpus: Corpus, ctx: Context) -> list[Finding]:
    """Every enabled rule's findings, then the fact sheet's, then the deferring checks' on evidence none of them
    covers; one finding per id, sorted."""
    ctx.say("running the checks")
    findings: list[Finding] = []
    deferring: list[Finding] = []
    for rule in ctx.rules.rules:
        if rule.enabled:
            check = CHECK_TYPES[rule.extends](rule)
            with corpus.read_by(check.needs):
                (deferring if check.defers else findings).extend(check.run(corpus))
    if ctx.sheet and check_on(ctx.settings, FACT_SHEET):
        findings += ctx.sheet.check(corpus, fact_sheet_severity(ctx.settings))
    covered = {(e.document, e.line, e.text) for f in findings for e in f.evidence}
    findings += [f for f in deferring if not any((e.document, e.line, e.text) in covered for e in f.evidence)]
    return merge(findings)


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per id (a passage pasted twice yields the same finding twice), sorted."""
    by_id: dict[str, Finding] = {}
    for f in findings:
        if f.id in by_id:
            kept_ = by_id[f.id]
            by_id[f.id] = Finding(
                kept_.check,
                max(kept_.severity, f.severity, key=severity_rank),
                kept_.message,
                kept_.subject,
                kept_.values,
                kept_.evidence + f.evidence,
                kept_.suggestion,
                kept_.rule,
                kept_.id,
            )
        else:
            by_id[f.id] = f
    return sorted(by_id.values(), key=Finding.sort_key)


class Gated(NamedTuple):
    """What the gate let through, what it set aside (counted, and one record each), and its warnings."""

    findings: list[Finding]
    set_aside: dict[str, int]
    suppressed: list[Suppression]
    warnings: list[str]


def apply_gate(
    findings: list[Finding], documents: list, drafts: set[str] | None, ctx: Context, baseline: Baseline | None
) -> Gated:
    """The findings reported: inline markers, the accept list, the baseline and ``min_severity`` set the rest aside.

    Warned of: an inline marker naming no check, and what is wrong with the baseline.
    """
    settings = ctx.settings
    warnings = marker_warnings(documents, {r.id for r in ctx.rules.rules} | {FACT_SHEET})
    findings, inline = suppressed(findings, documents, drafts, settings.inline_ignores)
    findings, allowed = accepted(findings, settings.accept)
    findings, recorded = baselined(findings, baseline, drafts)
    findings, low = below(findings, settings.min_severity)
    if baseline is not None:
        warnings += baseline.notes
    counts = {"suppressed": len(inline), "accepted": len(allowed), "baselined": len(recorded)}
    return Gated(
        findings, {**counts, "below_min_severity": len(low)}, [*inline, *allowed, *recorded], warnings
    )
