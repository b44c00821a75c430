"""The data model every stage reads and writes.

Positions are character offsets into ``Document.text`` (the analysed text);
``Document.position`` turns one into the 1-based line and column of the
original file, so evidence always points at what an editor sees on disk.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field
from collections.abc import Iterable

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """Order severities: info < warning < error."""
    return SEVERITIES.index(severity)


EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def exit_code(severities, fail_on: str, fatal: bool = False, judged: bool = True) -> int:
    """The exit code for hooks: 2 when ``fatal``; 1 when a severity is at or above ``fail_on`` ("never": none is); else 0."""
    if fatal:
        return EXIT_ERROR
    if judged and fail_on != "never" and any(severity_rank(s) >= severity_rank(fail_on) for s in severities):
        return EXIT_FINDINGS
    return EXIT_OK


_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of ``Document.text``."""

    start: int
    end: int


@dataclass
class Document:
    """One input file, decoded, with its analysable parts marked.

    ``text`` is what the analysis reads: the file's own text for plain text and
    Markdown, the visible text for HTML. ``source_map`` holds sorted pairs
    ``(text_offset, source_offset)`` marking where runs of ``text`` begin in the
    original file (an identity map has one pair). ``blocks`` are the spans of
    ``text`` that survive boilerplate removal, in order.
    """

    path: str
    source: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date, or None when the document gives none
    blocks: list[Span] = field(default_factory=list)
    source_map: list[tuple[int, int]] = field(default_factory=lambda: [(0, 0)])
    warnings: list[str] = field(default_factory=list)
    # (first line, last line, check ids) silenced by a "factcheck: ignore" marker; "*" is every check
    suppressions: list[tuple[int, int, frozenset]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.source)]
        self._map_keys = [t for t, _ in self.source_map]

    def source_offset(self, offset: int) -> int:
        """Map an offset of ``text`` to an offset of the original file."""
        i = bisect.bisect_right(self._map_keys, offset) - 1
        t, s = self.source_map[max(i, 0)]
        return s + (offset - t)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the original file of a ``text`` offset."""
        src = self.source_offset(offset)
        line = bisect.bisect_right(self._line_starts, src) - 1
        return line + 1, src - self._line_starts[line] + 1

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def published(self) -> dt.date | None:
        """The publication date as a calendar day, or None when the document gives no whole valid day."""
        if self.date and len(self.date) == 10:
            try:
                return dt.date.fromisoformat(self.date)
            except ValueError:
                return None
        return None


@dataclass
class Sentence:
    """A sentence of one document, with its place in that document."""

    doc: Document
    index: int  # position among the document's sentences
    start: int
    end: int
    text: str
    block: int  # index of the block (paragraph) it belongs to

    @property
    def key(self) -> tuple[str, int]:
        return (self.doc.path, self.index)

    def position(self, offset: int | None = None) -> tuple[int, int]:
        return self.doc.position(self.start if offset is None else offset)

    @property
    def headline(self) -> bool:
        """Whether this is its document's headline: the first sentence, worded as the title.

        A title read from an untitled page's short first paragraph is a headline only
        when it is not a full sentence: a lead ("Dozens were killed when a ferry
        carrying 80 people sank.") ends with a full stop, a headline does not.
        """
        title = self.doc.title
        return (
            self.index == 0
            and bool(title)
            and " ".join(self.text.split()) == " ".join(title.split())
            and not title.rstrip(" \"'”’").endswith(".")
        )


@dataclass
class Cluster:
    """Sentences from one or more documents that state the same claim."""

    id: int
    sentences: list[Sentence]

    @property
    def documents(self) -> list[str]:
        return sorted({s.doc.path for s in self.sentences})

    @property
    def is_cross_source(self) -> bool:
        return len(self.documents) > 1


@dataclass(frozen=True)
class Evidence:
    """One place a finding rests on: where it is and what it says."""

    document: str
    line: int
    column: int
    text: str  # the whole sentence
    value: str | None  # the part of the sentence the finding is about

    def as_dict(self) -> dict:
        """The JSON report's evidence object: the fields above, in their order."""
        return asdict(self)


def evidence_at(sentence: Sentence, value: str | None = None, offset: int | None = None) -> Evidence:
    """Evidence for ``value`` inside ``sentence``; the column is the value's when known."""
    if offset is None and value:
        i = sentence.text.find(value)
        offset = sentence.start + i if i >= 0 else None
    line, column = sentence.position(offset)
    return Evidence(sentence.doc.path, line, column, " ".join(sentence.text.split()), value)


CLAIM_KINDS = ("quantity", "date", "title", "quote")


@dataclass(frozen=True, eq=False)
class Claim:
    """One checkable statement inside a sentence: smaller than the sentence, typed.

    A sentence may carry several claims ("The quake killed 9,000 people and
    injured 22,000" holds two quantity claims). Claims are extracted once, before
    any check runs (``extract.claims``), and checks compare claims, not sentences.

    - ``kind``: "quantity" (a figure), "date" (the date of an event), "title" (a
      person's title) or "quote" (a speaker's words);
    - ``subject``: what the claim is about (the thing counted or measured, the
      event, the person, the speaker); "" when the text does not say;
    - ``attribute``: the normalised predicate ("killed", "depth", "cost",
      "date:collapse", a title's ladder, "quote");
    - ``value``: the normalised value (a float in the base unit, a ``DateValue``,
      a ``Title``, the quote's words); ``text`` is the value as written;
    - ``qualifiers``: "approximate", "lower-bound", "upper-bound", "update",
      "hedged", "negated", "quoted" ...;
    - ``start``/``end``: the span of ``text`` in ``sentence.text``;
    - ``phrase``: the short claim phrase (the clause around the value, figures
      masked) used to align claims across sources;
    - ``time``: the ISO date the claim is reported as of (the publication date),
      or None when the document is undated.
    """

    kind: str
    subject: str
    attribute: str
    value: object
    text: str
    sentence: Sentence
    start: int
    end: int
    unit: str = ""
    qualifiers: frozenset = frozenset()
    phrase: str = ""
    time: str | None = None
    speaker: str | None = None  # for quotes: who is said to speak

    @property
    def document(self) -> str:
        return self.sentence.doc.path

    @property
    def offset(self) -> int:
        """The claim's offset in the document text."""
        return self.sentence.start + self.start

    def evidence(self, value: str | None = None) -> Evidence:
        return evidence_at(self.sentence, self.text if value is None else value, self.offset)


@dataclass(frozen=True)
class DraftView:
    """One draft's side of a finding in ``--against`` mode, as the gate judged it (``judge.judge``).

    The draft's value, the archive sources that agree, disagree or only say less
    ("Minister" beside "Foreign Minister"), whether the draft is blamed, and the fact
    sheet entry that decided, if one did.
    """

    document: str
    value: str
    agree: tuple[str, ...]
    disagree: tuple[str, ...]
    blamed: bool
    fact: str | None = None  # the fact sheet entry that decided, if one did
    less: tuple[str, ...] = ()  # archive sources that only say less ("Minister" beside "Foreign Minister")

    def counts(self) -> str:
        """ "1 archive source agrees, 2 disagree, 1 says less": the one wording of the split, for every format."""

        def n(docs: tuple, one: str, many: str) -> str:
            return f"{len(docs)} {one if len(docs) == 1 else many}"

        parts = [
            n(self.agree, "archive source agrees", "archive sources agree"),
            n(self.disagree, "disagrees", "disagree"),
        ]
        if self.less:
            parts.append(n(self.less, "says less", "say less"))
        return ", ".join(parts)

    def as_dict(self) -> dict:
        out = {
            "document": self.document,
            "value": self.value,
            "agree": list(self.agree),
            "disagree": list(self.disagree),
            "agree_count": len(self.agree),
            "disagree_count": len(self.disagree),
            "blamed": self.blamed,
            "less": list(self.less),
            "less_count": len(self.less),
        }
        if self.fact:
            out["fact"] = self.fact
        return out


@dataclass
class Finding:
    """One discrepancy, as reported.

    ``id`` is a fingerprint of what the finding says (check, subject, values and
    the normalised evidence sentences), not where it sits, so it survives moved
    lines and renamed files.
    """

    check: str
    severity: str
    message: str
    subject: str
    values: list[str]
    evidence: list[Evidence]
    suggestion: str | None = None
    rule: str | None = None
    id: str = ""
    # In --against mode, each draft's side of the finding, as the gate returns it: its value, who agrees, who disagrees.
    drafts: tuple[DraftView, ...] = field(default=(), compare=False)
    # For a figure that moves as an event unfolds: each source's value and the time it is reported as of,
    # in time order ({"time", "value", "document", "line"}).
    timeline: list = field(default_factory=list, compare=False)

    def __post_init__(self) -> None:
        self.evidence = sorted(set(self.evidence), key=lambda e: (e.document, e.line, e.column, e.text))
        if not self.id:
            self.id = fingerprint(self.check, self.subject, self.values, (e.text for e in self.evidence))

    @property
    def disputed(self) -> list[Evidence]:
        """The evidence in question: all of it, except places that already say what the suggestion says.

        For "'Nurleu' is likely a misspelling of 'Nurtleu'", the places writing
        "Nurtleu" support the finding; the places writing "Nurleu" are in question.
        """
        return [e for e in self.evidence if not (self.suggestion and e.value == self.suggestion)] or list(
            self.evidence
        )

    @property
    def primary(self) -> Evidence:
        """Where the finding is reported: the draft, when drafts are judged; else the odd one out.

        With ``drafts`` (``--against``), the first place in a blamed draft (or in any
        judged draft). Otherwise the place in question whose value the fewest
        documents state: in "Mayor" / "Mayor" / "Deputy Mayor" that is "Deputy Mayor",
        wherever its file sorts. Ties keep document order.
        """
        if not self.evidence:
            return Evidence("", 0, 0, "", None)
        places = self.disputed
        judged = [v.document for v in self.drafts if v.blamed] or [v.document for v in self.drafts]
        for document in judged:
            in_draft = [e for e in places if e.document == document] or [
                e for e in self.evidence if e.document == document
            ]
            if in_draft:
                return in_draft[0]
        held: dict[str, set[str]] = {}
        for e in self.evidence:
            held.setdefault(_norm(e.value or e.text), set()).add(e.document)
        return min(places, key=lambda e: len(held[_norm(e.value or e.text)]))

    def sort_key(self) -> tuple:
        first = self.primary
        return (-severity_rank(self.severity), self.check, first.document, first.line, first.column, self.id)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "subject": self.subject,
            "values": list(self.values),
            "evidence": [e.as_dict() for e in self.evidence],
            "suggestion": self.suggestion,
            **({"drafts": [d.as_dict() for d in self.drafts]} if self.drafts else {}),
            **({"timeline": [dict(step) for step in self.timeline]} if self.timeline else {}),
        }


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


_WORD = re.compile(r"\w+")
# How far a similarity from one matrix product may stand from the single dot product of the same two rows
# (float32 rounding in another order, at most about 384 * 2**-24 for two unit vectors), with a wide margin.
_NEAR = 1e-3


def word_key(text: str) -> str:
    """The words of ``text``, case-folded, one space apart: two wordings with one key say the same words."""
    return " ".join(_WORD.findall(text.casefold()))


def value_of(f: Finding, e: Evidence) -> str:
    """The finding's value that one place states.

    Most checks put that value in ``Evidence.value``; where the evidence value is a
    shortened cue (a quote's first words), the finding value the sentence contains
    is the one it states.
    """
    if e.value is not None and any(word_key(e.value) == word_key(v) for v in f.values):
        return e.value
    sentence = f" {word_key(e.text)} "
    inside = [v for v in f.values if word_key(v) and f" {word_key(v)} " in sentence]
    if inside:
        return max(inside, key=len)
    return e.value if e.value is not None else e.text


def fingerprint(check: str, subject: str, values: Iterable[str], texts: Iterable[str]) -> str:
    """A stable id from what a finding says; positions and paths are left out on purpose."""
    h = hashlib.sha256()
    for part in [
        check,
        _norm(subject),
        *sorted(_norm(v) for v in values),
        *sorted(set(_norm(t) for t in texts)),
    ]:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return f"{check}:{h.hexdigest()[:12]}"


@dataclass
class Report:
    """What a scan produced: the documents read, the findings, and the files it could not read."""

    documents: list[Document]
    findings: list[Finding]
    errors: list[str] = field(default_factory=list)  # files that could not be read, one line each
    warnings: list[str] = field(default_factory=list)  # files skipped on purpose, decoding fallbacks
    sentence_counts: dict[str, int] = field(default_factory=dict)
    stories: list[list[str]] = field(default_factory=list)  # document paths grouped by story
    story_labels: list[str] = field(default_factory=list)  # one per story: its main names and date range
    set_aside: dict[str, int] = field(
        default_factory=dict
    )  # findings not reported: suppressed, accepted, baselined
    rules: dict[str, tuple[str, str]] = field(default_factory=dict)  # rule id -> (description, severity)
    suppressed: list = field(
        default_factory=list
    )  # suppress.Suppression: each finding set aside, where and why
    problems: list = field(
        default_factory=list
    )  # discover.Problem: the inputs not analysed, as data (exit codes)
    rules_digest: str = (
        ""  # hash of the rule files' bytes as loaded (the memo stores only a matching outcome)
    )

    def exit_code(self, fail_on: str) -> int:
        """How a scan that produced this report ends (see ``models.exit_code``)."""
        return exit_code(
            [f.severity for f in self.findings],
            fail_on,
            fatal=any(p.fatal for p in self.problems) or not self.documents,
        )

    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in ("error", "warning", "info")}
        for f in self.findings:
            counts[f.severity] += 1
        return counts


@dataclass
class Person:
    """One person across the corpus: every mention of them, with titles."""

    name: str  # the best-attested full form
    mentions: list = field(default_factory=list)  # extract.people.PersonMention


class UndeclaredRead(RuntimeError):
    """A check read a kind of claim it does not declare in ``Check.needs``."""


@dataclass
class Corpus:
    """Everything the checks read: documents, sentences, clusters, and extracted atoms.

    ``cluster_of`` maps a sentence key to its cluster; ``story_of`` maps a document
    path to its story's number. ``lexicons`` holds the parsed
    vocabularies (titles, names, transliteration, house style) that checks share.
    """

    documents: list[Document]
    sentences: list[Sentence]
    clusters: list[Cluster]
    people: list[Person]
    lexicons: object  # lexicons.Lexicons: the parsed vocabularies
    vectors: object = None  # numpy array, one unit vector per sentence, in order
    stories: list = field(default_factory=list)  # lists of document paths that report one story
    names: dict = field(default_factory=dict)  # sentence key -> proper-name keys it mentions
    claims: list = field(default_factory=list)  # every Claim, in document order
    phrase_vectors: dict = field(default_factory=dict)  # claim phrase -> unit vector, for alignment
    cluster_of: dict = field(default_factory=dict)
    story_of: dict = field(default_factory=dict)
    judged: frozenset = (
        frozenset()
    )  # with --against, the drafts (the archive is evidence); empty: every document is judged
    _tellers: dict = field(
        default_factory=dict, repr=False, compare=False
    )  # echoed(): id(cluster) -> story -> paths
    _rows: dict = field(
        default_factory=dict, repr=False, compare=False
    )  # told_alike(): sentence key -> row of vectors
    reading: frozenset | None = field(
        default=None, repr=False, compare=False
    )  # the claim kinds a running check declared

    def __post_init__(self) -> None:
        if not self.cluster_of:
            self.cluster_of = {s.key: c for c in self.clusters for s in c.sentences}
        if not self.stories:
            self.stories = [sorted({d.path for d in self.documents})]
        self.story_of = {path: n for n, story in enumerate(self.stories) for path in story}

    def echoed(self, s: Sentence) -> bool:
        """Whether another document of the same story states ``s``'s claim (shares its cluster)."""
        cluster = self.cluster_of.get(s.key)
        if not cluster:
            return False
        # A cluster's documents by story, once per cluster: asking sentence by sentence stays linear in the cluster.
        tellers = self._tellers.get(id(cluster))
        if tellers is None:
            tellers = {}
            for o in cluster.sentences:
                tellers.setdefault(self.story_of.get(o.doc.path), set()).add(o.doc.path)
            self._tellers[id(cluster)] = tellers
        paths = tellers.get(self.story_of.get(s.doc.path), ())
        return len(paths) > 1 or (len(paths) == 1 and s.doc.path not in paths)

    def _row_index(self) -> dict:
        """Sentence key -> its row in ``vectors``, built on first use (most scans never ask)."""
        if not self._rows:
            self._rows.update((s.key, i) for i, s in enumerate(self.sentences))
        return self._rows

    def told_alike(self, a: Sentence, b: Sentence, threshold: float) -> bool:
        """Whether two sentences state one thing: one cluster holds both, or their vectors are at least
        ``threshold`` alike (cosine). Without vectors, only a shared cluster counts."""
        cluster = self.cluster_of.get(a.key)
        if cluster is not None and cluster is self.cluster_of.get(b.key):
            return True
        if self.vectors is None:
            return False
        rows = self._row_index()
        i, j = rows.get(a.key), rows.get(b.key)
        return i is not None and j is not None and float(self.vectors[i] @ self.vectors[j]) >= threshold

    def told_alike_any(self, xs: list[Sentence], ys: list[Sentence], threshold: float) -> bool:
        """Whether a sentence of ``xs`` and one of ``ys``, in two documents, state one thing (``told_alike``):
        ``any(told_alike(x, y) for x in xs for y in ys if x.doc.path != y.doc.path)``, asked of all pairs at once.

        A name told in every copy of a story is hundreds of sentences, and two such names hundreds
        of thousands of pairs, each one a dot product in ``told_alike``. Here the pairs' products
        come from one matrix product; one that lands within ``_NEAR`` of ``threshold`` (where the
        product's rounding could differ from the single dot's) is computed as ``told_alike`` does.
        """
        return self._clustered_any(xs, ys) or (
            self.vectors is not None and self._vectors_alike_any(xs, ys, threshold)
        )

    def _clustered_any(self, xs: list[Sentence], ys: list[Sentence]) -> bool:
        """Whether one cluster holds a sentence of ``xs`` and one of ``ys`` of another document."""
        by_cluster: dict[int, set[str]] = {}
        for x in xs:
            cluster = self.cluster_of.get(x.key)
            if cluster is not None:
                by_cluster.setdefault(id(cluster), set()).add(x.doc.path)
        for y in ys:
            cluster = self.cluster_of.get(y.key)
            if cluster is not None and by_cluster.get(id(cluster), set()) - {y.doc.path}:
                return True
        return False

    def _vectors_alike_any(self, xs: list[Sentence], ys: list[Sentence], threshold: float) -> bool:
        """Whether a sentence of ``xs`` and one of ``ys`` of another document are ``threshold`` alike."""
        rows = self._row_index()
        rx = [(i, x.doc.path) for x in xs if (i := rows.get(x.key)) is not None]
        ry = [(j, y.doc.path) for y in ys if (j := rows.get(y.key)) is not None]
        if not rx or not ry:
            return False
        import numpy as np  # loaded already: the corpus holds its vectors

        sims = self.vectors[[i for i, _ in rx]] @ self.vectors[[j for j, _ in ry]].T
        for a, b in zip(*np.nonzero(sims >= threshold - _NEAR)):
            (i, dx), (j, dy) = rx[a], ry[b]
            if dx != dy and float(self.vectors[i] @ self.vectors[j]) >= threshold:
                return True
        return False

    def same_story(self, a: Sentence, b: Sentence) -> bool:
        """Whether two sentences come from documents of one story."""
        return self.story_of.get(a.doc.path) == self.story_of.get(b.doc.path)

    def claims_of(self, kind: str) -> list[Claim]:
        """The claims of one kind, in document order. While a check runs (``reading``), only the kinds it
        declares in ``needs``: a check that reads another kind is a bug, raised as one."""
        if self.reading is not None and kind not in self.reading:
            raise UndeclaredRead(
                f"a check read {kind!r} claims but declares only {sorted(self.reading)} in needs"
            )
        return [c for c in self.claims if c.kind == kind]

    @contextlib.contextmanager
    def read_by(self, needs: tuple[str, ...]):
        """While the ``with`` block runs, ``claims_of`` answers only for the kinds in ``needs``."""
        before, self.reading = self.reading, frozenset(needs)
        try:
            yield self
        finally:
            self.reading = before

    def by_document(self) -> dict[str, list[Sentence]]:
        out: dict[str, list[Sentence]] = {}
        for s in self.sentences:
            out.setdefault(s.doc.path, []).append(s)
        return out
