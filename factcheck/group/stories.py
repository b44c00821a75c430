"""Documents -> stories: event clustering, after the news-stream clustering literature.

A story is one event as several outlets report it (Topic Detection and Tracking:
an event is a topic within a time window). Each document gets a profile
(Miranda et al., "Multilingual Clustering of Streaming News", EMNLP 2018):

- its named entities and its content words, each weighted by TF-IDF over the
  scanned corpus, so that a name every story carries ("Reuters", "the Interior
  Ministry") weighs almost nothing;
- the mean of its sentence vectors (already computed for the claims);
- its day: the publication date, else the full dates its text names.

Two documents' similarity mixes entity overlap, word overlap and the dense
centroid, and is damped by a time kernel, so that two same-kind events months
apart do not meet however alike their casualty wording. Grouping is average
linkage over a sparse candidate graph (pairs that share a rare entity or word,
or are near neighbours by their vectors): a pair never compared counts as
similarity 0, so one article that bridges two stories is averaged against all of
both, and cannot chain them together. A document may stay alone.

Every parameter is in ``rules/stories.yaml``.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..extract.dates import full_dates
from ..extract.names import proper_names
from ..groups import components
from ..rules import LEXICON_TYPES

_WORD = re.compile(r"[^\W\d_]{3,}")

DEFAULTS = LEXICON_TYPES["stories"]  # every parameter is explained in rules/stories.yaml


@dataclass
class Profile:
    """What story grouping knows of one document."""

    path: str
    entities: Counter = field(default_factory=Counter)
    words: Counter = field(default_factory=Counter)
    day: int | None = None  # proleptic ordinal of the document's date


def document_day(date: str | None, text: str) -> int | None:
    """The document's day: its publication date, else the median of the full dates its text names."""
    if date:
        try:
            return _dt.date.fromisoformat(date[:10]).toordinal()
        except ValueError:
            pass
    days = []
    for t in full_dates(text):
        try:
            days.append(_dt.date(t.value.year, t.value.month, t.value.day).toordinal())
        except (TypeError, ValueError):
            continue
    days.sort()
    return days[len(days) // 2] if days else None


def content_words(text: str, stopwords: frozenset[str]) -> Counter:
    """Lower-cased words of 3+ letters that are not stopwords, with a plural 's' folded."""
    out: Counter = Counter()
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if w in stopwords:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out[w] += 1
    return out


def _tfidf(bags: list[Counter], prior: float) -> list[dict[str, float]]:
    """Sublinear TF times smoothed IDF, L2-normalised, one dict per document.

    A term no other document holds is left out: it can match nothing, and would
    only lower the similarity of a long article to every other."""
    n = len(bags)
    df: Counter = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {t: math.log((n + prior) / (d + 1.0)) for t, d in df.items()}
    out = []
    for bag in bags:
        vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in bag.items() if idf[t] > 0 and df[t] > 1}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({t: v / norm for t, v in vec.items()})
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def time_factor(a: int | None, b: int | None, grace: float, scale: float) -> float:
    """1 within ``grace`` days (or when either day is unknown), then falling by e every ``scale`` days."""
    if a is None or b is None:
        return 1.0
    gap = abs(a - b) - grace
    return 1.0 if gap <= 0 else math.exp(-gap / scale)


class StoryGrouper:
    """Average-linkage event clustering of document profiles (see the module docstring)."""

    def __init__(self, params: dict | None = None):
        p = {**DEFAULTS, **(params or {})}
        p["weights"] = {**DEFAULTS["weights"], **(p.get("weights") or {})}
        self.p = p

    def candidates(self, ent: list[dict], words: list[dict], centroids: np.ndarray) -> set[tuple[int, int]]:
        """Pairs worth comparing: a shared term that is not common, or dense nearest neighbours.

        A term held by more than ``common_share`` of the documents, or by more than
        ``max_term_documents``, makes no pairs (it still counts in the similarity), so the pairs
        grow with the documents, not as n²; documents of one story that share no rare term still
        meet as dense neighbours."""
        n = len(ent)
        cap = max(2, min(int(self.p["common_share"] * n), int(self.p["max_term_documents"])))
        pairs: set[tuple[int, int]] = set()
        for vecs in (ent, words):
            holders: dict[str, list[int]] = {}
            for i, vec in enumerate(vecs):
                for t in vec:
                    holders.setdefault(t, []).append(i)
            for docs in holders.values():
                if len(docs) > cap:
                    continue
                for x, a in enumerate(docs):
                    for b in docs[x + 1 :]:
                        pairs.add((a, b))
        k = int(self.p["neighbours"])
        if n > 1 and k > 0:
            from .cluster import hnsw_edges, neighbour_edges

            # Exact neighbours up to ann_min documents (reproducible to the last pair); past that an HNSW
            # index keeps the dense candidates near-linear in the archive (benchmarks/STORIES.md).
            find = hnsw_edges if n >= int(self.p["ann_min"]) else neighbour_edges
            i, j, _ = find(centroids, float(self.p["dense_floor"]), k=min(k, n - 1))
            pairs.update((int(min(a, b)), int(max(a, b))) for a, b in zip(i, j) if a != b)
        return pairs

    def similarity(self, ent, words, centroids, days, a: int, b: int) -> float:
        w = self.p["weights"]
        floor = float(self.p["dense_floor"])
        dense = float(centroids[a] @ centroids[b])
        dense = max(0.0, (dense - floor) / (1.0 - floor))
        s = w["entities"] * _cos(ent[a], ent[b]) + w["words"] * _cos(words[a], words[b]) + w["dense"] * dense
        kernel = time_factor(
            days[a], days[b], float(self.p["time_grace_days"]), float(self.p["time_scale_days"])
        )
        floor = float(self.p["time_floor"])
        return s * (floor + (1.0 - floor) * kernel)

    def group(self, profiles: list[Profile], centroids: np.ndarray) -> list[list[str]]:
        """Stories as sorted lists of paths, sorted; every document is in exactly one."""
        n = len(profiles)
        if n == 0:
            return []
        prior = float(self.p["prior_documents"])
        ent = _tfidf([p.entities for p in profiles], prior)
        words = _tfidf([p.words for p in profiles], prior)
        days = [p.day for p in profiles]
        sims: dict[tuple[int, int], float] = {}
        for a, b in sorted(self.candidates(ent, words, centroids)):
            s = self.similarity(ent, words, centroids, days, a, b)
            if s > 0:
                sims[(a, b)] = s
        return sorted(
            sorted(profiles[i].path for i in members)
            for members in average_linkage(n, sims, float(self.p["threshold"]))
        )


def average_linkage(n: int, sims: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Groups of ``range(n)`` by average linkage (UPGMA) over a sparse similarity graph.

    A pair missing from ``sims`` has similarity 0. Two groups merge while the mean
    similarity over all their cross pairs is at least ``threshold``; ties break on
    the smallest members, so the result does not depend on the order of ``sims``.
    """
    size = [1] * n
    total: list[dict[int, float]] = [dict() for _ in range(n)]  # summed cross similarity between live groups
    for (a, b), s in sims.items():
        total[a][b] = total[a].get(b, 0.0) + s
        total[b][a] = total[b].get(a, 0.0) + s
    members = {i: [i] for i in range(n)}
    heap = [(-s, a, b) for (a, b), s in sims.items() if s >= threshold]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        mean = total[a].get(b, 0.0) / (size[a] * size[b])
        if abs(mean + neg) > 1e-12:  # stale entry: the groups changed since it was pushed
            continue
        # merge b into a
        alive[b] = False
        members[a] += members.pop(b)
        for c, s in total[b].items():
            if c == a:
                continue
            total[a][c] = total[a].get(c, 0.0) + s
            total[c][a] = total[c].get(a, 0.0) + s
            total[c].pop(b, None)
        total[a].pop(b, None)
        total[b] = {}
        size[a] += size[b]
        for c, s in total[a].items():
            m = s / (size[a] * size[c])
            if m >= threshold:
                heapq.heappush(heap, (-m, min(a, c), max(a, c)))
    return sorted((sorted(m) for m in members.values()), key=lambda g: g[0])


def profiles_of(documents, sentences, names: dict, stopwords: frozenset[str]) -> list[Profile]:
    """One profile per document (in ``documents`` order) from its sentences and their name keys."""
    by_doc: dict[str, list] = {}
    for s in sentences:
        by_doc.setdefault(s.doc.path, []).append(s)
    out = []
    for doc in documents:
        own = by_doc.get(doc.path, [])
        entities: Counter = Counter()
        for s in own:
            entities.update(names.get(s.key, ()))
        text = " ".join(s.text for s in own)
        out.append(Profile(doc.path, entities, content_words(text, stopwords), document_day(doc.date, text)))
    return out


def centroids_of(documents, sentences, vectors: np.ndarray) -> np.ndarray:
    """Each document's mean sentence vector, unit length (zero for a document without sentences)."""
    index = {d.path: i for i, d in enumerate(documents)}
    width = vectors.shape[1] if vectors.ndim == 2 and len(vectors) else 1
    out = np.zeros((len(documents), width), dtype=np.float32)
    for s, v in zip(sentences, vectors):
        out[index[s.doc.path]] += v
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    return out


def group_stories(
    documents, sentences, vectors: np.ndarray, names: dict, params: dict, stopwords: frozenset[str]
) -> list[list[str]]:
    """Stories (sorted lists of document paths, sorted) for the documents of one scan."""
    documents = sorted(documents, key=lambda d: d.path)
    return StoryGrouper(params).group(
        profiles_of(documents, sentences, names, stopwords), centroids_of(documents, sentences, vectors)
    )


def label(story: list[str], documents, sentences, vocab, top: int = 3) -> str:
    """A story's label: the proper names most of its documents carry, and its date range.

    "Nurtleu, Lukashenko, Minsk · 2024-02-23 – 2024-08-23". Names are counted once per
    document, in the spelling the story uses most; ties break alphabetically."""
    paths = set(story)
    per_name: dict[str, Counter] = {}
    for s in sentences:
        if s.doc.path not in paths:
            continue
        for tok in proper_names(s.text, vocab):
            per_name.setdefault(tok.text.rstrip("."), Counter())[s.doc.path] += 1
    ranked = sorted(per_name.items(), key=lambda kv: (-len(kv[1]), -sum(kv[1].values()), kv[0]))
    names = [name for name, _ in ranked[:top]]
    days = sorted(
        d for d in (document_day(doc.date, "") for doc in documents if doc.path in paths) if d is not None
    )
    span = ""
    if days:
        first, last = (_dt.date.fromordinal(d).isoformat() for d in (days[0], days[-1]))
        span = first if first == last else f"{first} – {last}"
    return " · ".join(part for part in (", ".join(names), span) if part) or "(no names or dates)"


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


def kept(grouped: list[list[str]], documents: list, sentences: list, vectors):
    """The documents, sentences and sentence vectors of the stories in ``grouped`` (``joined_stories``), in their order."""
    keep = {p for story in grouped for p in story}
    rows = [i for i, s in enumerate(sentences) if s.doc.path in keep]
    documents = [d for d in documents if d.path in keep]
    sentences = [sentences[i] for i in rows]
    return documents, sentences, vectors[rows]
