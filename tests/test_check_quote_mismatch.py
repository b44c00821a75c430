"""quote-mismatch: pass and fail examples, run end to end with the real model."""

from factcheck.checks.quote_mismatch import word_diff


def test_fail_same_speaker_different_wording(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Interview\n“The time is not far off when you will come to Russia and ask for help,” Lukashenko said.\n",
            "b.txt": "Criticism\nLukashenko stated: “The time is not far away when you will come to the same Russia and ask for help.”\n",
        }
    )
    (f,) = of_check(report, "quote-mismatch")
    assert f["subject"] == "Lukashenko"
    assert "[-off-] {+away+}" in f["message"]


def test_fail_a_post_is_its_authors_quote(scan_texts, of_check):
    # a tweet or a post is said by its author: the quote is Musk's, not an unnamed speaker's
    _, report = scan_texts(
        {
            "a.txt": "Takeover\n“The bird is freed,” Musk tweeted after closing the deal on Thursday night.\n",
            "b.txt": "Takeover\n“The bird is free,” Musk posted after he closed the deal on Thursday night.\n",
        }
    )
    (f,) = of_check(report, "quote-mismatch")
    assert f["subject"] == "Musk"


def test_pass_identical_quote(scan_texts, of_check):
    quote = "“Our country is firmly convinced that disagreements should be resolved by diplomatic means,”"
    _, report = scan_texts(
        {"a.txt": f"Statement\n{quote} the ministry said.\n", "b.txt": f"Statement\n{quote} Nurtleu said.\n"}
    )
    assert of_check(report, "quote-mismatch") == []


def test_pass_paraphrase_outside_quotation_marks(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Interview\n“The time is not far off when you will come to Russia and ask for help,” Lukashenko said.\n",
            "b.txt": "Criticism\nLukashenko said the time was not far away when they would come to Russia and ask for help.\n",
        }
    )
    assert of_check(report, "quote-mismatch") == []


def test_pass_different_speakers_are_not_compared_here(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Interview\n“The time is not far off when you will come to Russia and ask for help,” Lukashenko said.\n",
            "b.txt": "Interview\n“The time is not far away when you will come to Russia and ask for help,” Tokayev said.\n",
        }
    )
    assert of_check(report, "quote-mismatch") == []


def test_word_diff():
    assert word_diff("not far off now", "not far away now") == "not far [-off-] {+away+} now"


def test_fail_a_wording_that_straddles_a_sentence_boundary_is_shown_whole(scan_texts, of_check):
    # one outlet's single sentence is another's two: the neighbouring sentence of the same quotation joins
    _, report = scan_texts(
        {
            "a.txt": "Derby\nThe manager said: “It was normal emotion, fighting on the pitch is not a good example, for both teams.”\n",
            "b.txt": "Derby\nThe manager said: “There is nothing more to say, it was emotion. Fighting on the pitch is not a good "
            "example for both teams, but it is hard.”\n",
        }
    )
    (f,) = of_check(report, "quote-mismatch")
    assert any("it was emotion" in v for v in f["values"]) and any("normal emotion" in v for v in f["values"])
    assert len({e["text"] for e in f["evidence"]}) == 3  # both sentences of b are evidence


def test_a_refrain_pairs_each_sentence_with_its_own_counterpart_only(scan_texts, of_check):
    # "…nor did it speak to justice" is 83% like b's sentence, but a's first sentence is b's real counterpart
    _, report = scan_texts(
        {
            "a.txt": "Verdict\nThe lawyer said: “That number did not speak to the evidence that came out in trial. "
            "That number did not speak to evidence, nor did it speak to justice.”\n",
            "b.txt": "Verdict\nShe said: “That number did not speak to the evidence that came out at trial.”\n",
        }
    )
    (f,) = of_check(report, "quote-mismatch")
    assert "[-in-] {+at+}" in f["message"] or "[-at-] {+in+}" in f["message"]
    assert not any("justice" in e["text"] for e in f["evidence"])


def test_info_same_words_in_another_order(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Talks\n“The country’s foreign policy course developed by the head of state has proven its worth,” Nurtleu said.\n",
            "b.txt": "Talks\n“The foreign policy course of the country developed by the head of state has proven its worth,” "
            "Nurtleu said.\n",
        }
    )
    (f,) = of_check(report, "quote-mismatch")
    assert f["severity"] == "info" and "another order" in f["message"]


def test_reordered_needs_the_same_content_words():
    from factcheck.checks.quote_mismatch import reordered

    fw = frozenset({"the", "of", "s", "a", "an"})
    assert reordered("the country's course", "the course of the country", fw)
    assert not reordered("the country's course", "the course of the nation", fw)
    assert not reordered("we won the game", "we won the game easily", fw)


# ---------------------------------------------------------------- fragments, ellipses, unnamed speakers (issue 19)


def test_pass_an_ellipsis_is_a_gap(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Talks\n“We will rebuild every house in the valley, and we will do it before the winter comes,” the governor said.\n",
            "b.txt": "Talks\n“We will rebuild every house … before the winter comes,” the governor said.\n",
        }
    )
    assert of_check(report, "quote-mismatch") == []


def test_fail_a_fragment_is_compared_with_the_span_it_stands_for(scan_texts, of_check):
    long = (
        "“We will rebuild every house in the valley, and we will finish the work before the winter comes, "
        "whatever it costs the region and whatever the ministry says,” Governor Anna Petrova said."
    )
    _, report = scan_texts(
        {
            "a.txt": f"Talks\n{long}\n",
            "b.txt": "Talks\nGovernor Anna Petrova promised to “rebuild every home in the valley,” she said.\n",
        }
    )
    (f,) = of_check(report, "quote-mismatch")
    # only the span the fragment stands for is compared: house / home, not the rest of the long quote
    assert "ministry" not in " ".join(f["values"])


def test_quotes_with_no_named_speaker_are_asked_at_info(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Flood\n“The water came up to the second floor in less than an hour,” one resident recalled.\n",
            "b.txt": "Flood\n“The water rose up to the second floor in less than one hour,” a resident recalled.\n",
        }
    )
    assert {f["severity"] for f in of_check(report, "quote-mismatch")} == {"info"}
