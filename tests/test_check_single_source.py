"""single-source: pass and fail examples, run end to end with the real model."""

STORY = {
    "a.txt": "Collapse\nThe Kestrel Bridge collapsed during the evening rush hour.\n"
    "Investigators found 40 corroded cables in the north tower, according to a leaked report.\n",
    "b.txt": "Collapse\nThe Kestrel Bridge collapsed in the evening rush hour, sending cars into the river.\n",
}


def test_fail_a_figure_only_one_source_gives(scan_texts, of_check):
    _, report = scan_texts(STORY)
    (f,) = of_check(report, "single-source")
    assert f["values"] == ["40"] and f["severity"] == "info"
    assert f["evidence"][0]["document"].endswith("a.txt")


def test_pass_opinion_and_claims_other_sources_share(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Collapse\nThe Kestrel Bridge collapsed during the evening rush hour.\n"
            "It is perhaps the worst disaster the city has seen in 40 years.\n"
            "More than 1,200 people were evacuated from nearby homes, officials said.\n",
            "b.txt": "Collapse\nThe Kestrel Bridge collapsed in the evening rush hour.\n"
            "Police moved 1,200 people out of the houses near the river.\n",
        }
    )
    assert of_check(report, "single-source") == []


def test_pass_a_lone_article_has_no_second_source_to_miss(scan_texts, of_check):
    _, report = scan_texts({"a.txt": STORY["a.txt"]})
    assert of_check(report, "single-source") == []


def test_pass_opinion_with_a_figure_is_not_a_claim(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Collapse\nThe Kestrel Bridge collapsed during the evening rush hour.\n"
            "Unfortunately the city must now spend 40 years rebuilding its reputation for safe engineering.\n",
            "b.txt": "Collapse\nThe Kestrel Bridge collapsed in the evening rush hour, sending cars into the river.\n",
        }
    )
    assert of_check(report, "single-source") == []


def test_pass_a_money_figure_every_outlet_gives_in_other_words(scan_texts, of_check):
    # "$4.6 million library" / "$4.6 million building": one amount, stated by all three, is not one outlet's alone
    _, report = scan_texts(
        {
            "a.txt": "Library\nThe council approved a $4.6 million library for the east side of town on Monday evening.\n",
            "b.txt": "Library\nCouncillors backed the $4.6 million building after a long debate about its location downtown.\n",
            "c.txt": "Library\nThe town will spend $4.6 million on the new library, which opens to readers next spring.\n",
        }
    )
    assert [f for f in of_check(report, "single-source") if "$4.6 million" in f["values"]] == []


def test_the_message_names_the_claim(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Collapse\nThe Kestrel Bridge collapsed during the evening rush hour.\n"
            "Investigators found 40 corroded cables in the north tower, according to a leaked report.\n",
            "b.txt": "Collapse\nThe Kestrel Bridge collapsed in the evening rush hour, sending cars into the river.\n",
        }
    )
    (f,) = of_check(report, "single-source")
    assert f["message"] == "A check-worthy claim that only a.txt makes: '40'"
