"""run(): the one place that knows the order of the stages.

    discover -> parse -> split -> extract claims -> encode -> group stories and clusters
             -> people, titles and quotes -> checks -> gate

(docs/architecture.md draws it with what each stage reads and writes; the
rendering is scan.py's.)

Each stage reads what the previous one wrote; nothing else in the package calls
two stages in a row.
"""

from __future__ import annotations

from pathlib import Path

from .ingest.boilerplate import Boilerplate
from .ingest.discover import Inputs, Problem, discover, problem
from .ingest.parse import parse_source
from .checks import CHECK_TYPES
from .group.cluster import cluster
from .group.stories import group_stories, label
from .config import Settings
from .model.embed import Embedder, embedder_for
from .extract.claims import ClaimExtractor, quote_claims, title_claims
from .extract.names import proper_names
from .extract.people import PeopleExtractor, link_people, link_surnames
from .extract.quotes import quote_parts
from .lexicons import Lexicons
from .models import Corpus, Finding, Report, severity_rank
from .gate import facts
from .gate.baseline import Baseline, baselined
from .gate.judge import involving, judge
from .gate.suppress import accepted, below, marker_warnings, suppressed
from .rules import RuleSet
from .ruleset import check_on, lexicons, rule_set
from .extract.sentences import MAX_SENTENCE_CHARS, split


# Check types whose values are people's titles: the gate reads two of them with the title lexicon.
TITLE_CHECKS = ("title-conflict", "title-unmatched")


def load_documents(paths: list[str], rules: RuleSet, settings: Settings) -> tuple[list, list[str], list[str]]:
    """Documents, files not read (each a one-line reason), and warnings (including files skipped on purpose)."""
    documents, _, problems, warnings = load_parsed(
        discover(paths, settings.max_file_size), rules, settings, None
    )
    return (
        documents,
        [p.line for p in problems if p.is_error],
        warnings + [p.line for p in problems if not p.is_error],
    )


def parse(doc, lex: Lexicons, limit: int = MAX_SENTENCE_CHARS) -> tuple[list, dict]:
    """A document's sentences (none over ``limit`` characters), and the proper names (transliteration skeletons) each one mentions."""
    sentences = split(doc, limit)
    skeleton = lex.transliteration.skeleton
    names = {s.key: frozenset(skeleton(t.text) for t in proper_names(s.text, lex.names)) for s in sentences}
    return sentences, names


def load_parsed(
    inputs: Inputs, rules: RuleSet, settings: Settings, lex: Lexicons | None
) -> tuple[list, dict, list[Problem], list[str]]:
    """Documents, each one's ``parse`` (when ``lex`` is given), the inputs not analysed, and warnings.

    Every document comes from the bytes ``discover`` read: no file is opened here.
    With the cache on, a source whose bytes, display name, rules and factcheck
    version are unchanged since an earlier run comes back from ``parsed.sqlite3``
    unparsed; its key is the hash of those very bytes. Any exception while parsing
    one document makes it a Problem naming the file and the reason, and the scan
    goes on with the others.
    """
    boilerplate = None
    total = 0  # sentences kept so far, against settings.max_sentences
    documents, parsed, problems, warnings = [], {}, list(inputs.problems), []
    store, keys, hits = None, {}, {}
    if lex is not None and settings.cache:
        from .cache import open_store
        from .cache.digests import source_digest
        from .cache.parsed import ParsedStore, file_key

        # The rules part is the hash of the rule files' bytes as loaded, not of a second read.
        context = (
            f"{source_digest()}\0{rules.digest}\0{settings.max_file_size}\0{settings.max_sentence_length}"
        )
        keys = {source.display: file_key(context, source) for source in inputs.sources}
        store = open_store(ParsedStore, settings.cache_root() / "parsed.sqlite3", warnings)
        hits = store.get(sorted(set(keys.values()))) if store else {}
    try:
        for source in inputs.sources:
            hit = hits.get(keys.get(source.display, ""))
            if hit:
                doc, sentences, names = hit
            else:
                try:
                    boilerplate = boilerplate or Boilerplate.from_lexicon(rules.lexicon("boilerplate"))
                    doc = parse_source(source, boilerplate)
                    if lex is not None:
                        sentences, names = parse(doc, lex, settings.max_sentence_length)
                except Exception as exc:  # per-document isolation: one bad article never ends the scan
                    problems.append(problem(source.display, exc, source.named))
                    continue
                if lex is not None and store:
                    store.add(keys[source.display], doc, sentences, names)
            if lex is not None and total + len(sentences) > settings.max_sentences:
                # Memory and time grow with the sentences held: past the limit, a document is left out, said so.
                problems.append(
                    Problem(
                        source.display,
                        f"the scan reached max-sentences ({settings.max_sentences}); skipped",
                        "skipped",
                        source.named,
                    )
                )
                continue
            warnings.extend(doc.warnings)
            documents.append(doc)
            if lex is not None:
                total += len(sentences)
                parsed[doc.path] = (sentences, names)
    finally:
        if store:
            store.close()
            warnings.extend(store.warnings)
    if boilerplate:
        warnings.extend(boilerplate.warnings)
    return documents, parsed, problems, warnings


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per id (a passage pasted twice yields the same finding twice), sorted."""
    by_id: dict[str, Finding] = {}
    for f in findings:
        if f.id in by_id:
            kept = by_id[f.id]
            by_id[f.id] = Finding(
                kept.check,
                max(kept.severity, f.severity, key=severity_rank),
                kept.message,
                kept.subject,
                kept.values,
                kept.evidence + f.evidence,
                kept.suggestion,
                kept.rule,
                kept.id,
            )
        else:
            by_id[f.id] = f
    return sorted(by_id.values(), key=Finding.sort_key)


def analyse(
    documents: list,
    rules: RuleSet,
    settings: Settings,
    embedder: Embedder | None = None,
    warnings: list[str] | None = None,
    focus: set[str] | None = None,
    parsed: dict | None = None,
    lex: Lexicons | None = None,
    progress=None,
) -> Corpus:
    """Sentences, embeddings, stories, clusters and people for ``documents``.

    ``parsed`` maps a document path to its ``parse`` where one was already made;
    ``lex`` is ``lexicons(rules)`` when the caller has it.
    With ``focus`` (document paths), only the stories those documents belong to are
    analysed past grouping into stories. Cache repairs and backend fallbacks go to ``warnings``.
    """
    lex = lex or lexicons(rules)
    sentences, names = _sentences_and_names(documents, parsed, lex)
    extractor = ClaimExtractor(lex.claims)
    # With a focus (a draft against an archive) claims are read only in the stories kept below: reading every
    # archive sentence's figures and dates was most of a pre-commit run. Without one, claim phrases are encoded
    # with the sentences, in one pass.
    claims, phrases = _read_claims(extractor, sentences) if focus is None else ([], [])
    if progress:
        progress(f"encoding {len(sentences)} sentences of {len(documents)} files")
    own = embedder is None
    embedder = embedder or embedder_for(settings)
    embedder.progress = progress
    # a CLI Progress prints an announcement even off a terminal (a hook's log); a plain callable takes it as a stage
    embedder.announce = getattr(progress, "announce", progress)
    try:
        encoded = embedder.encode([s.text for s in sentences] + phrases)
        vectors = encoded[: len(sentences)]
        phrase_vectors = dict(zip(phrases, encoded[len(sentences) :]))
        skeleton = lex.transliteration.skeleton
        params = {
            **lex.stories,
            **({"threshold": settings.story_threshold} if settings.story_threshold else {}),
        }
        grouped = group_stories(documents, sentences, vectors, names, params, lex.story_stopwords)
        if focus is not None:
            # Only stories that a focus document belongs to can yield a reported finding:
            # the rest of the corpus is left out before the costly stages.
            grouped = joined_stories(grouped, focus, sentences, vectors, settings.threshold, names)
            documents, sentences, vectors = _kept(grouped, documents, sentences, vectors)
            claims, phrases = _read_claims(extractor, sentences)
            phrase_vectors = dict(zip(phrases, embedder.encode(phrases))) if phrases else {}
        if warnings is not None:
            warnings.extend(embedder.warnings)
    finally:
        if own:
            embedder.close()
    if progress:
        progress(f"grouping {len(sentences)} sentences into claims")
    clusters = cluster(sentences, vectors, settings.threshold, settings.floor, settings.neighbours)
    people = _people(sentences, lex, skeleton)
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


def _sentences_and_names(documents: list, parsed: dict | None, lex: Lexicons) -> tuple[list, dict]:
    """Every document's sentences, in order, and their names; a document already in ``parsed`` is not parsed again."""
    sentences, names = [], {}
    for doc in documents:
        doc_sentences, doc_names = (parsed or {}).get(doc.path) or parse(doc, lex)
        sentences += doc_sentences
        names.update(doc_names)
    return sentences, names


def _read_claims(extractor: ClaimExtractor, among: list) -> tuple[list, list[str]]:
    """The claims of ``among`` and their claim phrases (alignment compares the phrases' vectors), sorted, once each."""
    found = [c for s in among for c in extractor.sentence_claims(s)]
    return found, sorted({c.phrase for c in found if c.phrase})


def _kept(grouped: list[list[str]], documents: list, sentences: list, vectors):
    """The documents, sentences and sentence vectors of the stories in ``grouped``, in their order."""
    keep = {p for story in grouped for p in story}
    rows = [i for i, s in enumerate(sentences) if s.doc.path in keep]
    documents = [d for d in documents if d.path in keep]
    sentences = [sentences[i] for i in rows]
    return documents, sentences, vectors[rows]


def _people(sentences: list, lex: Lexicons, skeleton) -> list:
    """The people the sentences mention: titled and named mentions, bare surnames linked to them, then merged."""
    finder = PeopleExtractor(lex.titles, lex.names)
    mentions = [m for s in sentences for m in finder.extract(s)]
    mentions += link_surnames(sentences, mentions, lex.names, skeleton)
    return link_people(mentions, skeleton)


def joined_stories(
    grouped: list[list[str]], focus: set[str], sentences: list, vectors, threshold: float, names: dict
) -> list[list[str]]:
    """The stories a draft is judged against: its own, and every archive story one of its sentences joins.

    A draft is judged sentence by sentence: a roundup whose one wrong sentence tells an
    archive story is grouped on its own, yet that sentence states the archive story's
    claim (at least ``threshold`` alike with one of its sentences, and naming one of the
    names the story names: ``names`` maps a sentence key to its name skeletons, as
    ``parse`` gives them), so the draft is compared with that story too. Alike in wording
    alone, a sentence names no story: "The ministry put the cost of repairs at $467
    million" is that alike with the cost sentence of every disaster story in an archive,
    and joined through it a draft was analysed with the whole archive. Each draft's
    stories are merged into one group.
    """
    import numpy as np

    from .groups import components

    story_of = {p: i for i, story in enumerate(grouped) for p in story}
    named: list[set[str]] = [set() for _ in grouped]
    for s in sentences:
        named[story_of[s.doc.path]].update(names.get(s.key, ()))
    drafts = [i for i, s in enumerate(sentences) if s.doc.path in focus and names.get(s.key)]
    archive = [i for i, s in enumerate(sentences) if s.doc.path not in focus]
    links = [(story_of[d], story_of[d]) for d in sorted(focus) if d in story_of]
    if drafts and archive:
        block = 65536  # archive rows per product: memory stays bounded at any archive size
        for start in range(0, len(archive), block):
            rows = archive[start : start + block]
            sims = vectors[rows] @ vectors[drafts].T
            for r, c in zip(*np.nonzero(sims >= threshold)):
                story = story_of[sentences[rows[r]].doc.path]
                if names[sentences[drafts[c]].key] & named[story]:
                    links.append((story_of[sentences[drafts[c]].doc.path], story))
    return sorted(sorted(p for i in group for p in grouped[i]) for group in components(links))


def run(
    paths: list[str],
    settings: Settings,
    embedder: Embedder | None = None,
    against: list[str] | None = None,
    baseline: Baseline | None = None,
    inputs: Inputs | None = None,
    progress=None,
    sheet: facts.FactSheet | None = None,
) -> Report:
    """Scan ``paths`` (and the ``against`` corpus) and return the report.

    With ``against``, the corpus is evidence only: a finding is reported when it
    involves at least one document of ``paths``. Findings a baseline records, the
    config accepts, or an inline marker silences, and those below ``min_severity``, are
    counted, not reported.
    Unreadable files are listed in ``Report.errors``; skipped ones in ``Report.warnings``;
    both, as data, in ``Report.problems``. ``inputs`` is ``discover``'s result
    when the caller has already read the files (the CLI does, for the memo key).
    ``progress``, when given, is called with a short description of each stage.
    ``sheet`` is the fact sheet when the caller has already loaded it (``scan`` does,
    for the memo key); else the one the settings name is loaded here.
    """
    rules = rule_set(settings)
    if sheet is None and settings.facts:
        sheet = facts.FactSheet.load(Path(settings.facts))
    lex = lexicons(rules)
    if progress:
        progress("reading files")
    if inputs is None:
        inputs = discover(paths, settings.max_file_size, against or [])
    documents, parsed, problems, warnings = load_parsed(inputs, rules, settings, lex)
    errors = [p.line for p in problems if p.is_error]
    warnings = [p.line for p in problems if not p.is_error] + warnings
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    stories: list[list[str]] = []
    labels: list[str] = []
    drafts = inputs.drafts if against is not None else None
    if documents:
        corpus = analyse(
            documents,
            rules,
            settings,
            embedder,
            warnings,
            focus=drafts,
            parsed=parsed,
            lex=lex,
            progress=progress,
        )
        if progress:
            progress("running the checks")
        stories = corpus.stories
        labels = [
            label(story, corpus.documents, corpus.sentences, lex.names, int(lex.stories["label_names"]))
            for story in stories
        ]
        for s in corpus.sentences:
            counts[s.doc.path] = counts.get(s.doc.path, 0) + 1
        findings = _check_corpus(corpus, rules, settings, sheet)
    findings = merge(findings)
    if drafts is not None:
        findings = _judge_drafts(findings, drafts, rules, lex, sheet, documents)
    warnings += marker_warnings(documents, {r.id for r in rules.rules} | {facts.CHECK})
    findings, inline = suppressed(findings, documents, drafts, settings.inline_ignores)
    findings, accepted_ = accepted(findings, settings.accept)
    findings, baselined_ = baselined(findings, baseline, drafts)
    findings, below_ = below(findings, settings.min_severity)
    if baseline is not None:
        warnings += baseline.notes
    rule_info = _rule_info(rules, settings, sheet)
    return Report(
        documents=documents,
        findings=findings,
        errors=errors,
        warnings=warnings,
        problems=problems,
        rules_digest=rules.digest,
        sentence_counts=counts,
        stories=stories,
        story_labels=labels,
        set_aside={
            "suppressed": len(inline),
            "accepted": len(accepted_),
            "baselined": len(baselined_),
            "below_min_severity": len(below_),
        },
        rules=rule_info,
        suppressed=[*inline, *accepted_, *baselined_],
    )


def _check_corpus(
    corpus: Corpus, rules: RuleSet, settings: Settings, sheet: facts.FactSheet | None
) -> list[Finding]:
    """Every enabled rule's findings, then the fact sheet's, then the deferring checks' on evidence none of them covers."""
    findings: list[Finding] = []
    deferring: list[Finding] = []
    for rule in rules.rules:
        if rule.enabled:
            check = CHECK_TYPES[rule.extends](rule)
            with corpus.read_by(check.needs):
                (deferring if check.defers else findings).extend(check.run(corpus))
    if sheet and check_on(settings, facts.CHECK):
        findings += sheet.check(corpus, settings.severity.get(facts.CHECK, "error"))
    covered = {(e.document, e.line, e.text) for f in findings for e in f.evidence}
    findings += [f for f in deferring if not any((e.document, e.line, e.text) in covered for e in f.evidence)]
    return findings


def _judge_drafts(
    findings: list[Finding],
    drafts: set[str],
    rules: RuleSet,
    lex: Lexicons,
    sheet: facts.FactSheet | None,
    documents: list,
) -> list[Finding]:
    """The findings that involve a draft, graded from the drafts' side (``judge.judge``), repeats dropped, sorted."""
    findings = involving(findings, drafts)
    extends = {r.id: r.extends for r in rules.rules}

    def same(f: Finding, a: str, b: str) -> int | None:
        # Two phrasings of one title ("Deputy Foreign Minister" / "Deputy Minister of Foreign Affairs") agree;
        # a bare "Minister" says less than "Foreign Minister" or "Defence Minister", and supports neither.
        return facts.title_relation(lex.titles, a, b) if extends.get(f.check) in TITLE_CHECKS else None

    findings = judge(findings, drafts, sheet.verdict(documents, lex) if sheet else None, same)
    return sorted(facts.unrepeated(findings), key=Finding.sort_key)


def _rule_info(rules: RuleSet, settings: Settings, sheet: facts.FactSheet | None) -> dict:
    """Rule id -> (description, severity) for each enabled rule, and the fact sheet's check when there is a sheet."""
    rule_info = {r.id: (r.description, r.severity) for r in rules.rules if r.enabled}
    if sheet:
        rule_info[facts.CHECK] = (
            "A value the newsroom fact sheet contradicts.",
            settings.severity.get(facts.CHECK, "error"),
        )
    return rule_info
