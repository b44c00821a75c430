"""Where the missed figure and date items of a coverage half were lost, stage by stage (``make stages``).

For each must item of number-conflict or date-conflict that no finding matches, the
corpus is analysed in-process and the item is put in the first stage that lost it:

- ``value not read``: one of its values is in none of its documents' claims of the
  check's kind (a figure or date the extractor never read: "nine tenths of a mile");
- ``one document only``: every value was read, but all of them in one document;
- ``two stories``: the claims that carry the values fell in different stories;
- ``attributes differ``: they share no attribute ("passengers" / "people aboard");
- ``not compared``: one attribute, one story, and still no finding (an alignment
  gate, a bound, a pool dropped, a "same value" reading).

The open half prints each item with its stage. The sealed half prints counts by
check and stage only, never an item, a value or a document: tune on the open half.

    .venv/bin/python benchmarks/stages.py [--sealed]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import ROOT, load_scorer, merged_key, scan  # noqa: E402
from sealed import unpack_all  # noqa: E402

# the claim kinds each check reads; a time of day is read for number-conflict too, where keys often put it
KINDS = {"number-conflict": ("quantity", "time"), "date-conflict": ("date", "span", "time")}


def analyse_folder(folder: Path):
    """(the analysed corpus, the rule set) of every article under ``folder``, with the real model, as a scan
    reads it."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from factcheck.config import Settings
    from factcheck.ingest.discover import discover
    from factcheck.ingest.read import load_parsed
    from factcheck.pipeline import Context, analyse

    settings = Settings(cache=False)
    ctx = Context.start(settings)
    # the scan's own discovery: the files a scan of the folder reads, no more
    inputs = discover([folder], settings.max_file_size)
    return analyse(load_parsed(inputs, ctx.rules, settings, ctx.lex), ctx, None, []), ctx.rules


def carries(claim_text: str, value: str) -> bool:
    """Whether a claim's text and a key value name one figure: either holds the other ("about 190 miles" /
    "190 miles")."""
    a, b = claim_text.lower().strip(" .,"), value.lower().strip(" .,")
    return bool(a and b) and (a in b or b in a)


_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*day"
SHAPES = (
    ("a time of day", r"\d{1,2}[:.]\d\d|\b(a\.?m|p\.?m)\b"),
    ("a weekday", rf"\b{_WEEKDAY}\b"),
    ("a month and day", rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}(st|nd|rd|th)?\s+{_MONTH}"),
    ("a month", rf"\b{_MONTH}\b"),
    ("a year", r"\b(1[89]|20)\d\d\b"),
    ("digits", r"\d"),
)


def shape(value: str) -> str:
    """A key value's shape, never its text: a time of day, a weekday, a month and day, a month, a year, digits, or
    words ("nine tenths")."""
    import re

    low = value.lower()
    return next((name for name, pattern in SHAPES if re.search(pattern, low)), "words")


def stage(item: dict, claims: list, story_of: dict, check=None) -> str:
    """The first stage (in the order the module names them) that lost ``item``, judged on ``claims`` (its check's kind, every document)."""
    docs = set(item.get("documents", []))
    mine = [c for c in claims if Path(c.document).name in docs]
    carriers = [[c for c in mine if carries(c.text, v)] for v in item.get("values", [])]
    if not carriers or not all(carriers):
        unread = [v for v, found in zip(item.get("values", []), carriers, strict=True) if not found]
        return (
            "value not read: " + "/".join(sorted({shape(v) for v in unread})) if unread else "value not read"
        )
    if len({Path(c.document).name for found in carriers for c in found}) < 2:
        heads = any(c.sentence.headline for found in carriers for c in found)
        n = len(item.get("values", []))
        return (
            "one document only"
            + (": a headline" if heads else ": the body twice, " + _where(carriers))
            + f", {n} value{'s' if n != 1 else ''}"
        )
    stories = [{story_of.get(c.document) for c in found} for found in carriers]
    if not set.intersection(*stories):
        return "two stories"
    attributes = [{c.attribute.removeprefix("not ") for c in found} for found in carriers]
    if not set.intersection(*attributes):
        return "attributes differ: " + _unlike(carriers)
    if any(c.kind == "time" for found in carriers for c in found):
        return "not compared: times of day"
    return "not compared" + (": " + _why_not(carriers, check) if check is not None else "")


def _where(carriers: list[list]) -> str:
    """Where in its page each value of a one-document item stands, as a shape: a list line (as a summary box reads
    one), the first paragraph, or a later one; and whether the two share a paragraph."""
    from factcheck.checks._summary import on_list_line

    shapes = set()
    for found in carriers:
        c = found[0]
        s = c.sentence
        first_block = s.block <= 1  # the title's block, then the lead
        shapes.add(
            "a list line"
            if on_list_line(s)
            else "the first paragraph"
            if first_block
            else "a later paragraph"
        )
    same = len({found[0].sentence.block for found in carriers}) == 1
    return "/".join(sorted(shapes)) + (", one paragraph" if same else "")


def _unlike(carriers: list[list]) -> str:
    """How the carriers' attributes differ, as a kind, never the words: a bare count against a named attribute,
    two dimensions, or two named attributes."""
    units = [{c.unit.split(":")[0] for c in found} for found in carriers]
    if not set.intersection(*units):
        return "two dimensions"
    bare = [any(c.attribute.startswith("number of") for c in found) for found in carriers]
    if any(bare) and not all(bare):
        return "a bare count"
    generic = [
        any(c.attribute in ("event", "") or c.attribute.startswith("amount") for c in found)
        for found in carriers
    ]
    if any(generic):
        return "one unnamed"
    kinds = {c.kind for found in carriers for c in found}
    return "two named" + (" (" + "/".join(sorted(kinds)) + ")" if len(kinds) > 1 else "")


def _why_not(carriers: list[list], check) -> str:
    """Why the first pair of one attribute went uncompared, as number-conflict's own tests (``check``) tell it."""
    from factcheck.checks.number_conflict import gives_other, partial, years_named

    pairs = [
        (a, b)
        for a in carriers[0]
        for b in carriers[1]
        if a.document != b.document and a.attribute.removeprefix("not ") == b.attribute.removeprefix("not ")
    ]
    if not pairs:
        return "one source each side only"
    a, b = pairs[0]
    for why, test in (
        ("a partial figure", lambda: partial(a) or partial(b)),
        ("read as agreeing", lambda: check.agree(a, b)),
        ("over max_ratio", lambda: not check.comparable(a, b)),
        ("another year", lambda: years_named(a) != years_named(b)),
        ("a source gives both", lambda: gives_other(a, b) or gives_other(b, a)),
        ("a headline", lambda: a.sentence.headline or b.sentence.headline),
    ):
        if test():
            return why
    return "not aligned"


def missed_stages(folder: Path, cache: Path) -> list[tuple[dict, str]]:
    """(item, stage) for every must item of ``KINDS``' checks that the scan of ``folder`` misses."""
    scorer = load_scorer()
    key = merged_key(folder)
    findings = scan(folder, cache)["findings"]
    missed = [
        item
        for item in key["items"]
        if item.get("must")
        and item["checks"][0] in KINDS
        and not any(scorer.matches(item, f) for f in findings)
    ]
    if not missed:
        return []
    from factcheck.checks.number_conflict import NumberConflict

    corpus, rules = analyse_folder(folder)
    numbers = NumberConflict(next(r for r in rules.rules if r.id == "number-conflict"))
    out = []
    for item in missed:
        kinds = KINDS[item["checks"][0]]
        with corpus.read_by(kinds):
            claims = [c for kind in kinds for c in corpus.claims_of(kind)]
        out.append((item, stage(item, claims, corpus.story_of, numbers if "quantity" in kinds else None)))
    return out


def template(finding: dict) -> str:
    """A finding's message and suggestion with every quoted or named part blanked, and its count of values: what
    kind of finding it is, in the detector's own words, never the text it quotes."""
    import re

    words = f"{finding['message']} · {finding.get('suggestion') or ''}"
    # quoted values, brackets and what a figure or date is "for the" are the article's words: blanked
    words = re.sub(r"'[^']*'|\"[^\"]*\"|\([^)]*\)|(?<=for the )[^:]*", "…", words)
    words = re.sub(r"\b[A-Z][\w-]*|\d[\d.,:]*", "…", words)
    subject = finding.get("subject") or ""
    # what the figure is of, as a kind: a bare count ("number of towns") or a sum no word names ("amount (USD)")
    of = (
        " [a bare count]"
        if subject.startswith("number of")
        else " [an unnamed sum]"
        if subject.startswith("amount")
        else ""
    )
    return f"{finding['check']} {finding['severity']} {len(finding.get('values') or [])} values{of}: {words[:160]}"


def trapped(folder: Path, cache: Path) -> dict[str, int]:
    """The kinds (``template``) of the findings that hit a trap in the scan of ``folder``, counted."""
    scorer = load_scorer()
    key = merged_key(folder)
    counts: dict[str, int] = {}
    for f in scan(folder, cache)["findings"]:
        for trap in key.get("traps", []):
            if scorer.SEVERITY.get(f["severity"], 0) >= scorer.SEVERITY[
                trap.get("min_severity", "info")
            ] and scorer.matches(trap, f):
                counts[template(f)] = counts.get(template(f), 0) + 1
                break
    return dict(sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sealed", action="store_true", help="the sealed half, counts only")
    parser.add_argument("--traps", action="store_true", help="the kinds of finding that hit traps, counted")
    args = parser.parse_args(argv)
    coverage = ROOT / "tests" / "fixtures" / "coverage"
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        if args.sealed:
            folder = Path(tmp) / "coverage-sealed"
            unpack_all(coverage / "sealed", folder)
            if args.traps:
                print(json.dumps(trapped(folder, cache), indent=1, ensure_ascii=False))
                return 0
            counts: dict[str, dict[str, int]] = {}
            for item, why in missed_stages(folder, cache):
                by = counts.setdefault(item["checks"][0], {})
                by[why] = by.get(why, 0) + 1
            # totals only, as blind-score prints them
            print(json.dumps({c: dict(sorted(r.items())) for c, r in sorted(counts.items())}, indent=1))
            return 0
        folder = Path(tmp) / "coverage-open"
        from evaluate import copy_open_half

        copy_open_half(coverage, folder)
        if args.traps:
            print(json.dumps(trapped(folder, cache), indent=1, ensure_ascii=False))
            return 0
        for item, why in missed_stages(folder, cache):
            print(f"{item['id']:6} {item['checks'][0]:16} {why:18} {item.get('values')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
