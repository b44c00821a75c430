"""``Corpus.told_alike_any``: one matrix product answers what ``told_alike`` answers pair by pair."""

import numpy as np

from factcheck.models import Cluster, Corpus, Document, Sentence


def corpus_of(vectors: np.ndarray, docs: int, clustered: list[list[int]]) -> Corpus:
    documents = [Document(f"d{k}.txt", "", "") for k in range(docs)]
    sentences = [Sentence(documents[i % docs], i // docs, 0, 0, f"s{i}", 0) for i in range(len(vectors))]
    clusters = [Cluster(n, [sentences[i] for i in rows]) for n, rows in enumerate(clustered)]
    return Corpus(documents, sentences, clusters, [], None, vectors=vectors)


def test_told_alike_any_is_any_told_alike():
    rng = np.random.default_rng(3)
    for trial in range(40):
        n = int(rng.integers(2, 60))
        v = rng.normal(size=(n, 8)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        v[1] = v[0]  # an exact tie with the threshold below, for a pair of two documents
        corpus = corpus_of(
            v, int(rng.integers(1, 5)), [list(rng.choice(n, 3, replace=False))] if trial % 2 else []
        )
        threshold = float(v[0] @ v[1]) if trial % 3 == 0 else float(rng.uniform(0.3, 0.9))
        xs = [corpus.sentences[i] for i in rng.choice(n, int(rng.integers(1, n)), replace=False)]
        ys = [corpus.sentences[i] for i in rng.choice(n, int(rng.integers(1, n)), replace=False)]
        pairwise = any(corpus.told_alike(x, y, threshold) for x in xs for y in ys if x.doc.path != y.doc.path)
        assert corpus.told_alike_any(xs, ys, threshold) == pairwise
    assert not corpus_of(v, 1, []).told_alike_any(xs, ys, -1.0)  # one document: no pair to tell
