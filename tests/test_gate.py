"""Editor workflow: suppressions, the accept list, baselines and --against, end to end."""

import json

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

CONFLICT = {
    "a.txt": "Summit\nPublished: 2024-08-23\nForeign Minister Murat Nurtleu met the Belarusian ambassador in Astana on Monday.\n",
    "b.md": "# Envoy\n\nKazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the Belarusian ambassador.\n",
}


def write(folder, files):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def scan(cache_dir, *args):
    result = CliRunner().invoke(
        cli, ["scan", *map(str, args), "--format", "json", "--cache-dir", str(cache_dir)]
    )
    return result, (json.loads(result.stdout) if result.stdout.startswith("{") else None)


def checks(report):
    return sorted(f["check"] for f in report["findings"])


def test_markdown_comment_suppresses_the_next_paragraph(tmp_path, cache_dir):
    folder = write(
        tmp_path / "c",
        {
            **CONFLICT,
            "b.md": "# Envoy\n\n<!-- factcheck: ignore title-conflict -->\n"
            + CONFLICT["b.md"].split("\n\n", 1)[1],
        },
    )
    result, report = scan(cache_dir, folder)
    assert "title-conflict" not in checks(report) and result.exit_code == 0


def test_html_comment_suppresses(tmp_path, cache_dir):
    html = (
        "<html><body><h1>Envoy</h1><!-- factcheck: ignore title-conflict -->\n"
        "<p>Kazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the Belarusian ambassador.</p></body></html>"
    )
    folder = write(tmp_path / "c", {"a.txt": CONFLICT["a.txt"], "b.html": html})
    _, report = scan(cache_dir, folder)
    assert "title-conflict" not in checks(report)


def test_plain_text_marker_suppresses_only_the_named_check_and_only_the_next_paragraph(tmp_path, cache_dir):
    text = (
        "Summit\nPublished: 2024-08-23\n\nfactcheck: ignore vague-date\nForeign Minister Murat Nurtleu met the ambassador on Monday.\n\n"
        "The talks continued on Wednesday, officials said.\n"
    )
    folder = write(tmp_path / "c", {"a.txt": text, "b.md": CONFLICT["b.md"]})
    _, report = scan(cache_dir, folder)
    assert "title-conflict" in checks(report)  # not named by the marker
    # the dated document settles both weekdays anyway; what matters is the marker line is not analysed
    assert all("factcheck: ignore" not in e["text"] for f in report["findings"] for e in f["evidence"])


def test_unsuppressed_conflict_fails(tmp_path, cache_dir):
    result, report = scan(cache_dir, write(tmp_path / "c", CONFLICT))
    assert "title-conflict" in checks(report) and result.exit_code == 1


def test_accept_list_in_config(tmp_path, cache_dir, monkeypatch):
    folder = write(tmp_path / "c", CONFLICT)
    (tmp_path / "factcheck.toml").write_text(
        '[accept]\ntitle-conflict = ["Murat Nurtleu"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result, report = scan(cache_dir, folder)
    assert "title-conflict" not in checks(report) and result.exit_code == 0


def test_severity_override_in_config(tmp_path, cache_dir, monkeypatch):
    folder = write(tmp_path / "c", CONFLICT)
    (tmp_path / "factcheck.toml").write_text('[severity]\ntitle-conflict = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, report = scan(cache_dir, folder)
    assert [f["severity"] for f in report["findings"] if f["check"] == "title-conflict"] == ["warning"]
    assert result.exit_code == 0  # default --fail-on error


def test_bad_config_names_the_key_and_exits_2(tmp_path, cache_dir, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('[severity]\ntitle-conflict = "loud"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, _ = scan(cache_dir, write(tmp_path / "c", CONFLICT))
    assert result.exit_code == 2 and "severity.title-conflict" in result.stderr


def test_baseline_round_trip_survives_moved_lines_and_renamed_files(tmp_path, cache_dir):
    folder = write(tmp_path / "c", CONFLICT)
    base = tmp_path / "baseline.json"
    result, _ = scan(cache_dir, folder, "--write-baseline", base)
    assert result.exit_code == 0 and json.loads(base.read_text())["schema"] == "factcheck-baseline/2"
    # move the line down, add a paragraph elsewhere, rename the other file
    (folder / "a.txt").write_text(
        "Summit\nPublished: 2024-08-23\n\nThe weather in Astana was fine.\n\n"
        + CONFLICT["a.txt"].split("\n", 2)[2],
        encoding="utf-8",
    )
    (folder / "b.md").rename(folder / "envoy.md")
    result, report = scan(cache_dir, folder, "--baseline", base)
    assert "title-conflict" not in checks(report) and result.exit_code == 0
    # a new discrepancy is still reported
    (folder / "c.txt").write_text(
        "Talks\nThe ministry has long pursued a balanced policy. In June of that year, it changed course.\n",
        encoding="utf-8",
    )
    result, report = scan(cache_dir, folder, "--baseline", base)
    assert "vague-date" in checks(report) and "title-conflict" not in checks(report)


def test_baseline_count_is_in_the_markdown_summary(tmp_path, cache_dir):
    folder = write(tmp_path / "c", CONFLICT)
    base = tmp_path / "baseline.json"
    scan(cache_dir, folder, "--write-baseline", base)
    result = CliRunner().invoke(
        cli, ["scan", str(folder), "--baseline", str(base), "--cache-dir", str(cache_dir)]
    )
    assert "baselined" in result.stdout


def test_bad_baseline_exits_2(tmp_path, cache_dir):
    bad = tmp_path / "baseline.json"
    bad.write_text("not json", encoding="utf-8")
    result, _ = scan(cache_dir, write(tmp_path / "c", CONFLICT), "--baseline", bad)
    assert result.exit_code == 2 and "baseline.json" in result.stderr


def test_against_reports_only_findings_involving_a_draft(tmp_path, cache_dir):
    corpus = write(
        tmp_path / "published",
        {
            **CONFLICT,
            "c.txt": "Policy\nUnrest shook the country in early 2022.\nThe government has long pursued a balanced policy.\n"
            "In June of that year, the president spoke at a forum.\n",
        },
    )
    draft = write(
        tmp_path / "drafts",
        {
            "d.txt": "Envoy\nMinister Murat Nurtleu said the meeting with the Belarusian ambassador was calm.\n"
        },
    )
    result, report = scan(cache_dir, draft / "d.txt", "--against", corpus)
    for f in report["findings"]:
        assert any(e["document"].endswith("d.txt") for e in f["evidence"])
    assert "vague-date" not in checks(report)  # c.txt's vague date does not involve the draft
    assert "title-conflict" in checks(report)  # "Minister" vs "Deputy Minister" involves it
    # ... but the draft's "Minister" is what a.txt says ("Foreign Minister") and the archive is split one to one,
    # so the draft is not blamed: an info note, exit 0
    [title] = [f for f in report["findings"] if f["check"] == "title-conflict"]
    assert (
        title["severity"] == "info"
        and title["drafts"][0]["agree_count"] == title["drafts"][0]["disagree_count"] == 1
    )
    assert result.exit_code == 0


def test_against_leaves_out_the_corpus_own_slips_that_a_draft_only_supports(tmp_path, cache_dir):
    corpus = write(
        tmp_path / "published",
        {
            "a.txt": "Talks\nForeign Minister Murat Nurtleu met the envoy. Later, Nurleu said the talks went well.\n",
            "b.txt": "Talks\nForeign Minister Murat Nurtleu met the envoy in Astana.\n",
        },
    )
    draft = write(
        tmp_path / "drafts", {"d.txt": "Talks\nForeign Minister Murat Nurtleu met the envoy again.\n"}
    )
    _, full = scan(cache_dir, corpus, draft)
    assert "name-misspelling" in checks(full)
    _, report = scan(cache_dir, draft / "d.txt", "--against", corpus)
    assert "name-misspelling" not in checks(report)


def test_a_draft_of_another_story_is_analysed_alone_however_alike_the_archive_wording(
    tmp_path, cache_dir, monkeypatch
):
    # The bench's pre-commit shape (benchmarks/bench.py precommit_stage) at 25 articles: every generated story has a
    # cost sentence alike with the draft's, naming no one. The draft joins no archive story, so only its own
    # sentences are grouped, read for claims and checked; joined through that sentence it was the whole archive.
    import sys
    from pathlib import Path

    from factcheck.config import Settings
    from factcheck.extract.claims import ClaimExtractor
    from factcheck.pipeline import run

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import generate

    generate.generate(tmp_path / "published", 5, 5, seed=11, filler=6)
    generate.generate(tmp_path / "drafts", 1, 1, seed=12, filler=6)
    draft = str(tmp_path / "drafts" / "s00000-a00.txt")
    read = []
    claims_of = ClaimExtractor.sentence_claims
    monkeypatch.setattr(
        ClaimExtractor, "sentence_claims", lambda self, s: read.append(s.doc.path) or claims_of(self, s)
    )
    report = run([draft], Settings(cache_dir=str(cache_dir)), against=[str(tmp_path / "published")])
    assert len(report.documents) == 26 and report.stories == [[draft]]
    assert set(report.sentence_counts) == set(read) == {draft}


# --- the draft is judged, the archive is evidence (hand-built findings: no model needed) -----------------------

from factcheck.gate.baseline import entries  # noqa: E402
from factcheck.gate.judge import judge  # noqa: E402
from factcheck.report.view import comparison  # noqa: E402
from factcheck.models import Evidence, Finding  # noqa: E402


def place(doc, value, text=None, line=1):
    return Evidence(doc, line, 1, text or f"They said {value} then.", value)


def title_finding(*places, severity="error"):
    return Finding(
        "title-conflict",
        severity,
        "Murat Nurtleu is given titles that cannot both be true",
        "Murat Nurtleu",
        sorted({p.value for p in places}),
        list(places),
    )


def test_a_draft_agreeing_with_the_majority_is_info_with_the_archive_split():
    f = title_finding(
        place("d.md", "Foreign Minister"),
        place("a.txt", "Foreign Minister"),
        place("b.txt", "Foreign Minister"),
        place("c.txt", "Deputy Minister of Foreign Affairs"),
    )
    [judged] = judge([f], {"d.md"})
    assert judged.severity == "info"
    assert "the archive itself disagrees: 2 archive sources agree, 1 disagrees" in judged.message
    [view] = judged.drafts
    assert (view.value, view.agree, view.disagree, view.blamed) == (
        "Foreign Minister",
        ("a.txt", "b.txt"),
        ("c.txt",),
        False,
    )
    assert judged.as_dict()["drafts"][0]["agree_count"] == 2  # an added key of the JSON contract


def test_a_draft_contradicting_the_majority_or_unsupported_keeps_the_check_severity():
    against_majority = title_finding(
        place("d.md", "Deputy Minister of Foreign Affairs"),
        place("a.txt", "Foreign Minister"),
        place("b.txt", "Foreign Minister"),
        place("c.txt", "Deputy Minister of Foreign Affairs"),
    )
    unsupported = title_finding(place("d.md", "First Deputy Minister"), place("a.txt", "Foreign Minister"))
    for f in (against_majority, unsupported):
        [judged] = judge([f], {"d.md"})
        assert judged.severity == "error" and judged.drafts[0].blamed


def test_a_draft_quoting_one_source_word_for_word_is_never_blocked():
    ours = "The time is not far off when you will come to Russia"
    theirs = "The time is not far away when you will come to the same Russia"
    f = Finding(
        "quote-mismatch",
        "warning",
        "A quote is worded differently",
        "Lukashenko",
        [ours, theirs],
        [
            place("d.md", ours[:20], f"“{ours},” he said."),
            place("a.txt", ours[:20], f"“{ours},” he said."),
            place("b.txt", theirs[:20], f"“{theirs}.”"),
            place("c.txt", theirs[:20], f"He said: “{theirs}.”"),
        ],
    )
    [judged] = judge([f], {"d.md"})
    assert judged.severity == "info" and judged.drafts[0].value == ours
    lines = comparison(judged)
    assert lines[0].startswith(f"draft: {ours}") and lines[1] == f"b (+1 more): {theirs}"


def test_findings_with_one_stated_value_or_no_archive_are_left_alone():
    vague = Finding(
        "vague-date",
        "warning",
        "Vague date",
        "June of that year",
        ["June of that year"],
        [place("d.md", "June of that year"), place("a.txt", "June of that year")],
    )
    own = Finding(
        "duplicate-passage",
        "warning",
        "Repeated",
        "x",
        ["x"],
        [place("d.md", "x", line=1), place("d.md", "x", line=9)],
    )
    assert [f.severity for f in judge([vague, own], {"d.md"})] == ["warning", "warning"]


def test_the_fact_sheet_beats_the_archive_majority():
    f = title_finding(
        place("d.md", "Deputy Minister of Foreign Affairs"),
        place("a.txt", "Foreign Minister"),
        place("b.txt", "Foreign Minister"),
    )

    def sheet_says(finding, value, draft):
        return value == "Deputy Minister of Foreign Affairs", "facts.yaml: Murat Nurtleu"

    [clean] = judge([f], {"d.md"}, sheet_says)
    assert clean.severity == "info" and "fact sheet agrees" in clean.message
    g = title_finding(
        place("d.md", "Foreign Minister"),
        place("a.txt", "Foreign Minister"),
        place("b.txt", "Foreign Minister"),
        severity="warning",
    )
    g.values.append("Deputy Minister of Foreign Affairs")
    g.evidence.append(place("c.txt", "Deputy Minister of Foreign Affairs"))
    [blamed] = judge([g], {"d.md"}, sheet_says)
    assert (
        blamed.severity == "error"
        and "contradicts the fact sheet: facts.yaml: Murat Nurtleu" in blamed.message
    )


# --- baselines: per-place keys that survive pre-commit ----------------------------------------------------------


def test_baseline_key_ignores_file_names_lines_other_documents_and_source_counts():
    a = title_finding(
        place("drafts/d.md", "Deputy Minister", "Deputy Minister Murat Nurtleu met him.", line=3),
        place("published/a.txt", "Foreign Minister"),
    )
    b = title_finding(
        place("drafts/renamed.md", "Deputy Minister", "Deputy  Minister Murat Nurtleu met him.", line=40),
        place("published/x.txt", "Foreign Minister"),
        place("published/y.txt", "Foreign Minister"),
    )
    keys_a = [e["key"] for e in entries(a, {"drafts/d.md"})]
    keys_b = [e["key"] for e in entries(b, {"drafts/renamed.md"})]
    assert keys_a == keys_b and len(keys_a) == 1


def test_a_relabelled_baseline_entry_suppresses_nothing_and_is_reported(tmp_path, cache_dir):
    folder = write(tmp_path / "c", CONFLICT)
    base = tmp_path / "baseline.json"
    scan(cache_dir, folder, "--write-baseline", base)
    data = json.loads(base.read_text())
    for e in data["findings"]:
        e["check"] = "vague-date"  # relabelled: the key no longer matches what the entry says
    base.write_text(json.dumps(data), encoding="utf-8")
    result, report = scan(cache_dir, folder, "--baseline", base)
    assert "title-conflict" in checks(report) and result.exit_code == 1
    assert "does not match its own check, subject, value and sentence; ignored" in result.stderr


def test_a_missing_baseline_counts_as_empty_with_a_note(tmp_path, cache_dir):
    result, report = scan(cache_dir, write(tmp_path / "c", CONFLICT), "--baseline", tmp_path / "none.json")
    assert result.exit_code == 1 and "title-conflict" in checks(report)
    assert "none.json: baseline file not found; treating it as empty" in result.stderr


def test_suppressed_findings_are_listed_with_where_and_why(tmp_path, cache_dir):
    folder = write(tmp_path / "c", CONFLICT)
    base = tmp_path / "baseline.json"
    scan(cache_dir, folder, "--write-baseline", base)
    _, report = scan(cache_dir, folder, "--baseline", base)
    [entry] = [s for s in report["suppressed"] if s["check"] == "title-conflict"]
    assert entry["why"] == "baseline" and entry["where"].split(":")[0].endswith((".txt", ".md"))
    result = CliRunner().invoke(
        cli, ["scan", str(folder), "--baseline", str(base), "--cache-dir", str(cache_dir)]
    )
    assert "Not reported, with where and why" in result.stdout


# --- inline markers: only in judged documents, never unknown, switchable off --------------------------------------


def test_a_marker_naming_an_unknown_check_is_a_warning_with_did_you_mean(tmp_path, cache_dir):
    folder = write(
        tmp_path / "c",
        {
            **CONFLICT,
            "b.md": "# Envoy\n\n<!-- factcheck: ignore title-conflcit -->\n"
            + CONFLICT["b.md"].split("\n\n", 1)[1],
        },
    )
    result, report = scan(cache_dir, folder)
    assert "title-conflict" in checks(report)
    assert (
        "inline marker names unknown check 'title-conflcit' (did you mean 'title-conflict'?)" in result.stderr
    )


def test_a_marker_in_an_evidence_document_never_silences_a_draft_finding(tmp_path, cache_dir):
    published = write(
        tmp_path / "published",
        {
            "a.txt": "Summit\nPublished: 2024-08-23\n\nfactcheck: ignore\n"
            "Foreign Minister Murat Nurtleu met the Belarusian ambassador in Astana on Monday.\n"
        },
    )
    drafts = write(tmp_path / "drafts", {"b.md": CONFLICT["b.md"]})
    result, report = scan(cache_dir, drafts / "b.md", "--against", published)
    assert "title-conflict" in checks(report) and result.exit_code == 1


def test_no_inline_ignores_flag_and_config_honour_no_marker(tmp_path, cache_dir, monkeypatch):
    folder = write(
        tmp_path / "c",
        {
            **CONFLICT,
            "b.md": "# Envoy\n\n<!-- factcheck: ignore title-conflict -->\n"
            + CONFLICT["b.md"].split("\n\n", 1)[1],
        },
    )
    _, report = scan(cache_dir, folder, "--no-inline-ignores")
    assert "title-conflict" in checks(report)
    (tmp_path / "factcheck.toml").write_text("inline-ignores = false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, report = scan(cache_dir, folder)
    assert "title-conflict" in checks(report)


def test_unknown_check_in_accept_is_an_error(tmp_path, cache_dir, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('[accept]\nname-mispelling = ["Nurleu"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, _ = scan(cache_dir, write(tmp_path / "c", CONFLICT))
    assert (
        result.exit_code == 2
        and "unknown check 'name-mispelling' (did you mean 'name-misspelling'?)" in result.stderr
    )


def test_a_baseline_written_from_the_whole_folder_holds_for_one_draft_against_the_archive(
    tmp_path, cache_dir
):
    published = write(tmp_path / "articles" / "published", {"a.txt": CONFLICT["a.txt"]})
    drafts = write(tmp_path / "articles" / "drafts", {"b.md": CONFLICT["b.md"]})
    base = tmp_path / "baseline.json"
    result, _ = scan(
        cache_dir, tmp_path / "articles", "--write-baseline", base
    )  # no --against: every file judged
    assert result.exit_code == 0
    result, report = scan(cache_dir, drafts / "b.md", "--against", published)
    assert "title-conflict" in checks(report) and result.exit_code == 1  # without the baseline: blocked
    result, report = scan(cache_dir, drafts / "b.md", "--against", published, "--baseline", base)
    assert "title-conflict" not in checks(report) and result.exit_code == 0
    assert [s["why"] for s in report["suppressed"]] == ["baseline"]


def test_baseline_key_leaves_a_file_name_in_the_subject_out():
    said = "The fund reached $2.1 billion, officials said."
    a = Finding(
        "single-source",
        "info",
        "Only one source",
        "only in a.txt",
        ["$2.1 billion"],
        [place("a.txt", "$2.1 billion", said)],
    )
    b = Finding(
        "single-source",
        "info",
        "Only one source",
        "only in renamed.txt",
        ["$2.1 billion"],
        [place("renamed.txt", "$2.1 billion", said)],
    )
    assert [e["key"] for e in entries(a, None)] == [e["key"] for e in entries(b, None)]


def test_markdown_shows_a_quote_difference_as_two_labelled_lines(tmp_path, cache_dir):
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    draft = write(
        tmp_path / "drafts",
        {
            "envoy.md": (
                "---\ntitle: Lukashenko's remarks\ndate: 2024-08-23\n---\n\n"
                "Belarusian leader Aleksandr Lukashenko criticised Kazakhstan in an interview broadcast on August 15.\n\n"
                "“The time is not far off when you will come to Russia and ask for support and help. There is no one else to ask,” "
                "Lukashenko said in the interview.\n"
            )
        },
    )
    result = CliRunner().invoke(
        cli,
        [
            "scan",
            str(draft / "envoy.md"),
            "--against",
            str(seeds),
            "--format",
            "markdown",
            "--cache-dir",
            str(cache_dir),
        ],
    )
    lines = result.stdout.splitlines()
    ours = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("    draft: The time is not far off when you will come to Russia")
    )
    assert lines[ours + 1] == (
        "    004: The time is not far away when you will come to the same Russia "
        "and ask for support and help."
    )
    assert result.exit_code == 0  # the draft quotes seed 001 word for word: never blocked


def test_the_added_drafts_and_suppressed_keys_follow_the_shipped_json_schema(tmp_path, cache_dir):
    import jsonschema

    from factcheck.report import json as json_report

    published = write(tmp_path / "published", {"a.txt": CONFLICT["a.txt"]})
    drafts = write(tmp_path / "drafts", {"b.md": CONFLICT["b.md"]})
    _, report = scan(cache_dir, drafts / "b.md", "--against", published)
    assert report["findings"][0]["drafts"][0]["document"].endswith("b.md")
    jsonschema.Draft202012Validator(json_report.schema()).validate(report)
    base = tmp_path / "baseline.json"
    scan(cache_dir, drafts / "b.md", "--against", published, "--write-baseline", base)
    _, report = scan(cache_dir, drafts / "b.md", "--against", published, "--baseline", base)
    assert report["suppressed"] and report["set_aside"]["baselined"] == 1
    jsonschema.Draft202012Validator(json_report.schema()).validate(report)
    broken = {**report, "suppressed": [{"id": "x"}]}  # the schema does check the added key
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(json_report.schema()).validate(broken)


def test_a_value_inside_another_is_no_support_unless_the_check_reads_them_as_one():
    f = title_finding(
        place("d.md", "Deputy Foreign Minister"),
        place("a.txt", "Foreign Minister"),
        place("b.txt", "Foreign Minister"),
    )
    [judged] = judge([f], {"d.md"})
    assert (
        judged.severity == "error" and judged.drafts[0].agree == ()
    )  # "Foreign Minister" is not "Deputy Foreign Minister"
    g = title_finding(
        place("d.md", "Deputy Foreign Minister"),
        place("a.txt", "Deputy Minister of Foreign Affairs"),
        place("b.txt", "Deputy Minister of Foreign Affairs"),
        place("c.txt", "Foreign Minister"),
    )

    def one_post(finding, a, b):  # what title-conflict's lexicon says of these two phrasings
        return {a, b} == {"Deputy Foreign Minister", "Deputy Minister of Foreign Affairs"} or None

    [judged] = judge([g], {"d.md"}, same=one_post)
    assert judged.severity == "info" and judged.drafts[0].agree == ("a.txt", "b.txt")


def test_title_phrasings_are_read_with_the_title_lexicon(lex):
    from factcheck.gate.facts import same_title

    assert (
        same_title(lex.titles, "Deputy Foreign Minister", "Kazakhstan’s Deputy Minister of Foreign Affairs")
        is True
    )
    assert same_title(lex.titles, "Deputy Foreign Minister", "Foreign Minister") is False
    assert same_title(lex.titles, "Foreign Minister", "the envoy") is None


def test_a_baseline_that_is_a_fifo_is_refused_not_waited_on(tmp_path):
    import os as _os

    import pytest as _pytest

    from factcheck.gate import baseline as _gate

    fifo = tmp_path / "baseline.json"
    _os.mkfifo(fifo)
    with _pytest.raises(_gate.BaselineError, match="not a regular file"):
        _gate.read_baseline(fifo)


def test_a_fact_sheet_alias_bomb_is_refused(tmp_path):
    import pytest as _pytest

    from factcheck.gate.facts import FactSheet, FactsError

    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi")
    )
    (tmp_path / "facts.yaml").write_text(bomb, encoding="utf-8")
    with _pytest.raises(FactsError):
        FactSheet.load(tmp_path / "facts.yaml")


def test_one_count_feeds_the_message_the_comparison_and_json(lex):
    # a bare "Minister" says less than the draft's "Foreign Minister": neither agreement nor disagreement, everywhere
    from factcheck.gate.facts import title_relation

    def same(finding, a, b):
        return title_relation(lex.titles, a, b)

    f = title_finding(
        place("d.md", "Foreign Minister"),
        place("a.txt", "Foreign Minister"),
        place("b.txt", "Minister"),
        place("c.txt", "Deputy Minister of Foreign Affairs"),
    )
    [judged] = judge([f], {"d.md"}, same=same)
    view = judged.drafts[0].as_dict()
    assert (view["agree"], view["disagree"], view["less"]) == (["a.txt"], ["c.txt"], ["b.txt"])
    assert judged.severity == "info" and judged.message.endswith(
        "1 archive source agrees, 1 disagrees, 1 says less)"
    )
    lines = comparison(judged)
    assert lines[0] == "draft: Foreign Minister  (d.md; 1 archive source agrees, 1 disagrees, 1 says less)"
    assert lines[1:] == ["c: Deputy Minister of Foreign Affairs", "b (says less): Minister"]
    # "Defence Minister" finds no support in a bare "Minister"
    g = title_finding(
        place("d.md", "Defence Minister"), place("a.txt", "Foreign Minister"), place("b.txt", "Minister")
    )
    [judged] = judge([g], {"d.md"}, same=same)
    assert judged.severity == "error" and judged.drafts[0].agree == () and judged.drafts[0].less == ("b.txt",)
    assert comparison(judged)[0].endswith("(d.md; 0 archive sources agree, 1 disagrees, 1 says less)")
    # the other way round, a fuller title supports a draft's bare one
    assert title_relation(lex.titles, "Minister", "Foreign Minister") == 1


def test_the_primary_place_is_the_draft_or_else_the_odd_one_out():
    f = Finding(
        "title-conflict",
        "error",
        "m",
        "Jane Roe",
        ["Deputy Mayor", "Mayor"],
        [place("a.txt", "Mayor"), place("b.txt", "Mayor"), place("c.txt", "Deputy Mayor")],
    )
    assert f.primary.document == "c.txt"  # the minority, not the first file
    g = title_finding(
        place("a.txt", "Foreign Minister"),
        place("b.txt", "Foreign Minister"),
        place("z.md", "Defence Minister"),
    )
    [judged] = judge([g], {"z.md"})
    assert judged.primary.document == "z.md"
    h = title_finding(
        place("a.txt", "Foreign Minister"),
        place("z.md", "Foreign Minister"),
        place("c.txt", "Deputy Foreign Minister"),
    )
    [judged] = judge(
        [h], {"z.md"}
    )  # the draft agrees: still reported at the draft, the file the editor is committing
    assert judged.primary.document == "z.md"
