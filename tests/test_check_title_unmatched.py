"""title-unmatched: a title from another ladder than every other source gives; pass and fail, end to end."""

from click.testing import CliRunner
import json

from factcheck.cli import cli

ARCHIVE = {
    "a.txt": "Summit in Astana\nPublished: 2024-08-23\nForeign Minister Murat Nurtleu met the Belarusian ambassador on Monday.\n",
    "b.txt": "Envoy summoned\nPublished: 2024-08-23\nForeign Minister Murat Nurtleu summoned the Belarusian ambassador.\n",
}


def judge(tmp_path, cache_dir, draft: str, facts: str | None = None):
    published, drafts = tmp_path / "published", tmp_path / "drafts"
    published.mkdir(exist_ok=True)
    drafts.mkdir(exist_ok=True)
    for name, text in ARCHIVE.items():
        (published / name).write_text(text, encoding="utf-8")
    (drafts / "d.md").write_text("# Envoy\n\n" + draft + "\n", encoding="utf-8")
    extra = []
    if facts:
        (tmp_path / "facts.yaml").write_text(facts, encoding="utf-8")
        extra = ["--facts", str(tmp_path / "facts.yaml")]
    result = CliRunner().invoke(
        cli,
        [
            "scan",
            str(drafts / "d.md"),
            "--against",
            str(published),
            "--format",
            "json",
            "--fail-on",
            "warning",
            "--cache-dir",
            str(cache_dir),
            *extra,
        ],
    )
    report = json.loads(result.stdout)
    return result.exit_code, [f for f in report["findings"] if f["check"] == "title-unmatched"]


def test_fail_a_draft_title_from_another_ladder_is_a_warning(tmp_path, cache_dir):
    for title in ("Prime Minister", "Deputy Prime Minister", "Ambassador", "Foreign Ministry spokesman"):
        code, (f,) = judge(
            tmp_path, cache_dir, f"{title} Murat Nurtleu met the Belarusian ambassador in Astana."
        )
        assert code == 1 and f["severity"] == "warning", (title, f)
        assert f"called '{title}'" in f["message"] and "'Foreign Minister'" in f["message"]
        assert f["drafts"][0]["value"] == title and f["drafts"][0]["agree_count"] == 0


def test_pass_posts_the_text_says_are_held_together(tmp_path, cache_dir):
    for text in (
        "Deputy Prime Minister and Foreign Minister Murat Nurtleu met the Belarusian ambassador.",
        "Deputy Prime Minister Murat Nurtleu, who is also Foreign Minister, met the Belarusian ambassador.",
        "Foreign Minister Murat Nurtleu met the Belarusian ambassador.",
    ):
        code, found = judge(tmp_path, cache_dir, text)
        assert found == [] and code == 0, (text, found)


def test_a_fact_sheet_listing_both_posts_settles_it(tmp_path, cache_dir):
    sheet = (
        "people:\n  - name: Murat Nurtleu\n    titles:\n      - title: Foreign Minister\n"
        "      - title: Deputy Prime Minister\n"
    )
    code, found = judge(
        tmp_path, cache_dir, "Deputy Prime Minister Murat Nurtleu met the Belarusian ambassador.", sheet
    )
    assert code == 0 and [f["severity"] for f in found] in ([], ["info"]), found


def test_pass_in_a_plain_scan_two_sources_each_way_is_no_odd_one_out(scan_texts, of_check):
    _, report = scan_texts(
        {
            **ARCHIVE,
            "c.txt": "Talks\nPublished: 2024-08-23\nPrime Minister Murat Nurtleu met the Belarusian ambassador.\n",
            "d.txt": "Talks\nPublished: 2024-08-23\nPrime Minister Murat Nurtleu greeted the Belarusian ambassador.\n",
        }
    )
    assert of_check(report, "title-unmatched") == []
