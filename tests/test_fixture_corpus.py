"""The fixture corpus: two unrelated stories, every check firing once at least, every hard negative silent.

tests/fixtures/corpus holds eight articles: a bridge collapse in Dunmore (a1-a4) and a
Kyiv orchestra's tour (b1-b4). Each planted discrepancy and each look-alike that must
stay silent is listed here with the check that owns it.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.checks import CHECK_TYPES
from factcheck.cli import cli

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    result = CliRunner().invoke(cli, ["scan", str(CORPUS), "--format", "json", "--cache-dir", str(cache)])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def docs(finding):
    return {e["document"].rsplit("/", 1)[-1] for e in finding["evidence"]}


def find(report, check, *values):
    return [f for f in report["findings"] if f["check"] == check and all(v in f["values"] for v in values)]


def test_corpus_shape(report):
    names = {d["path"].rsplit("/", 1)[-1] for d in report["documents"]}
    assert len(names) >= 8
    assert {n[0] for n in names} == {"a", "b"}  # two stories


def test_every_planted_check_fires_and_no_other(report):
    """Every check the key plants a discrepancy for fires; a check with no plant here (a newer one, tested on
    its own inline examples) must stay silent on these eight articles."""
    planted = {
        c
        for item in json.loads((CORPUS / "key.json").read_text(encoding="utf-8"))["items"]
        for c in item["checks"]
    }
    assert planted <= set(CHECK_TYPES)
    assert {f["check"] for f in report["findings"]} == planted


@pytest.mark.parametrize(
    "check, values, documents, severity",
    [
        (
            "title-conflict",
            ["Transport Minister", "Deputy Minister of Transport"],
            {"a1-herald.txt", "a2-coastal.md"},
            "error",
        ),
        ("name-misspelling", ["Varaga", "Varga"], {"a3-courier.html"}, "error"),
        ("date-conflict", ["March 12", "March 14"], {"a1-herald.txt", "a2-coastal.md"}, "warning"),
        (
            "number-conflict",
            ["$135.07 million", "$153.07 million"],
            {"a1-herald.txt", "a2-coastal.md"},
            "warning",
        ),
        # injured counts reported on different days: the figure may have changed, so info
        ("number-conflict", ["Eight", "Six"], {"a1-herald.txt", "a3-courier.html"}, "info"),
        ("number-conflict", ["1977", "1979"], {"a1-herald.txt", "a2-coastal.md"}, "warning"),
        ("quote-mismatch", [], {"a1-herald.txt", "a2-coastal.md"}, "warning"),
        (
            "attribution-conflict",
            ["Lukas Ferro", "Tomas Brandt"],
            {"a1-herald.txt", "a4-riverside.txt"},
            "warning",
        ),
        ("duplicate-passage", [], {"a4-riverside.txt"}, "warning"),
        ("vague-date", ["on Wednesday"], {"a4-riverside.txt"}, "info"),  # an undated article: info
        ("name-variant", ["Kiev", "Kyiv"], {"b1-arts.txt", "b2-vienna.txt"}, "info"),
        ("name-variant", ["Kovalenka", "Kovalenko"], {"b1-arts.txt", "b2-vienna.txt"}, "info"),
        ("name-variant", ["Dmitry", "Dmytro"], {"b1-arts.txt", "b2-vienna.txt"}, "info"),
        ("single-source", ["40"], {"a3-courier.html"}, "info"),
    ],
)
def test_planted_discrepancy_is_found(report, check, values, documents, severity):
    hits = [f for f in find(report, check, *values) if documents <= docs(f)]
    assert hits, f"{check} {values} not found"
    assert hits[0]["severity"] == severity


def test_part_of_a_whole_and_converted_units_agree(report):
    # "two of the six workers" is not a count of two workers; 984 ft is 300 m
    for f in report["findings"]:
        if f["check"] == "number-conflict":
            assert "Two" not in f["values"]
            assert not {"984-foot", "300-metre"} & set(f["values"])
            # "about 30,000" and "roughly 31,000" are estimates that overlap
            assert not {"about 30,000", "roughly 31,000"} & set(f["values"])


def test_hard_negatives_stay_silent(report):
    findings = report["findings"]
    texts = lambda f: " ".join(e["text"] for e in f["evidence"])  # noqa: E731
    # title-conflict: "Culture Minister" and "Ukraine's culture minister" are one title
    assert not [f for f in findings if f["check"] == "title-conflict" and "Marchenko" in f["subject"]]
    # name-misspelling: transliterations are variants, not misspellings
    assert not [
        f for f in findings if f["check"] == "name-misspelling" and docs(f) & {"b1-arts.txt", "b2-vienna.txt"}
    ]
    # name-variant: a misspelling is not a house-style variant
    assert not find(report, "name-variant", "Varaga")
    # date-conflict: 30 September = September 30; Friday (read against the date) = October 4; the inquiry date is another event
    assert not [
        f
        for f in findings
        if f["check"] == "date-conflict"
        and docs(f) & {"b1-arts.txt", "b2-vienna.txt", "b3-berlin.txt", "b4-review.txt"}
    ]
    assert not [f for f in findings if f["check"] == "date-conflict" and "April 30" in f["values"]]
    # vague-date: "on Saturday" in a dated article, "In June of that year" right after 2019, "by April 30" six weeks ahead
    vague = [v for f in findings if f["check"] == "vague-date" for v in f["values"]]
    assert vague == ["on Wednesday"]
    # quote-mismatch: a3 repeats a1's quote word for word, so only two wordings are in dispute
    (quote,) = find(report, "quote-mismatch")
    assert len({" ".join(v.lower().split()) for v in quote["values"]}) == 2
    # attribution-conflict: the same quote from the same speaker (a1, a3) is no conflict
    (attribution,) = find(report, "attribution-conflict")
    assert "a3-courier.html" not in docs(attribution)
    # duplicate-passage: a short sentence said twice ("The bridge is closed.") is not a pasted passage
    assert not [f for f in findings if f["check"] == "duplicate-passage" and "a2-coastal.md" in docs(f)]
    # single-source: hedged opinion is never a check-worthy claim
    assert not [f for f in findings if f["check"] == "single-source" and "perhaps" in texts(f)]


def test_no_finding_links_unrelated_stories(report):
    for f in report["findings"]:
        assert len({d[0] for d in docs(f)}) == 1, f
