"""Choose the clustering threshold by measurement on the seeds.

For each threshold, cluster the seed sentences and score the cross-source pairs
that land in one cluster against the hand-labelled pairs in seeds-pairs.json:
precision, recall and F1. Run: .venv/bin/python benchmarks/threshold.py
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.group.cluster import group  # noqa: E402
from factcheck.config import Settings  # noqa: E402
from factcheck.model.embed import Embedder  # noqa: E402
from factcheck.ingest.discover import discover  # noqa: E402
from factcheck.ingest.read import read_documents  # noqa: E402
from factcheck.ruleset import rule_set  # noqa: E402
from factcheck.extract.sentences import split  # noqa: E402


def main() -> None:
    settings = Settings()
    docs = read_documents(
        discover([str(ROOT / "seeds")], settings.max_file_size), rule_set(settings)
    ).documents
    sentences = [s for d in docs for s in split(d)]
    vectors = Embedder().encode([s.text for s in sentences])
    labels = json.loads((ROOT / "benchmarks" / "seeds-pairs.json").read_text())["same"]

    def find(side):
        prefix, piece = side
        hits = {
            i
            for i, s in enumerate(sentences)
            if s.doc.name.startswith(prefix) and piece in " ".join(s.text.split())
        }
        if not hits:
            raise SystemExit(f"label not found: {side}")
        return hits

    # A labelled pair is one claim; copies of a sentence (a duplicated passage) are the same sentence.
    gold = set()
    for a, b in labels:
        for i in find(a):
            for j in find(b):
                gold.add((min(i, j), max(i, j)))
    texts = {}
    for i, s in enumerate(sentences):
        texts.setdefault((s.doc.path, s.text), i)
    canon = [texts[(s.doc.path, s.text)] for s in sentences]

    def canonical(pairs):
        return {(min(canon[i], canon[j]), max(canon[i], canon[j])) for i, j in pairs}

    gold = canonical(gold)
    print("| threshold | clusters spanning 2+ sources | predicted pairs | precision | recall | F1 |")
    print("|---|---|---|---|---|---|")
    for t in [0.55, 0.6, 0.65, 0.7, 0.72, 0.75, 0.78, 0.8, 0.85, 0.9]:
        groups = group(vectors, threshold=t, floor=min(0.6, t))
        pred = set()
        cross = 0
        for g in groups:
            docs_in = {sentences[i].doc.path for i in g}
            cross += len(docs_in) > 1
            for i, j in combinations(g, 2):
                if sentences[i].doc.path != sentences[j].doc.path:
                    pred.add((i, j))
        pred = canonical(pred)
        tp = len(pred & gold)
        p = tp / len(pred) if pred else 1.0
        r = tp / len(gold)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {t:.2f} | {cross} | {len(pred)} | {p:.2f} | {r:.2f} | {f:.2f} |")


if __name__ == "__main__":
    main()
