"""Score factcheck against answer keys: per-check precision and recall (``make eval``).

Each corpus is scanned as a whole (several stories in one folder, as a newsroom
would):

- ``seeds/`` against ``../shared/eval/seeds-key.json``;
- ``tests/fixtures/corpus/`` against its ``key.json``;
- ``tests/fixtures/coverage/`` (real multi-outlet coverage, rewritten) against the
  ``key.json`` of every story folder, merged: the open half, scored in full;
- ``tests/fixtures/coverage/sealed/``: the sealed half (``benchmarks/sealed.py``),
  unpacked into a temporary folder, scanned, and scored with **totals only**, the
  way ``../shared/eval/blind-score`` does: tune on the open half, never on this;
- ``tests/fixtures/stories/``: the story-stress corpus, scored for grouping
  (B-cubed F1 against the story folders, and findings that span two stories),
  the open half alone and then with the sealed half, totals only.

Matching is the shared scorer's (``../shared/eval/score.py``): a key item is found
when one finding has a listed check, mentions every listed value and has evidence
in every listed document; a trap is hit when a finding at or above its severity
matches it. Precision counts warning-and-above findings: the ones that block a gate.
A finding is *explained* when it matches some key item.

    .venv/bin/python benchmarks/evaluate.py [--json results.json] [--only coverage]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sealed import unpack_all  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
LOUD = {"warning", "error"}


def load_scorer():
    if not SCORER.exists():
        sys.exit(
            f"evaluate: the shared scorer is missing ({SCORER}); make eval needs ../shared/eval/score.py"
        )
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def merged_key(folder: Path) -> dict:
    items, traps = [], []
    for path in sorted(folder.rglob("key.json")):  # one per story folder
        data = json.loads(path.read_text(encoding="utf-8"))
        items += data.get("items", [])
        traps += data.get("traps", [])
    return {"items": items, "traps": traps}


def corpora() -> list[tuple[str, Path, dict]]:
    out = [
        (
            "seeds",
            ROOT / "seeds",
            json.loads((ROOT.parent / "shared" / "eval" / "seeds-key.json").read_text(encoding="utf-8")),
        )
    ]
    fixture_key = ROOT / "tests" / "fixtures" / "corpus" / "key.json"
    if fixture_key.exists():
        out.append(
            (
                "fixtures",
                ROOT / "tests" / "fixtures" / "corpus",
                json.loads(fixture_key.read_text(encoding="utf-8")),
            )
        )
    coverage = ROOT / "tests" / "fixtures" / "coverage"
    if coverage.is_dir():
        out.append(("coverage", coverage, merged_key(coverage)))
    return out


def scan(folder: Path, cache: Path) -> dict:
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("factcheck")),
            "scan",
            str(folder),
            "--format",
            "json",
            "--fail-on",
            "never",
            "--cache-dir",
            str(cache),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    if result.returncode != 0:
        sys.exit(f"evaluate: scan of {folder} failed ({result.returncode}): {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout)


def true_story(path: str) -> str:
    """The story a corpus file belongs to: its folder, or for tests/fixtures/corpus its name's first letter."""
    p = Path(path)
    return f"corpus-{p.name[0]}" if p.parent.name == "corpus" else p.parent.name


def bcubed(report: dict) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of the report's stories against the story folders."""
    found = {d: n for n, s in enumerate(report.get("stories", [])) for d in s["documents"]}
    docs = sorted(found)
    if not docs:
        return 0.0, 0.0, 0.0
    p = r = 0.0
    for d in docs:
        same_cluster = [e for e in docs if found[e] == found[d]]
        same_story = [e for e in docs if true_story(e) == true_story(d)]
        both = [e for e in same_cluster if true_story(e) == true_story(d)]
        p += len(both) / len(same_cluster)
        r += len(both) / len(same_story)
    p, r = p / len(docs), r / len(docs)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_story(report: dict) -> int:
    """Findings whose evidence spans documents of two true stories."""
    return sum(1 for f in report["findings"] if len({true_story(e["document"]) for e in f["evidence"]}) > 1)


def story_line(report: dict) -> str:
    p, r, f = bcubed(report)
    truth = len({true_story(d["path"]) for d in report["documents"]})
    return (
        f"stories found {len(report.get('stories', []))} of {truth}  B-cubed precision {p:.2f} recall {r:.2f} "
        f"F1 {f:.3f}  cross-story findings {cross_story(report)}"
    )


def score(scorer, key: dict, report: dict) -> dict:
    """Per-check counts: items, found, loud findings, explained loud findings, traps hit."""
    findings = report["findings"]
    rows: dict[str, dict] = {}

    def row(check: str) -> dict:
        return rows.setdefault(
            check, {"items": 0, "found": 0, "must": 0, "must_found": 0, "loud": 0, "explained": 0, "traps": 0}
        )

    explained: set[int] = set()
    for item in key["items"]:
        hits = [i for i, f in enumerate(findings) if scorer.matches(item, f)]
        explained.update(hits)
        checks = {findings[i]["check"] for i in hits} or {item["checks"][0]}
        for check in checks:
            r = row(check)
            r["items"] += 1
            r["found"] += bool(hits)
            r["must"] += bool(item.get("must"))
            r["must_found"] += bool(item.get("must")) and bool(hits)
    trap_hits = []
    for trap in key.get("traps", []):
        floor = scorer.SEVERITY[trap.get("min_severity", "info")]
        hits = [
            f
            for f in findings
            if scorer.SEVERITY.get(f.get("severity"), 0) >= floor and scorer.matches(trap, f)
        ]
        if hits:
            trap_hits.append(trap["id"])
            for f in hits:
                row(f["check"])["traps"] += 1
                trapped = row(f["check"]).setdefault("trap_severities", {})
                trapped[f["severity"]] = trapped.get(f["severity"], 0) + 1
    for i, f in enumerate(findings):
        if f["severity"] in LOUD:
            r = row(f["check"])
            r["loud"] += 1
            r["explained"] += i in explained
    return {
        "checks": rows,
        "traps_hit": trap_hits,
        "unexplained": [
            {
                "check": f["check"],
                "severity": f["severity"],
                "message": f["message"],
                "evidence": [
                    f"{Path(e['document']).name}:{e['line']}: {e['text'][:150]}" for e in f["evidence"][:4]
                ],
            }
            for i, f in enumerate(findings)
            if f["severity"] in LOUD and i not in explained
        ],
    }


def near_misses(scorer, key: dict, report: dict) -> dict[str, dict[str, int]]:
    """Check -> why its missed must items were missed -> how many, judged by the nearest finding: one of
    another check matches the item ("found by" that check); one of the item's check gives every value but lacks one of
    its documents ("a document short"); one has evidence in every document but lacks a value ("a value short");
    else "nothing near". Counts only: the sealed half's misses are told by stage, never by content."""
    findings = report["findings"]
    out: dict[str, dict[str, int]] = {}
    for item in key["items"]:
        if not item.get("must") or any(scorer.matches(item, f) for f in findings):
            continue
        own = [f for f in findings if f["check"] in item["checks"]]
        text = [scorer.haystack(f) for f in own]
        values = [v.lower() for v in item.get("values", [])]
        docs = set(item.get("documents", []))
        other = sorted({f["check"] for f in findings if scorer.matches({**item, "checks": [f["check"]]}, f)})
        if other:
            why = f"found by {'/'.join(other)}"
        elif any(all(v in t for v in values) for t in text):
            why = "a document short"
        elif any(docs <= scorer.documents(f) for f in own):
            why = "a value short"
        else:
            why = "nothing near"
        counts = out.setdefault(item["checks"][0], {})
        counts[why] = counts.get(why, 0) + 1
    return out


def copy_open_half(corpus: Path, into: Path) -> None:
    """Copy a corpus's open story folders (every one but ``sealed/``) into ``into``, one folder per story."""
    for story in sorted(p for p in corpus.iterdir() if p.is_dir() and p.name != "sealed"):
        for f in story.iterdir():
            if f.is_file():
                (into / story.name).mkdir(parents=True, exist_ok=True)
                (into / story.name / f.name).write_bytes(f.read_bytes())


def sealed_scores(scorer, cache: Path, only: str | None):
    """The sealed halves, totals only: nothing of their text, values or keys is printed."""
    coverage = ROOT / "tests" / "fixtures" / "coverage"
    stories = ROOT / "tests" / "fixtures" / "stories"
    if only in (None, "coverage-sealed") and (coverage / "sealed").is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "coverage-sealed"
            unpack_all(coverage / "sealed", folder)
            key = merged_key(folder)
            report = scan(folder, cache)
            outcome = score(scorer, key, report)
        rows = outcome["checks"].values()
        must = (sum(r["must_found"] for r in rows), sum(r["must"] for r in rows))
        found = (sum(r["found"] for r in rows), sum(r["items"] for r in rows))
        loud, explained = sum(r["loud"] for r in rows), sum(r["explained"] for r in rows)
        per_check = ", ".join(
            f"{c} {r['explained']}/{r['loud']}" for c, r in sorted(outcome["checks"].items()) if r["loud"]
        )
        print(f"\ncoverage-sealed ({len(list((coverage / 'sealed').glob('*.sealed')))} stories; totals only)")
        print(
            f"must {must[0]}/{must[1]}  all {found[0]}/{found[1]}  traps {len(outcome['traps_hit'])}  warning+ {loud}  "
            f"precision(warning+) {explained / loud if loud else 1.0:.2f}"
        )
        print(f"warning+ precision by check: {per_check or 'none'}")
        print(
            "must found by check: "
            + ", ".join(
                f"{c} {r['must_found']}/{r['must']}"
                for c, r in sorted(outcome["checks"].items())
                if r["must"]
            )
        )
        missed = near_misses(scorer, key, report)
        print(
            "must missed by check, by the nearest finding: "
            + (
                "; ".join(
                    f"{c} " + ", ".join(f"{why} {n}" for why, n in sorted(r.items()))
                    for c, r in sorted(missed.items())
                )
                or "none"
            )
        )
        # Counts only, as blind-score prints them: which checks raise the false alarms, never which ones.
        trapped = ", ".join(
            f"{c} {r['traps']} ({', '.join(f'{s} {n}' for s, n in sorted(r['trap_severities'].items()))})"
            for c, r in sorted(outcome["checks"].items())
            if r["traps"]
        )
        print(f"traps hit by check (findings on a trap): {trapped or 'none'}")
        print(story_line(report))
        yield (
            "coverage-sealed",
            {
                "must": must,
                "all": found,
                "traps": len(outcome["traps_hit"]),
                "loud": loud,
                "explained": explained,
                "stories": dict(
                    zip(("precision", "recall", "f1"), bcubed(report)), cross=cross_story(report)
                ),
            },
        )
    if only in (None, "stories") and stories.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "stories"
            copy_open_half(stories, folder)
            open_report = scan(folder, cache)
            print(f"\nstories, open half ({stories.relative_to(ROOT)})")
            print(story_line(open_report))
            outcome = {
                "open": dict(
                    zip(("precision", "recall", "f1"), bcubed(open_report)), cross=cross_story(open_report)
                )
            }
            if (stories / "sealed").is_dir():
                unpack_all(stories / "sealed", folder)
                both = scan(folder, cache)
                print("stories, open and sealed halves together (totals only)")
                print(story_line(both))
                outcome["all"] = dict(
                    zip(("precision", "recall", "f1"), bcubed(both)), cross=cross_story(both)
                )
        yield "stories", outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--only", help="one corpus: seeds, fixtures, coverage, coverage-sealed or stories")
    parser.add_argument("--verbose", action="store_true", help="list unexplained warning+ findings")
    args = parser.parse_args(argv)
    scorer = load_scorer()
    results = {}
    ok = True
    with tempfile.TemporaryDirectory() as cache:
        for name, folder, key in corpora():
            if args.only and name != args.only:
                continue
            report = scan(folder, Path(cache))
            outcome = score(scorer, key, report)
            outcome["stories"] = dict(
                zip(("precision", "recall", "f1"), bcubed(report)), cross=cross_story(report)
            )
            results[name] = outcome
            table = []
            for check, r in sorted(outcome["checks"].items()):
                precision = f"{r['explained'] / r['loud']:.2f}" if r["loud"] else "-"
                recall = f"{r['found']}/{r['items']}" if r["items"] else "-"
                must = f"{r['must_found']}/{r['must']}" if r["must"] else "-"
                table.append([check, must, recall, r["loud"], precision, r["traps"]])
            totals = [
                sum(r[k] for r in outcome["checks"].values())
                for k in ("must_found", "must", "found", "items", "loud", "explained")
            ]
            table.append(
                [
                    "all",
                    f"{totals[0]}/{totals[1]}",
                    f"{totals[2]}/{totals[3]}",
                    totals[4],
                    f"{totals[5] / totals[4]:.2f}" if totals[4] else "-",
                    len(outcome["traps_hit"]),
                ]
            )
            print(f"\n{name} ({folder.relative_to(ROOT)})")
            print(
                tabulate(
                    table,
                    headers=["check", "must found", "items found", "warning+", "precision", "traps hit"],
                    tablefmt="github",
                )
            )
            if args.verbose:
                for u in outcome["unexplained"]:
                    print(f"  unexplained {u['severity']} {u['check']}: {u['message'][:160]}")
                    for e in u["evidence"]:
                        print(f"      {e}")
            print(story_line(report))
            ok = ok and totals[0] == totals[1] and not outcome["traps_hit"]
        for name, outcome in sealed_scores(scorer, Path(cache), args.only):
            results[name] = outcome
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
