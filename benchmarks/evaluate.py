"""Score factcheck against answer keys: per-check precision and recall (``make eval``).

Three corpora, each scanned as a whole (several stories in one folder, as a
newsroom would):

- ``seeds/`` against ``../shared/eval/seeds-key.json``;
- ``tests/fixtures/corpus/`` against its ``key.json``;
- ``tests/fixtures/coverage/`` (real multi-outlet coverage, rewritten) against the
  ``key.json`` of every story folder, merged.

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

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
LOUD = {"warning", "error"}


def load_scorer():
    if not SCORER.exists():
        sys.exit(f"evaluate: the shared scorer is missing ({SCORER}); make eval needs ../shared/eval/score.py")
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
    out = [("seeds", ROOT / "seeds", json.loads((ROOT.parent / "shared" / "eval" / "seeds-key.json").read_text(encoding="utf-8")))]
    fixture_key = ROOT / "tests" / "fixtures" / "corpus" / "key.json"
    if fixture_key.exists():
        out.append(("fixtures", ROOT / "tests" / "fixtures" / "corpus", json.loads(fixture_key.read_text(encoding="utf-8"))))
    coverage = ROOT / "tests" / "fixtures" / "coverage"
    if coverage.is_dir():
        out.append(("coverage", coverage, merged_key(coverage)))
    return out


def scan(folder: Path, cache: Path) -> dict:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("factcheck")), "scan", str(folder), "--format", "json", "--fail-on", "never", "--cache-dir", str(cache)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    if result.returncode != 0:
        sys.exit(f"evaluate: scan of {folder} failed ({result.returncode}): {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout)


def score(scorer, key: dict, report: dict) -> dict:
    """Per-check counts: items, found, loud findings, explained loud findings, traps hit."""
    findings = report["findings"]
    rows: dict[str, dict] = {}

    def row(check: str) -> dict:
        return rows.setdefault(check, {"items": 0, "found": 0, "must": 0, "must_found": 0, "loud": 0, "explained": 0, "traps": 0})

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
        hits = [f for f in findings if scorer.SEVERITY.get(f.get("severity"), 0) >= floor and scorer.matches(trap, f)]
        if hits:
            trap_hits.append(trap["id"])
            for f in hits:
                row(f["check"])["traps"] += 1
    for i, f in enumerate(findings):
        if f["severity"] in LOUD:
            r = row(f["check"])
            r["loud"] += 1
            r["explained"] += i in explained
    return {"checks": rows, "traps_hit": trap_hits, "unexplained": [
        {"check": f["check"], "severity": f["severity"], "message": f["message"],
         "evidence": [f"{Path(e['document']).name}:{e['line']}: {e['text'][:150]}" for e in f["evidence"][:4]]}
        for i, f in enumerate(findings) if f["severity"] in LOUD and i not in explained]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--only", help="one corpus: seeds, fixtures or coverage")
    parser.add_argument("--verbose", action="store_true", help="list unexplained warning+ findings")
    args = parser.parse_args(argv)
    scorer = load_scorer()
    results = {}
    ok = True
    with tempfile.TemporaryDirectory() as cache:
        for name, folder, key in corpora():
            if args.only and name != args.only:
                continue
            outcome = score(scorer, key, scan(folder, Path(cache)))
            results[name] = outcome
            table = []
            for check, r in sorted(outcome["checks"].items()):
                precision = f"{r['explained'] / r['loud']:.2f}" if r["loud"] else "-"
                recall = f"{r['found']}/{r['items']}" if r["items"] else "-"
                must = f"{r['must_found']}/{r['must']}" if r["must"] else "-"
                table.append([check, must, recall, r["loud"], precision, r["traps"]])
            totals = [sum(r[k] for r in outcome["checks"].values()) for k in ("must_found", "must", "found", "items", "loud", "explained")]
            table.append(["all", f"{totals[0]}/{totals[1]}", f"{totals[2]}/{totals[3]}", totals[4],
                          f"{totals[5] / totals[4]:.2f}" if totals[4] else "-", len(outcome["traps_hit"])])
            print(f"\n{name} ({folder.relative_to(ROOT)})")
            print(tabulate(table, headers=["check", "must found", "items found", "warning+", "precision", "traps hit"], tablefmt="github"))
            if args.verbose:
                for u in outcome["unexplained"]:
                    print(f"  unexplained {u['severity']} {u['check']}: {u['message'][:160]}")
                    for e in u["evidence"]:
                        print(f"      {e}")
            ok = ok and totals[0] == totals[1] and not outcome["traps_hit"]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
