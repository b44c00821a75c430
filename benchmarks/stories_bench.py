"""Story grouping at archive size: time, growth, B-cubed F1 and peak memory (``make bench``).

Articles are generated as profiles (the input of ``factcheck.group.stories``): each
story has its own few proper names, a place, a kind of event (floods, blasts,
quakes, elections ... sharing their wording across stories of that kind), a date
in a two-year window and a vector near its kind's centre; every article also
carries generic names (a news agency, a ministry, a relief agency) that every
story shares. The hard part is the same-kind stories: alike in words and vectors,
apart in names and dates.

    .venv/bin/python benchmarks/stories_bench.py [--sizes 1000 10000 100000] [--out benchmarks]

It also measures the case of issue 22 r16: 20,000 tiny articles with no proper
names, whose links once grew as n^2 (peak memory is reported; the goal is 2 GB).
Times on a shared 2-core machine are noise; compare the growth ratio
time(10n)/time(n) (near-linear is about 10) within one run.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from factcheck.group.stories import Profile, StoryGrouper  # noqa: E402

KINDS = ["flood", "blast", "quake", "election", "sentence", "crash", "storm", "fire"]
GENERIC = ["Reuters", "Interior Ministry", "Red Crescent", "United Nations"]
DAY0 = 738000  # an ordinal in 2021


def generate(n_articles: int, per_story: int = 5, dim: int = 64, seed: int = 0):
    """(profiles, centroids, truth): ``n_articles`` articles in stories of ``per_story``."""
    rng = np.random.default_rng(seed)
    kind_centres = rng.normal(size=(len(KINDS), dim))
    kind_centres /= np.linalg.norm(kind_centres, axis=1, keepdims=True)
    profiles, vectors, truth = [], [], {}
    n_stories = max(1, n_articles // per_story)
    for s in range(n_stories):
        kind = s % len(KINDS)
        names = [f"Name{s}a", f"Name{s}b", f"Place{s}"]
        day = DAY0 + int(rng.integers(0, 730))
        story_centre = kind_centres[kind] + 0.35 * rng.normal(size=dim) / np.sqrt(dim) * np.sqrt(dim) / 4
        for a in range(per_story):
            path = f"s{s:06d}-a{a}.txt"
            ents = Counter({n: int(rng.integers(1, 4)) for n in names if rng.random() < 0.85})
            ents.update(rng.choice(GENERIC, size=2, replace=False).tolist())
            words = Counter({f"{KINDS[kind]}-word{w}": 1 for w in range(6)})
            words.update({f"story{s}-word{w}": 1 for w in range(3) if rng.random() < 0.7})
            vec = story_centre + 0.25 * rng.normal(size=dim) / np.sqrt(dim) * 4
            profiles.append(Profile(path, ents, words, day + int(rng.integers(0, 3))))
            vectors.append(vec / np.linalg.norm(vec))
            truth[path] = s
    return profiles, np.asarray(vectors, dtype=np.float32), truth


def tiny(n: int, dim: int = 64, seed: int = 1):
    """``n`` tiny articles with no proper names and one shared word (issue 22 r16)."""
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, dim)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return [Profile(f"t{i:06d}.txt", Counter(), Counter({"report": 1}), None) for i in range(n)], v


def bcubed(groups: list[list[str]], truth: dict) -> float:
    """B-cubed F1, computed per cluster and per true story (linear in the articles)."""
    cluster_of = {p: i for i, g in enumerate(groups) for p in g}
    size_cluster = Counter(cluster_of.values())
    size_story = Counter(truth.values())
    both = Counter((cluster_of[p], truth[p]) for p in cluster_of)
    prec = sum(n * n / size_cluster[c] for (c, _), n in both.items()) / len(cluster_of)
    rec = sum(n * n / size_story[s] for (_, s), n in both.items()) / len(cluster_of)
    return 2 * prec * rec / (prec + rec)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(sizes: list[int], tiny_n: int) -> dict:
    rows = []
    grouper = StoryGrouper()
    for n in sizes:
        profiles, vectors, truth = generate(n)
        start = time.perf_counter()
        groups = grouper.group(profiles, vectors)
        seconds = time.perf_counter() - start
        rows.append(
            {
                "articles": n,
                "seconds": round(seconds, 3),
                "stories": len(groups),
                "true_stories": len(set(truth.values())),
                "bcubed_f1": round(bcubed(groups, truth), 4),
                "peak_mb": round(peak_mb(), 1),
            }
        )
        print(rows[-1], flush=True)
    for a, b in zip(rows, rows[1:]):
        b["growth"] = round(b["seconds"] / a["seconds"], 2) if a["seconds"] else None
        b["size_ratio"] = b["articles"] / a["articles"]
    out = {"grouping": rows}
    if tiny_n:
        profiles, vectors = tiny(tiny_n)
        before = peak_mb()
        start = time.perf_counter()
        groups = grouper.group(profiles, vectors)
        out["tiny"] = {
            "articles": tiny_n,
            "seconds": round(time.perf_counter() - start, 3),
            "stories": len(groups),
            "peak_mb": round(peak_mb(), 1),
            "peak_mb_before": round(before, 1),
        }
        print(out["tiny"], flush=True)
    return out


def write(results: dict, out: Path) -> None:
    lines = [
        "# Story grouping at archive size",
        "",
        "Command: `.venv/bin/python benchmarks/stories_bench.py` (also run by `make bench`). One run on a shared 2-core",
        "machine: read the growth ratio, not the seconds. Generated articles in stories of five, eight kinds of event",
        "sharing their wording, generic names in every article (see the module docstring).",
        "",
        "| articles | seconds | growth vs previous row | stories found / true | B-cubed F1 | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results["grouping"]:
        growth = f"{r['growth']}× for {r['size_ratio']:.0f}× the articles" if r.get("growth") else "-"
        lines.append(
            f"| {r['articles']:,} | {r['seconds']} | {growth} | {r['stories']:,} / {r['true_stories']:,} | "
            f"{r['bcubed_f1']} | {r['peak_mb']} |"
        )
    if "tiny" in results:
        t = results["tiny"]
        lines += [
            "",
            f"Tiny articles with no proper names (issue 22 r16): {t['articles']:,} grouped in {t['seconds']} s into "
            f"{t['stories']:,} stories; peak RSS of the whole run {t['peak_mb']} MB (goal: at most 2,048 MB).",
        ]
    (out / "STORIES.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "stories.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    p.add_argument("--tiny", type=int, default=20000, help="tiny articles without names (0: skip)")
    p.add_argument("--out", type=Path, default=HERE)
    args = p.parse_args(argv)
    results = run(args.sizes, args.tiny)
    write(results, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
