"""``factcheck index FOLDER``: bring the folder's archive index up to date, reading only what changed.

An update lists the folder as a scan would (``discover``'s walk), takes each file's
stat, and reads only the files that are new or whose size or mtime changed (a
changed stat with the same sha256 only updates the stat). Each file read gets a
new record (``records``), its sentences and claim phrases are encoded into the
embedding cache, and deleted files lose theirs. Records of unchanged files are
neither read nor re-encoded.

What is derived from all the records is then derived again from the stored
records, without reading any file: the term counts, the stories (average linkage
over the whole archive, as a scan groups it) and the matrices. Story grouping
weighs every name and word by how many articles hold it, so one article can shift
the weight of any pair, and regrouping only the stories it touches could differ
from a full rebuild; regrouping from the records costs no reading and no encoding,
and an incremental update equals a full rebuild by construction (tested). The
stories' sentence vectors come from the embedding cache (one lookup per unique
sentence; a text evicted from it is encoded again).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..cache import open_store
from ..cache.digests import source_digest
from ..config import Settings
from ..group.stories import Profile, StoryGrouper
from ..ingest.discover import SUFFIXES, _inside, problem, read_source
from ..files import InputError
from ..ingest.read import _Reader, parse
from ..model.embed import normalise
from .records import Record, Stat, record_of
from .store import ArchiveStore, dumps, index_path, stat_digest

DIM = 384  # the packaged model's width: an archive without one sentence has no other


@dataclass
class Updated:
    """What one update of an archive index did."""

    files: int = 0  # files the folder holds
    documents: int = 0  # of those, analysed (the others are problems)
    read: int = 0  # files read this time (new or changed)
    removed: int = 0  # records dropped: files gone from the folder
    stories: int = 0
    texts: list[str] = field(default_factory=list)  # normalised sentences and claim phrases of the files read
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: bool = False


def story_params(lex, settings: Settings) -> dict:
    """The story grouping parameters a scan uses: the rules' ``stories`` lexicon, and ``story_threshold`` if set."""
    return {**lex.stories, **({"threshold": settings.story_threshold} if settings.story_threshold else {})}


def context(settings: Settings, rules, lex, model_key: str) -> str:
    """What an index's records depend on besides the files: an index built under another context is stale."""
    return json.dumps(
        {
            "format": 2,  # 2: the mean vectors beside the index, the listing digest, each article's story
            "code": source_digest(),
            "rules": rules.digest,
            "model": model_key,
            "max_file_size": settings.max_file_size,
            "max_sentence_length": settings.max_sentence_length,
            "stories": story_params(lex, settings),
        },
        sort_keys=True,
        default=str,
    )


def listing(root: Path) -> dict[str, tuple[int, int]]:
    """Relative POSIX path -> (size, mtime_ns) of every article file a scan of ``root`` would read, in the
    order the walk finds them (the same order while the folder is unchanged: ``stat_digest`` hashes it).

    The files are ``discover``'s walk's (hidden names left out, symlinked folders not
    entered, a symlinked file only when it leads inside ``root``), found with one
    ``scandir`` per folder and one ``stat`` per file, made relative to the folder's
    descriptor: this runs at every scan against an index, over every archive file, so
    it builds no ``Path`` and no full path per plain file (the ``stat`` is about 3.5 µs
    of the 4 µs a file takes, on this project's loaded 2-core machine). A file that
    cannot be stat'ed gets size and mtime -1 (it is read, and fails, as a scan would).
    """
    suffixes = SUFFIXES - {""}
    top = os.fspath(root)
    real = os.path.realpath(top)
    found: dict[str, tuple[int, int]] = {}
    stack = [(top, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            with os.scandir(fd) as entries:
                listed = list(entries)
            for entry in listed:
                name = entry.name
                if name[0] == ".":
                    continue
                dot = name.rfind(".")
                wanted = dot > 0 and name[dot:].lower() in suffixes
                if wanted and entry.is_file(follow_symlinks=False):  # a plain article file: most of them
                    try:
                        st = entry.stat(follow_symlinks=False)
                        found[prefix + name] = (st.st_size, st.st_mtime_ns)
                    except OSError:
                        found[prefix + name] = (-1, -1)
                else:
                    _other_entry(entry, os.path.join(folder, name), prefix, wanted, real, stack, found)
        except OSError:
            continue
        finally:
            os.close(fd)
    return found


def _other_entry(entry, path: str, prefix: str, wanted: bool, real: str, stack: list, found: dict) -> None:
    """``listing`` of one entry that is not a plain article file: a folder to walk (not a symlinked one), a
    symlinked file leading inside the folder, or an article file of another kind (a FIFO)."""
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False
    if is_dir:
        if not entry.is_symlink():
            stack.append((path, f"{prefix}{entry.name}/"))
        return
    if not wanted:
        return
    if entry.is_symlink() and not _inside(os.path.realpath(path), real):
        return  # a scan leaves it out too (or reads it only with --follow-symlinks: no index then)
    try:
        st = os.stat(path)
        found[prefix + entry.name] = (st.st_size, st.st_mtime_ns)
    except OSError:
        found[prefix + entry.name] = (-1, -1)


def update(root: Path, settings: Settings, rules, lex, embedder, warnings: list[str]) -> Updated | None:
    """Bring the index of the folder ``root`` up to date (see the module docstring); ``embedder`` encodes.

    None (and one warning) when the index file cannot be used: the caller then fills
    the embedding cache as it did before indexes existed."""
    done = Updated()
    store = open_store(ArchiveStore, index_path(root, settings.cache_root()), warnings)
    if store is None:
        return None
    try:
        ctx = context(settings, rules, lex, embedder.cache_key)
        if store.context() != ctx:
            store.clear()  # built by other code, rules or model: no record can be reused
        files = listing(root)
        known, sound = store.stats(), store.all_records()
        reading = _Reading(rules, lex, settings)
        upserts: dict[str, Record] = {}
        for rel in sorted(files):
            size, mtime = files[rel]
            old = known.get(rel)
            if not (old and old[:2] == (size, mtime) and rel in sound):
                path = Path(os.path.join(os.fspath(root), *rel.split("/")))
                upserts[rel] = reading.record(rel, path, (size, mtime), old, sound.get(rel))
        done.texts = sorted(reading.texts)
        reading.finish(upserts, embedder)
        removed = sorted(set(known) - set(files))
        records = {rel: Record.loads(rel, known[rel], *sound[rel]) for rel in files if rel not in upserts}
        records.update(upserts)
        derived, terms, stories = derive(records, story_params(lex, settings), lex.story_stopwords, embedder)
        upserted = {rel: (r.stat, *r.dumps()) for rel, r in upserts.items()}
        # the rows hold ``files``' stats: a scan that lists the same files, in the same order, finds it fresh
        done.written = store.write(ctx, upserted, removed, terms, derived, stories, stat_digest(files))
        done.files, done.removed, done.read = len(files), len(removed), reading.read
        done.documents = sum(r.problem is None for r in records.values())
        done.stories = len(json.loads(derived["stories"]))
        for r in records.values():
            if r.problem:
                (done.errors if r.problem[1] else done.warnings).append(r.problem[0])
        done.warnings += reading.warnings
    finally:
        store.close()
        warnings.extend(store.warnings)
    return done


class _Reading:
    """The files read in one update: their records, waiting for one batch of vectors, and the texts to encode."""

    def __init__(self, rules, lex, settings: Settings) -> None:
        from ..extract.claims import ClaimExtractor

        self.reader, self.extractor = _Reader(rules), ClaimExtractor(lex.claims)
        self.lex, self.settings = lex, settings
        self.texts: set[str] = set()
        self.parsed: dict[str, tuple] = {}  # relative path -> (document, sentences, names)
        self.read = 0

    @property
    def warnings(self) -> list[str]:
        return self.reader.warnings

    def record(self, rel: str, path: Path, stat: tuple[int, int], old: Stat | None, sound) -> Record:
        """A new or changed file's record; one with only a new stat when its bytes are unchanged; a problem's
        record when a scan would not analyse it."""
        size, mtime = stat
        try:
            source = read_source(path, self.settings.max_file_size)
        except InputError as exc:
            p = problem(path.as_posix(), exc, False)
            return Record(rel, (size, mtime, ""), problem=(p.line, p.is_error))
        if old and sound and old[2] == source.sha256:
            return Record.loads(rel, (size, mtime, source.sha256), *sound)
        self.read += 1
        try:
            doc = self.reader.read(source)
            sentences, names = parse(doc, self.lex, self.settings.max_sentence_length)
        except Exception as exc:  # per-document isolation, as a scan's read stage
            p = problem(source.display, exc, False)
            return Record(rel, (size, mtime, source.sha256), problem=(p.line, p.is_error))
        self.parsed[rel] = (doc, sentences, names)
        # What a scan of this file would encode: its sentences and its claim phrases (``pipeline.archive_texts``).
        phrases = {c.phrase for s in sentences for c in self.extractor.sentence_claims(s) if c.phrase}
        self.texts.update(normalise(t) for t in [*(s.text for s in sentences), *phrases])
        return Record(rel, (size, mtime, source.sha256))

    def finish(self, upserts: dict[str, Record], embedder) -> None:
        """Encode the texts of the files read (filling the embedding cache); give each new record its vectors."""
        ordered = sorted(self.texts)
        vectors = dict(zip(ordered, embedder.encode(ordered))) if ordered else {}
        dim = len(next(iter(vectors.values()))) if vectors else DIM
        for rel, (doc, sentences, names) in self.parsed.items():
            rows = np.stack([vectors[normalise(s.text)] for s in sentences]) if sentences else None
            if rows is None:
                rows = np.zeros((0, dim), dtype=np.float32)
            record = record_of(rel, upserts[rel].stat, doc, sentences, names, rows, self.lex.story_stopwords)
            if not sentences:
                record.centroid = np.zeros(dim, dtype=np.float32)
            upserts[rel] = record


def derive(records: dict[str, Record], params: dict, stopwords, embedder):
    """From the records alone: the blobs a scan loads whole (by name), the term counts, and each story's names
    and sentence vectors (from ``embedder``: its cache holds them all after the update's encoding)."""
    docs = sorted(rel for rel, r in records.items() if r.problem is None)
    dim = next((len(records[d].centroid) for d in docs), DIM)
    centroids = (
        np.stack([np.asarray(records[d].centroid, dtype=np.float32) for d in docs])
        if docs
        else np.zeros((0, dim), dtype=np.float32)
    )
    profiles = [
        Profile(d, Counter(records[d].entities), Counter(records[d].words), records[d].day) for d in docs
    ]
    stories = StoryGrouper(params).group(profiles, centroids)
    blobs, unique = _story_vectors(stories, records, embedder)
    terms: dict[str, list[int]] = {}
    for d in docs:
        for t in records[d].entities:
            terms.setdefault(t, [0, 0])[0] += 1
        for t in records[d].words:
            terms.setdefault(t, [0, 0])[1] += 1
    row = {d: i for i, d in enumerate(docs)}
    story_rows = np.zeros(len(docs), dtype="<i4")
    for i, story in enumerate(stories):
        story_rows[[row[d] for d in story]] = i
    derived = {
        "shape": dumps({"dim": dim, "docs": len(docs), "sentences": unique}),
        "docs": dumps(docs),
        "centroids": centroids.astype(np.float32).tobytes(),
        "stories": dumps(
            stories
        ),  # read by nothing a scan does: a scan finds a story's members by ``story_rows``
        "story_rows": story_rows.tobytes(),  # each article's story, in ``docs`` order
    }
    return derived, {t: (e, w) for t, (e, w) in terms.items()}, blobs


def _story_vectors(stories: list[list[str]], records: dict[str, Record], embedder):
    """Each story's names and its unique sentences' vectors (float32 bytes, rows in text order); the number of
    unique sentences in the archive."""
    names: list[set[str]] = [set() for _ in stories]
    texts: list[set[str]] = [set() for _ in stories]
    for i, story in enumerate(stories):
        for d in story:
            for text, found in zip(records[d].sentences, records[d].names):
                names[i].update(found)
                texts[i].add(text)
    unique = sorted(set().union(*texts)) if texts else []
    vectors = dict(zip(unique, embedder.encode(unique))) if unique else {}
    blobs = [
        (
            names[i],
            np.stack([vectors[t] for t in sorted(texts[i])]).astype(np.float32).tobytes()
            if texts[i]
            else b"",
        )
        for i in range(len(stories))
    ]
    return blobs, len(unique)
