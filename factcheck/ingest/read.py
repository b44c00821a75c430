"""The read stage: Sources -> Documents, each with its sentences and the proper names they mention.

Reading (``read_documents``: one Source's bytes into a Document, ``parse.parse_source``)
and parsing (``parse``: a Document's sentences and names) are separate steps;
``load_parsed`` does both for a scan, through the parse cache (``cache/parsed.py``)
and within the scan's ``max_sentences``. Every document comes from the bytes
``discover`` read: no file is opened here. Any exception while reading or parsing
one document makes it a Problem naming the file and the reason, and the others go on.
"""

from __future__ import annotations

from typing import NamedTuple

from ..cache.parsed import ParseCache
from ..config import MAX_SENTENCE_CHARS, Settings
from ..extract.names import proper_names
from ..extract.sentences import split
from ..lexicons import Lexicons
from ..models import Document, Sentence
from ..rules import RuleSet
from .boilerplate import Boilerplate
from .discover import Inputs, Problem, Source, problem
from .parse import parse_source


class Documents(NamedTuple):
    """What reading made of the inputs: the documents, the inputs not analysed, and warnings."""

    documents: list[Document]
    problems: list[Problem]
    warnings: list[str]


class Parsed(NamedTuple):
    """What reading and parsing made of the inputs: documents, each one's ``parse`` by path, problems, warnings."""

    documents: list[Document]
    parsed: dict[str, tuple[list[Sentence], dict]]
    problems: list[Problem]
    warnings: list[str]


class _Reader:
    """Sources into Documents with one boilerplate matcher, built from the rules at the first source that needs it."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.boilerplate: Boilerplate | None = None

    def read(self, source: Source) -> Document:
        self.boilerplate = self.boilerplate or Boilerplate.from_lexicon(self.rules.lexicon("boilerplate"))
        return parse_source(source, self.boilerplate)

    @property
    def warnings(self) -> list[str]:
        """The boilerplate patterns that ran out of time, if any source was read."""
        return self.boilerplate.warnings if self.boilerplate else []


def read_documents(inputs: Inputs, rules: RuleSet) -> Documents:
    """Every source read into a Document (no parse, no cache); the inputs not analysed; warnings."""
    reader = _Reader(rules)
    out = Documents([], list(inputs.problems), [])
    for source in inputs.sources:
        try:
            doc = reader.read(source)
        except Exception as exc:  # per-document isolation: one bad article never ends the run
            out.problems.append(problem(source.display, exc, source.named))
            continue
        out.warnings.extend(doc.warnings)
        out.documents.append(doc)
    out.warnings.extend(reader.warnings)
    return out


def parse(doc: Document, lex: Lexicons, limit: int = MAX_SENTENCE_CHARS) -> tuple[list[Sentence], dict]:
    """A document's sentences (none over ``limit`` characters), and the proper names (transliteration skeletons)
    each one mentions, by sentence key."""
    sentences = split(doc, limit)
    skeleton = lex.transliteration.skeleton
    names = {s.key: frozenset(skeleton(t.text) for t in proper_names(s.text, lex.names)) for s in sentences}
    return sentences, names


def load_parsed(inputs: Inputs, rules: RuleSet, settings: Settings, lex: Lexicons) -> Parsed:
    """Documents read and parsed, the inputs not analysed, and warnings: a scan's read stage.

    With the cache on, a source whose bytes, display name, rules and factcheck
    version are unchanged since an earlier run comes back from ``parsed.sqlite3``
    unread and unparsed; its key is the hash of those very bytes. Past
    ``max_sentences`` sentences, a document is left out, and said so.
    """
    reader = _Reader(rules)
    out = Parsed([], {}, list(inputs.problems), [])
    cache = ParseCache.open(inputs.sources, rules.digest, settings, out.warnings) if settings.cache else None
    total = 0  # sentences kept so far, against settings.max_sentences
    try:
        for source in inputs.sources:
            hit = cache.get(source) if cache else None
            if hit:
                doc, sentences, names = hit
            else:
                try:
                    doc = reader.read(source)
                    sentences, names = parse(doc, lex, settings.max_sentence_length)
                except Exception as exc:  # per-document isolation: one bad article never ends the scan
                    out.problems.append(problem(source.display, exc, source.named))
                    continue
                if cache:
                    cache.add(source, doc, sentences, names)
            if total + len(sentences) > settings.max_sentences:
                # Memory and time grow with the sentences held: past the limit, a document is left out, said so.
                reason = f"the scan reached max-sentences ({settings.max_sentences}); skipped"
                out.problems.append(Problem(source.display, reason, "skipped", source.named))
                continue
            out.warnings.extend(doc.warnings)
            out.documents.append(doc)
            total += len(sentences)
            out.parsed[doc.path] = (sentences, names)
    finally:
        if cache:
            out.warnings.extend(cache.close())
    out.warnings.extend(reader.warnings)
    return out
