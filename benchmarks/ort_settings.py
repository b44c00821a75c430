"""ONNX Runtime settings for the fp32 encoder, each timed against factcheck's own (issue 24, part 2).

factcheck's session: every graph optimisation at load (``ORT_ENABLE_ALL``), intra-op
threads = cores that sleep when idle (no spinning), one inter-op thread, batches of 64 sorted by
length and padded to each batch's longest (``factcheck.model.encoders.OnnxEncoder``).
Each variant changes one of those. The texts are the real sentences of the seeds,
the fixture corpus and the open coverage stories (never the sealed half).

The machine is shared, so absolute times drift: each variant is timed right after a
baseline run, three pairs in a row, and the median of the three ratios is kept.
Vectors are compared with the baseline's (largest absolute difference), so a
setting that changes what is computed shows here.

    .venv/bin/python benchmarks/ort_settings.py            # writes benchmarks/ORT.md and ort_settings.json
    .venv/bin/python benchmarks/ort_settings.py --sample 200 --out /tmp/ort
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from factcheck.cache.onnx import prepare  # noqa: E402
from factcheck.model.embed import Embedder  # noqa: E402
from factcheck.model.encoders import OnnxEncoder  # noqa: E402

PAIRS = 3  # baseline-then-variant pairs per setting; the median ratio is kept
# A setting counts as faster or slower only past this share: pairs on this machine scatter by a few percent.
NOISE = 0.05


def corpus_texts(sample: int) -> list[str]:
    """A fixed sample of the unique sentences of the seeds, the fixture corpus and the open coverage stories."""
    from bench import sentences_of  # the splitter a scan uses

    folders = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "corpus"] + sorted(
        p for p in (ROOT / "tests" / "fixtures" / "coverage").iterdir() if p.is_dir() and p.name != "sealed"
    )
    texts = sorted({t for folder in folders for t in sentences_of(folder)})
    rows = np.random.default_rng(0).choice(len(texts), min(sample, len(texts)), replace=False)
    return [texts[i] for i in sorted(rows)]


def variants(cores: int, saved: Path) -> list[tuple[str, dict, dict]]:
    """(what changes, OnnxEncoder keywords, encode keywords) for every setting measured."""
    return [
        ("graph optimisation: none (ORT_DISABLE_ALL)", {"optimization": "disable"}, {}),
        ("graph optimisation: basic", {"optimization": "basic"}, {}),
        ("graph optimisation: extended", {"optimization": "extended"}, {}),
        ("saved optimised graph, loaded without optimising", {"graph": saved, "optimization": "disable"}, {}),
        ("intra-op threads: 1", {"threads": 1}, {}),
        (f"intra-op threads: {cores}, idle threads spin (ONNX Runtime's default)", {"spinning": True}, {}),
        ("inter-op threads: 2, parallel execution", {"inter_threads": 2}, {}),
        ("batches in text order (each padded to its longest)", {}, {"by_length": False}),
        ("batch size 16", {}, {"batch_size": 16}),
        ("batch size 32", {}, {"batch_size": 32}),
        ("batch size 128", {}, {"batch_size": 128}),
        ("batch size 256", {}, {"batch_size": 256}),
    ]


def timed(encoder: OnnxEncoder, texts: list[str], **kw) -> tuple[float, float, np.ndarray]:
    """Wall and CPU seconds of one encode, and its vectors."""
    wall, cpu = time.perf_counter(), time.process_time()
    vectors = encoder.encode(texts, **kw)
    return time.perf_counter() - wall, time.process_time() - cpu, vectors


def measure(texts: list[str], work: Path) -> dict:
    """Every variant against the baseline session, as rows of ratios (variant / baseline; below 1 is faster)."""
    embedder = Embedder(cache_dir=work, use_cache=False)
    graph = prepare(embedder.folder, work, embedder.model_hash, "onnx")

    def session(**kw) -> tuple[OnnxEncoder, float]:
        start = time.perf_counter()
        encoder = OnnxEncoder(kw.pop("graph", graph), embedder.folder, **kw)
        return encoder, time.perf_counter() - start

    base, base_load = session()
    _, _, reference = timed(base, texts)  # a warm-up, and the vectors every variant is compared with
    saved = work / "optimised.onnx"
    session(save_optimized=saved)
    rows = []
    for name, make, run in variants(os.cpu_count() or 1, saved):
        encoder, load = session(**make)
        pairs = []
        for _ in range(PAIRS):
            bw, bc, _ = timed(base, texts)
            vw, vc, vectors = timed(encoder, texts, **run)
            pairs.append((vw / bw, vc / bc, bw, vw))
        wall = statistics.median(p[0] for p in pairs)
        rows.append(
            {
                "setting": name,
                "wall_ratio": wall,
                "cpu_ratio": statistics.median(p[1] for p in pairs),
                "baseline_seconds": statistics.median(p[2] for p in pairs),
                "seconds": statistics.median(p[3] for p in pairs),
                "session_seconds": load,
                "baseline_session_seconds": base_load,
                "largest_difference": float(np.abs(vectors - reference).max()),
                "verdict": "faster" if wall < 1 - NOISE else "slower" if wall > 1 + NOISE else "same",
            }
        )
    return {"sentences": len(texts), "cores": os.cpu_count(), "pairs": PAIRS, "rows": rows}


def markdown(result: dict, command: str) -> str:
    lines = [
        "# ONNX Runtime settings (issue 24)",
        "",
        f"Command: `{command}`. Machine: {platform.machine()}, {result['cores']} cores, Python "
        f"{platform.python_version()}. One run.",
        "",
        f"{result['sentences']} real sentences (a fixed sample of the seeds, the fixture corpus and the open "
        "coverage stories), encoded by the fp32 graph. Baseline: factcheck's session (`ORT_ENABLE_ALL`, intra-op "
        "threads = cores, sleeping when idle, one inter-op thread, batches of 64 sorted by length with dynamic padding). "
        f"Each setting is timed right after a baseline run, {result['pairs']} pairs in a row; the ratios are the "
        "medians (variant / baseline: below 1 is faster). A ratio within "
        f"{NOISE:.0%} of 1 is the machine's scatter, not the setting.",
        "",
        "| setting | wall ratio | CPU ratio | baseline s | variant s | session load s (baseline) | largest vector difference | verdict |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['setting']} | {r['wall_ratio']:.2f} | {r['cpu_ratio']:.2f} | {r['baseline_seconds']:.2f} | "
            f"{r['seconds']:.2f} | {r['session_seconds']:.2f} ({r['baseline_session_seconds']:.2f}) | "
            f"{r['largest_difference']:.1e} | {r['verdict']} |"
        )
    faster = [r["setting"] for r in result["rows"] if r["verdict"] == "faster"]
    lines += [
        "",
        "Faster than factcheck's settings in this run: "
        + ("; ".join(faster) if faster else "none (factcheck's settings stay as they are)")
        + ".",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=600, help="sentences encoded per run")
    parser.add_argument("--out", type=Path, default=HERE, help="where ORT.md and ort_settings.json go")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(corpus_texts(args.sample), Path(tmp))
    command = "python benchmarks/ort_settings.py" + (f" --sample {args.sample}" if args.sample != 600 else "")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "ort_settings.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (args.out / "ORT.md").write_text(markdown(result, command), encoding="utf-8")
    print(markdown(result, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
