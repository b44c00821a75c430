"""quote-mismatch: pass and fail examples, run end to end with the real model."""

from factcheck.checks.quote_mismatch import word_diff


def test_fail_same_speaker_different_wording(scan_texts, of_check):
    _, report = scan_texts({
        "a.txt": "Interview\n“The time is not far off when you will come to Russia and ask for help,” Lukashenko said.\n",
        "b.txt": "Criticism\nLukashenko stated: “The time is not far away when you will come to the same Russia and ask for help.”\n",
    })
    (f,) = of_check(report, "quote-mismatch")
    assert f["subject"] == "Lukashenko"
    assert "[-off-] {+away+}" in f["message"]


def test_pass_identical_quote(scan_texts, of_check):
    quote = "“Our country is firmly convinced that disagreements should be resolved by diplomatic means,”"
    _, report = scan_texts({"a.txt": f"Statement\n{quote} the ministry said.\n", "b.txt": f"Statement\n{quote} Nurtleu said.\n"})
    assert of_check(report, "quote-mismatch") == []


def test_pass_paraphrase_outside_quotation_marks(scan_texts, of_check):
    _, report = scan_texts({
        "a.txt": "Interview\n“The time is not far off when you will come to Russia and ask for help,” Lukashenko said.\n",
        "b.txt": "Criticism\nLukashenko said the time was not far away when they would come to Russia and ask for help.\n",
    })
    assert of_check(report, "quote-mismatch") == []


def test_pass_different_speakers_are_not_compared_here(scan_texts, of_check):
    _, report = scan_texts({
        "a.txt": "Interview\n“The time is not far off when you will come to Russia and ask for help,” Lukashenko said.\n",
        "b.txt": "Interview\n“The time is not far away when you will come to Russia and ask for help,” Tokayev said.\n",
    })
    assert of_check(report, "quote-mismatch") == []


def test_word_diff():
    assert word_diff("not far off now", "not far away now") == "not far [-off-] {+away+} now"
