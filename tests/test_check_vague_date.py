"""vague-date: pass and fail examples, run end to end with the real model."""


def values(report, of_check):
    return sorted(v for f in of_check(report, "vague-date") for v in f["values"])


def test_fail_that_year_without_a_nearby_year_and_chained_relative(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": (
                "Policy\nUnrest shook the country in early 2022.\n"
                "The government has long pursued a balanced policy.\n"
                "In June of that year, the president spoke at a forum. A month later, he called the council.\n"
            )
        }
    )
    # "A month later" counts from the unresolved June: one finding, not two
    (june,) = of_check(report, "vague-date")
    assert june["values"] == ["June of that year", "A month later"]
    assert "nearest earlier year in the text: 2022" in june["suggestion"]
    assert june["evidence"][0]["line"] == 4


def test_pass_that_year_right_after_a_year(scan_texts, of_check):
    _, report = scan_texts(
        {"a.txt": "Policy\nUnrest shook the country in 2022. In June of that year, the president spoke.\n"}
    )
    assert values(report, of_check) == []


def test_month_without_year_is_settled_by_a_close_document_date(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Talks\nAug 23, 2024\nThe interview aired on August 15. The summit is set for November 23.\n",
        }
    )
    assert values(report, of_check) == ["November 23"]


def test_fail_weekday_in_undated_document_and_pass_when_dated(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Talks\nThe minister spoke on Wednesday about the budget.\n",
            "b.txt": "Talks\nPublished: 2024-08-22\nThe minister spoke on Wednesday about the budget.\n",
        }
    )
    found = of_check(report, "vague-date")
    assert [e["document"].rsplit("/", 1)[-1] for f in found for e in f["evidence"]] == ["a.txt"]


def test_pass_dates_inside_quotes_are_the_speakers(scan_texts, of_check):
    _, report = scan_texts(
        {"a.txt": "Talks\n“Tomorrow, when he is gone, they will forget,” the president said.\n"}
    )
    assert values(report, of_check) == []


def test_undated_document_gets_one_finding_for_all_its_open_expressions(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": (
                "Talks\nThe minister spoke on Wednesday about the budget.\n"
                "On Friday the council met again, and yesterday the vote was delayed.\n"
            )
        }
    )
    (f,) = of_check(report, "vague-date")
    assert f["values"] == ["on Wednesday", "Friday", "yesterday"]
    assert "undated" in f["message"] and len(f["evidence"]) == 3


def test_month_far_from_the_document_date_suggests_the_inferred_year(scan_texts, of_check):
    # the text names 2019, so "in May" could be read as May 2019
    _, report = scan_texts(
        {
            "a.txt": "Talks\nPublished: 2024-08-22\nThe plan was first mooted in 2019. It was drafted "
            "in May by the ministry.\n"
        }
    )
    (f,) = of_check(report, "vague-date")
    assert "2024 (inferred)" in f["suggestion"]


def test_pass_earlier_this_year_when_no_other_year_is_named(scan_texts, of_check):
    # house style: a past date of the publication's own year needs no year, unless the text names another year
    _, report = scan_texts(
        {
            "a.txt": "Talks\nPublished: 2024-08-22\nThe plan was drafted in May by the ministry. "
            "Shares outstanding as of April 9 were counted. Talks began in April of this year.\n"
        }
    )
    assert of_check(report, "vague-date") == []


def test_fail_a_date_just_ahead_told_as_past_is_last_years(scan_texts, of_check):
    # an article of 20 April 2021: "was filmed on May 25" cannot be the coming 25 May, so the year is missing
    _, report = scan_texts(
        {
            "a.md": "---\ntitle: Verdict\ndate: 2021-04-20\n---\n\nThe officer was filmed on May 25 "
            "kneeling on the man's neck.\n"
        }
    )
    (f,) = of_check(report, "vague-date")
    assert f["values"] == ["May 25"] and f["severity"] == "warning"
    assert "2020 (inferred)" in f["suggestion"]


def test_pass_a_date_just_ahead_told_as_future(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.md": "---\ntitle: Verdict\ndate: 2021-04-20\n---\n\nThe judge was clear: the sentence "
            "will be handed down on May 25.\n"
        }
    )
    assert of_check(report, "vague-date") == []


def test_told_as_past():
    from factcheck.checks import CHECK_TYPES
    from factcheck.checks.vague_date import tense_patterns
    from factcheck.checks.vague_date import told_as_past as told

    shipped = CHECK_TYPES["vague-date"].defaults
    tense = tense_patterns(shipped["past_words"], shipped["future_words"])

    def told_as_past(before):
        return told(before, tense)

    assert told_as_past("He was filmed on") and told_as_past("Police arrested him on")
    assert not told_as_past("The report will be published on") and not told_as_past("The court meets on")
    assert not told_as_past("The report, published Tuesday, says the vote is on")


def test_pass_a_month_in_a_planned_or_future_clause_is_the_next_one(scan_texts, of_check):
    # an article of 24 August: each month is the coming one, however far ahead or behind in the calendar
    _, report = scan_texts(
        {
            "a.md": "---\ntitle: Visit\ndate: 2024-08-24\n---\n\n"
            "Nurtleu is expected to visit Minsk in December. Work will begin in September. "
            "The plant is due to start in June. The ministry plans to open talks in May. "
            "The minister, who is due to travel in April, declined to comment. "
            "Elections are held next March.\n"
        }
    )
    assert values(report, of_check) == []


def test_fail_the_same_months_with_nothing_planned_stay_vague(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.md": "---\ntitle: Visit\ndate: 2024-08-24\n---\n\n"
            "The plan was first mooted in 2019. Nurtleu visited Minsk in December. "
            "Work began in June.\n"
        }
    )
    # named without the sentence's full stop ("in June", not "in June.")
    assert values(report, of_check) == ["in December", "in June"]


def test_a_month_ahead_is_counted_both_ways_like_the_suggestion(scan_texts, of_check):
    # "lies 99 days from" counted forward while the suggestion inferred the past year: the message says both
    _, report = scan_texts(
        {"a.md": "---\ntitle: Festival\ndate: 2024-08-24\n---\n\nThe festival in December draws crowds.\n"}
    )
    (f,) = of_check(report, "vague-date")
    assert (
        "the coming one lies" in f["message"] and "days after the document's date 2024-08-24" in f["message"]
    )
    assert "the last one 267 days before it" in f["message"], f["message"]
    assert "2023 (inferred)" in f["suggestion"]


def test_a_recent_past_month_is_asked_at_info_and_an_old_one_warned(scan_texts, of_check):
    # "retook the enclave in September" in a February article: the last September, to any reader (issue 19).
    _, report = scan_texts(
        {
            "a.txt": "Vote\nPublished: 2024-02-07\nThe president called the vote after his forces retook the enclave in September.\n",
            "b.txt": "Vote\nPublished: 2024-03-20\nThe president called the vote after his forces retook the enclave in May.\n",
            # Earlier this year, in a text naming no other year: house style, and no reader takes it for another.
            "c.txt": "Vote\nPublished: 2024-11-20\nThe president called the vote after his forces retook the enclave in January.\n",
        }
    )
    by_doc = {
        f["evidence"][0]["document"].rsplit("/", 1)[-1]: f["severity"] for f in of_check(report, "vague-date")
    }
    assert by_doc == {"a.txt": "info", "b.txt": "warning"}


def test_pass_a_date_a_past_verb_names_is_the_coming_one(scan_texts, of_check):
    """Kind: "The governor declared 12 May a day of mourning" in an article of 11 May: the past tense tells when
    it was decided; the date is what was declared, the coming one. Told as past, it was read as last year's."""
    _, report = scan_texts(
        {
            "a.md": "---\ntitle: Mourning\ndate: 2023-05-11\n---\n\nThe governor declared 12 May a day of "
            "mourning for the miners.\n"
        }
    )
    assert of_check(report, "vague-date") == []


def _relative(body: str) -> dict:
    return {"a.txt": f"Mine blast\n\nPublished: 2024-04-10\n\n{body}\n"}


def test_pass_a_relative_date_counts_from_a_date_a_paragraph_back(scan_texts, of_check):
    # a reader carries Friday through the paragraph: "two days later" is Sunday
    _, report = scan_texts(
        _relative(
            "The mine exploded on Friday evening. Rescuers worked through the night. Families waited at the "
            "gates. Two days later, the last missing miner was found."
        )
    )
    assert values(report, of_check) == []


def test_fail_a_relative_date_with_nothing_to_count_from(scan_texts, of_check):
    _, report = scan_texts(
        _relative(
            "The mine exploded in the evening. Rescuers worked through the night. Two days later, the last "
            "missing miner was found."
        )
    )
    assert values(report, of_check) == ["Two days later"]
