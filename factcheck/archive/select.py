"""A scan against a fresh archive index: which archive articles a draft needs, without reading the archive.

``open_index`` decides whether the index can stand in for the archive. It must be
fresh: built under the same code, rules and model (its context), and holding
exactly the files the folder holds now, each with the size and mtime it had when
it was read. That is one directory walk and one ``stat`` per file, about 0.1 s per
10,000 files on a warm file system, where reading and hashing every file would cost
their bytes, compared as one digest with the one the index wrote (``stat_digest``). The trade-off: an edit that keeps a file's size and its mtime (to the
nanosecond, or to the file system's granularity) goes unseen until the next
``factcheck index``; ``touch`` or any editor's save changes the mtime. A stale index is one
warning, and the scan reads the archive in full, as without an index.

``Index.select`` then finds the stories a scan's grouping would analyse with each
draft (``group.stories.joined_stories``), from the index:

- the stories one of the draft's sentences joins: an archive sentence at least
  ``threshold`` alike in a story that names one of the names the draft's sentence
  names. The index lists the stories naming each name, so only those stories'
  sentence vectors are read, and compared exactly (an inner product with each);
- the story the draft itself would be grouped into: the archive story whose
  articles are, on average, at least the story threshold alike with the draft,
  by the grouping's own similarity and weights (``StoryGrouper.similarity``),
  names and words weighted over the archive and the drafts. Candidates are the
  stories of the draft's nearest articles by mean vector and of the stories its
  sentences join; a pair the grouping would not compare counts 0, as there.

It differs from grouping the archive with the draft in one way: the archive's
stories are the ones grouped without the draft, and a draft that would bridge two
of them, or draw one article out of its story, is not seen doing so.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from pathlib import Path

import numpy as np

from ..cache import open_store
from ..groups import components
from ..group.stories import Profile, StoryGrouper, centroids_of, profiles_of
from .build import context, listing, story_params
from .records import Record
from .store import ArchiveStore, index_path, stat_digest


class Damaged(Exception):
    """A record the selection needs does not match its hash: the scan reads the archive in full instead."""


def open_index(against: list[str], drafts: list[str], settings, rules, lex, model_key: str, warnings: list):
    """The index standing in for the one archive folder ``against`` names, when it exists and is fresh; else None.

    A missing index is no warning (the scan is what it was without one); a stale or
    unreadable one is one warning line. ``drafts`` (the scanned paths) inside the
    archive are left out of the comparison: a draft is read as a draft either way.
    """
    if len(against) != 1 or not Path(against[0]).is_dir():
        return None
    root = Path(against[0])
    where = index_path(root, settings.cache_root())
    if not where.exists():
        return None
    store = open_store(ArchiveStore, where, warnings)
    if store is None:
        return None
    index = Index(root, store, story_params(lex, settings), lex.story_stopwords)
    why = index.stale(context(settings, rules, lex, model_key), drafts)
    if why:
        warnings.append(
            f"archive index of {root.as_posix()} is out of date ({why}); the archive is read in full "
            f"(factcheck index {root.as_posix()} brings it up to date)"
        )
        store.close()
        warnings.extend(store.warnings)
        return None
    return index


class Index:
    """One archive folder's index, open for a scan."""

    def __init__(self, root: Path, store: ArchiveStore, params: dict, stopwords: frozenset) -> None:
        self.root, self.store, self.params, self.stopwords = root, store, params, stopwords
        self.excluded: set[str] = set()  # drafts inside the archive: never archive evidence here
        self.embedder = None  # the scan's encoder (scan.py opens it; closed with the index)
        self.loaded = None  # the scan's rules and lexicons, as scan.py loaded them to open the index
        self.noted: list[str] = []  # the encoder's warnings the report already carries
        self.damaged = False  # found damaged while selecting: the scan read the archive in full instead

    def generation(self) -> str | None:
        return self.store.generation()

    def close(self) -> list[str]:
        """Close the index (and the scan's encoder, when one was given to it); their warnings."""
        self.store.close()
        if self.embedder is None:
            return self.store.warnings
        self.embedder.close()
        return [*self.store.warnings, *(w for w in self.embedder.warnings if w not in self.noted)]

    def stale(self, ctx: str, drafts: list[str]) -> str | None:
        """Why the index cannot stand in for the folder now, or None."""
        held_ctx = self.store.context()
        if held_ctx is None:
            return (
                "it is empty"  # never written, or damaged and moved aside (Store says so in its own warning)
            )
        if held_ctx != ctx:
            return "built by another version of factcheck, rules or model"
        root = os.path.realpath(self.root)
        for d in drafts:
            rel = os.path.relpath(os.path.realpath(d), root)
            if not rel.startswith(os.pardir) and not os.path.isabs(rel):
                self.excluded.add(Path(rel).as_posix())
        now = listing(self.root)
        # The folder as the index holds it (one digest, written with the rows): the rows are read only to count
        # what changed, or when a draft inside the archive was edited (a draft is no archive file here).
        if stat_digest(now) != self.store.listed():
            held = self.store.stats(with_sha256=False)
            changed = sum(
                1 for rel, stat in now.items() if held.get(rel) != stat and rel not in self.excluded
            )
            changed += sum(1 for rel in held if rel not in now and rel not in self.excluded)
            if changed:
                return f"{changed} file(s) added, changed or removed since it was built"
        self._load()
        return None if self.docs is not None else "its tables are damaged"

    def _load(self) -> None:
        """The derived blobs a scan reads, checked against their hashes; ``docs`` stays None if one is bad. The
        mean vectors are checked when first used (``centroids``), or in a thread from ``preload`` on."""
        self.docs = None
        blobs = {n: self.store.derived(n) for n in ("shape", "docs", "story_rows")}
        beside = self.store.beside("centroids")
        if beside is None or any(b is None for b in blobs.values()):
            return
        shape = json.loads(blobs["shape"])
        dim, n = shape["dim"], shape["docs"]
        story_rows = np.frombuffer(blobs["story_rows"], dtype="<i4")
        docs = json.loads(blobs["docs"])
        if beside.size != 4 * n * dim or len(story_rows) != n or len(docs) != n:
            return
        self.dim = dim
        self._centroids: np.ndarray | None = None
        self._beside = beside
        self.story_rows = story_rows
        self.members: dict[int, list[str]] = {}
        self.docs = docs

    def preload(self) -> None:
        """Start reading and checking the mean vectors, while the scan reads and encodes its drafts."""
        if self.docs is not None:
            self._beside.start()

    @property
    def centroids(self) -> np.ndarray:
        """Every article's mean vector, one row each in ``docs`` order; ``Damaged`` if the file is not the one
        the index recorded (its sha256)."""
        if self._centroids is None:
            data = self._beside.read()
            if data is None:
                raise Damaged("the articles' mean vectors are damaged")
            self._centroids = np.frombuffer(data, dtype=np.float32).reshape(len(self.docs), self.dim)
        return self._centroids

    def story(self, i: int) -> list[str]:
        """Story ``i``'s articles, sorted (as ``StoryGrouper.group`` gives them): ``docs`` is sorted."""
        if i not in self.members:
            self.members[i] = [self.docs[r] for r in np.flatnonzero(self.story_rows == i)]
        return self.members[i]

    def display(self, rel: str) -> str:
        """The path a scan of the folder gives this file (``discover`` joins the folder given and the walk's names)."""
        return os.path.join(os.fspath(self.root), *rel.split("/"))

    def select(self, documents: list, sentences: list, vectors: np.ndarray, names: dict, threshold: float):
        """The groups to analyse, as display paths: each draft with the archive stories it joins, groups that
        share a story merged (``joined_stories``'s shape); and the archive files to read. Raises ``Damaged``
        (and keeps ``damaged`` set) when a record or story it needs does not match its hash."""
        try:
            return self._select(documents, sentences, vectors, names, threshold)
        except Damaged:
            self.damaged = True
            raise

    def _select(self, documents: list, sentences: list, vectors: np.ndarray, names: dict, threshold: float):
        by_doc: dict[str, list[int]] = {}
        for i, s in enumerate(sentences):
            by_doc.setdefault(s.doc.path, []).append(i)
        links: list[tuple[object, object]] = []
        node: dict[object, object] = {}  # one object per node: ``components`` tells items apart by identity
        profiles = profiles_of(documents, sentences, names, self.stopwords)
        centroids = centroids_of(documents, sentences, vectors)
        self.drafts = profiles
        for k, doc in enumerate(documents):
            rows = by_doc.get(doc.path, [])
            joined = self._sentence_joins(sentences, vectors, names, rows, threshold)
            own = self._own_story(profiles[k], centroids[k], joined)
            d = node.setdefault(("draft", doc.path), ("draft", doc.path))
            links.append((d, d))
            for story in sorted(joined | ({own} if own is not None else set())):
                links.append((d, node.setdefault(story, story)))
        groups, files = [], set()
        for group in components(links):
            paths = set()
            for item in group:
                if isinstance(item, tuple):
                    paths.add(item[1])
                else:
                    members = [r for r in self.story(item) if r not in self.excluded]
                    files.update(members)
                    paths.update(self.display(r) for r in members)
            groups.append(sorted(paths))
        return sorted(groups), sorted(files)

    def _sentence_joins(self, sentences, vectors, names, rows: list[int], threshold: float) -> set[int]:
        """The archive stories one of these draft sentences joins: alike, and naming one of the story's names.

        Only the stories that name one of the draft's names can be joined, so only their
        sentence vectors are read and compared (exactly: an inner product with each)."""
        named = [i for i in rows if names.get(sentences[i].key)]
        mentioned = sorted({n for i in named for n in names[sentences[i].key]})
        candidates = sorted(self.store.naming(mentioned)) if mentioned else []
        stories = self.store.stories(candidates) if candidates else {}
        if stories is None:
            raise Damaged("a story the draft names is damaged")
        joined: set[int] = set()
        for story in candidates:
            story_names, blob = stories[story]
            mine = [i for i in named if names[sentences[i].key] & story_names]
            if not mine or not blob:
                continue
            sims = np.frombuffer(blob, dtype=np.float32).reshape(-1, self.dim) @ vectors[mine].T
            if (sims >= threshold).any():
                joined.add(story)
        return joined

    def _weights(self, profiles: list[Profile]) -> dict:
        """Document frequencies of these profiles' terms over the archive and the drafts, and the corpus size."""
        terms = sorted({t for p in profiles for t in (*p.entities, *p.words)})
        ent, words = Counter(), Counter()
        for t, (e, w) in self.store.terms(terms).items():
            ent[t], words[t] = e, w
        for p in self.drafts:
            ent.update(p.entities.keys())
            words.update(p.words.keys())
        return {"entities": ent, "words": words, "n": len(self.docs) + len(self.drafts)}

    def _own_story(self, draft: Profile, centroid: np.ndarray, joined: set[int]) -> int | None:
        """The archive story the grouping would put the draft in (see the module docstring), or None."""
        k = int(self.params["neighbours"])
        near: set[str] = set()
        near_stories: set[int] = set()
        if k > 0 and len(self.centroids) and centroid.any():
            sims = self.centroids @ centroid
            top = np.argsort(-sims, kind="stable")[:k]
            rows = [i for i in top if sims[i] > float(self.params["dense_floor"])]
            near = {self.docs[i] for i in rows}
            near_stories = {int(self.story_rows[i]) for i in rows}
        candidates = sorted(joined | near_stories)
        if not candidates:
            return None
        members = sorted({d for s in candidates for d in self.story(s)})
        records = self.store.records(members)
        if len(records) < len(members):
            raise Damaged(f"{len(members) - len(records)} record(s) of the stories a draft joins are damaged")
        profiles, rows = [draft], [centroid]
        for d in members:
            r = Record.loads(d, (0, 0, ""), *records[d])
            profiles.append(Profile(d, Counter(r.entities), Counter(r.words), r.day))
            rows.append(r.centroid)
        weights = self._weights(profiles)
        sim = self._similarities(profiles, np.stack(rows).astype(np.float32), weights, near)
        best, best_mean = None, float(self.params["threshold"])
        for s in candidates:
            mean = sum(sim[d] for d in self.story(s)) / len(self.story(s))
            if mean >= best_mean and (best is None or mean > best_mean):
                best, best_mean = s, mean
        return best

    def _similarities(self, profiles: list[Profile], centroids: np.ndarray, weights: dict, near: set[str]):
        """The grouping's similarity of the draft (``profiles[0]``) with each other profile, 0 for a pair it would
        not compare (no shared term held by few articles, and not a near neighbour)."""
        grouper = StoryGrouper(self.params)
        prior = float(grouper.p["prior_documents"])
        n = weights["n"]
        cap = max(2, min(int(grouper.p["common_share"] * n), int(grouper.p["max_term_documents"])))
        ent = [_tfidf(p.entities, weights["entities"], n, prior) for p in profiles]
        words = [_tfidf(p.words, weights["words"], n, prior) for p in profiles]
        days = [p.day for p in profiles]
        out: dict[str, float] = {}
        for j in range(1, len(profiles)):
            shared = any(
                weights[kind][t] <= cap
                for kind, vecs in (("entities", ent), ("words", words))
                for t in vecs[0]
                if t in vecs[j]
            )
            compared = shared or profiles[j].path in near
            out[profiles[j].path] = grouper.similarity(ent, words, centroids, days, 0, j) if compared else 0.0
        return out


def _tfidf(bag: Counter, df: Counter, n: int, prior: float) -> dict[str, float]:
    """One document's TF-IDF vector as ``group.stories._tfidf`` computes it over a corpus of ``n`` documents."""
    vec = {}
    for t, c in bag.items():
        idf = math.log((n + prior) / (df[t] + 1.0))
        if idf > 0 and df[t] > 1:
            vec[t] = (1.0 + math.log(c)) * idf
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}
