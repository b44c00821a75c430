"""The story-stress corpus, scanned together with the real model: stories kept apart.

tests/fixtures/stories holds ten same-kind events (floods, quakes and attacks in
Pakistan and Afghanistan in 2022-23, two neighbouring countries' elections in 2023,
two US sentences in June 2022) and two follow-ups weeks later. Half is sealed
(benchmarks/sealed.py): it is unpacked into a temporary folder and only the totals
are asserted, so a failure shows figures, never its text.
"""

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "fixtures" / "stories"


def _evaluate():
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "benchmarks" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scan(folder, cache_dir):
    result = CliRunner().invoke(
        cli, ["scan", str(folder), "--format", "json", "--fail-on", "never", "--cache-dir", str(cache_dir)]
    )
    assert result.exit_code == 0
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The open half copied, then the sealed half unpacked beside it."""
    folder = tmp_path_factory.mktemp("stories")
    evaluate = _evaluate()
    evaluate.copy_open_half(STORIES, folder)
    opened = {p.parent.name for p in folder.rglob("*.*")}
    evaluate.unpack_all(STORIES / "sealed", folder)
    return folder, opened


def test_open_and_sealed_halves_group_into_their_stories(corpus, cache_dir):
    folder, opened = corpus
    evaluate = _evaluate()
    report = scan(folder, cache_dir)
    truth = {evaluate.true_story(d["path"]) for d in report["documents"]}
    assert len(truth) >= 10 and len(opened) >= 5
    precision, recall, f1 = evaluate.bcubed(report)
    cross = evaluate.cross_story(report)
    # Only figures reach the assertion message.
    assert (round(f1, 3) >= 0.97, cross) == (True, 0), (
        f"B-cubed F1 {f1:.3f} (P {precision:.2f} R {recall:.2f}), cross-story {cross}"
    )


def test_a_follow_up_weeks_later_is_in_its_story(corpus, cache_dir):
    folder, _ = corpus
    report = scan(folder, cache_dir)
    story = next(
        s["documents"]
        for s in report["stories"]
        if any("pakistan-floods-2022--" in d and "followup" in d for d in s["documents"])
    )
    assert sorted(Path(d).parent.name for d in story) == ["pakistan-floods-2022"] * len(story)
    assert len(story) == len(list((folder / "pakistan-floods-2022").glob("*--*")))
