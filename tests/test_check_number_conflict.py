"""number-conflict: pass and fail examples, run end to end with the real model."""

import pytest


def values(report, of_check):
    return [(f["severity"], f["values"]) for f in of_check(report, "number-conflict")]


def test_fail_money(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Trade\nExports from Kazakhstan to Belarus totalled $153.07 million in 2023, the ministry said.\n",
            "b.txt": "Trade\nExports from Kazakhstan to Belarus totalled $135.07 million in 2023, according to the ministry.\n",
        }
    )
    assert values(report, of_check) == [("warning", ["$135.07 million", "$153.07 million"])]


def test_pass_approximations_that_overlap(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "March\nAbout 30,000 people marched through the capital on Sunday to protest the law.\n",
            "b.txt": "March\nRoughly 31,000 people marched through the capital on Sunday to protest the new law.\n",
        }
    )
    assert values(report, of_check) == []


def test_approximate_values_far_apart_are_info(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "March\nAbout 30,000 people marched through the capital on Sunday to protest the law.\n",
            "b.txt": "March\nRoughly 45,000 people marched through the capital on Sunday to protest the new law.\n",
        }
    )
    assert values(report, of_check) == [("info", ["About 30,000", "Roughly 45,000"])]


def test_pass_units_are_converted(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Tower\nThe 984-foot tower was finished in the spring after three years of work.\n",
            "b.txt": "Tower\nThe 300-metre tower was finished in the spring after three years of work.\n",
        }
    )
    assert values(report, of_check) == []


def test_pass_a_part_is_not_the_total(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Accident\nSix workers were injured when the scaffolding fell at the site.\n",
            "b.txt": "Accident\nTwo of the six workers injured when the scaffolding fell are still in hospital.\n",
        }
    )
    assert values(report, of_check) == []


def test_fail_attribute_year(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Bridge\nThe bridge opened in 1977 and carried thousands of cars a day.\n",
            "b.txt": "Bridge\nThe bridge opened in 1979 and carried thousands of cars every day.\n",
        }
    )
    assert values(report, of_check) == [("warning", ["1977", "1979"])]


def test_fail_a_headline_left_behind_by_its_article(scan_texts, of_check):
    # one document at one time: "at least 17" over "at least 18" is not an update, one of them was not changed
    _, report = scan_texts(
        {
            "a.txt": "At least 17 climbers dead after avalanche\n\nAn avalanche hit the base camp on Sunday, killing at least 18, "
            "an official said.\n",
        }
    )
    (f,) = of_check(report, "number-conflict")
    assert f["severity"] == "warning" and "headline" in f["message"]
    assert f["values"] == ["At least 17", "at least 18"]


def test_pass_a_headline_that_rounds_its_article(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Death toll rises above 3,000 after quake\n\nPolice say at least 3,617 people have been killed by the "
            "earthquake.\n",
            "b.txt": "At least 18 climbers dead after avalanche\n\nAn avalanche hit the base camp, killing at least 18, officials said.\n",
        }
    )
    assert of_check(report, "number-conflict") == []


_BOXED = (
    "# Bus plunges into gorge\n\n- {point} people were killed when the bus left the road\n- The driver survived\n\n"
    "A bus carrying pilgrims plunged into a gorge near Velmora on Wednesday, killing 54 people, police said.\n"
)


def test_fail_a_summary_box_left_behind_by_its_article(scan_texts, of_check):
    """The list of points a body opens with is the article's own digest, as a headline is: a figure in it that
    no figure of the body agrees with is the page contradicting itself."""
    _, report = scan_texts({"a.md": _BOXED.format(point="45")})
    (f,) = of_check(report, "number-conflict")
    assert f["severity"] == "warning" and f["message"].startswith("The summary says '45'")


def test_fail_the_points_after_a_label_are_a_summary_box(scan_texts, of_check):
    text = (
        "# Bus plunges into gorge\n\nA bus carrying pilgrims plunged into a gorge near Velmora on Wednesday, killing "
        "54 people, police said.\n\nKey points:\n\n- 45 people were killed\n- The driver survived\n"
    )
    _, report = scan_texts({"a.md": text})
    (f,) = of_check(report, "number-conflict")
    assert f["message"].startswith("The summary says '45'")


@pytest.mark.parametrize(
    "text",
    [
        _BOXED.format(point="54"),  # the box agrees with its article
        # a list later in the body, under no label, is the body itself: two tolls of it are a story's to tell
        "# Bus plunges into gorge\n\nA bus carrying pilgrims plunged into a gorge near Velmora on Wednesday, killing "
        "54 people, police said.\n\n- 45 people were killed in a crash on the same road last year\n",
    ],
)
def test_pass_a_box_that_agrees_or_a_list_inside_the_body(scan_texts, of_check, text):
    _, report = scan_texts({"a.md": text})
    assert [f for f in of_check(report, "number-conflict") if f["message"].startswith("The summary")] == []


def test_rounds():
    from factcheck.checks.number_conflict import rounds

    assert rounds(3000, 3617) and rounds(120, 123) and rounds(100, 180)
    assert not rounds(17, 18) and not rounds(3500, 5617) and not rounds(125, 128)


def test_pass_a_price_per_share_and_the_deal_are_two_quantities(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Deal\n\nAmazon will pay $42 a share in cash for Whole Foods Market, the companies said on Friday.\n",
            "b.txt": "Deal\n\nAmazon will pay about $13.7 billion in cash for Whole Foods Market, the companies said on Friday.\n",
            "c.txt": "Deal\n\nWhole Foods Market shares closed at $32.77 before Amazon said it would pay cash for the grocer.\n",
        }
    )
    assert of_check(report, "number-conflict") == []


def test_comparable_figures_are_within_max_ratio(lex):
    from factcheck.checks import CHECK_TYPES
    from tests.test_claims import quantity, rule

    check = CHECK_TYPES["number-conflict"](rule("number-conflict"))
    assert check.comparable(
        quantity("a.txt", "amount (USD)", 45, "45"), quantity("b.txt", "amount (USD)", 50, "50")
    )
    assert not check.comparable(
        quantity("a.txt", "amount (USD)", 32.77, "$32.77"),
        quantity("b.txt", "amount (USD)", 13.7e9, "$13.7 billion"),
    )


def _ages(scan_texts, of_check, first: tuple[str, int], second: tuple[str, int]):
    """One person's age in two made-up reports: (publication date, age) each."""
    texts = {}
    for name, (date, age) in zip(("a.txt", "b.txt"), (first, second)):
        texts[name] = (
            f"Trial\n\nPublished: {date}\n\n"
            f"The court heard that Daria Velenko, {age}, had driven the lorry through the barrier at the depot.\n"
        )
    _, report = scan_texts(texts)
    return values(report, of_check)


def test_fail_one_persons_age_given_two_ways_on_one_day(scan_texts, of_check):
    # 34 / 43: transposed digits, the same day: no birthday explains it
    assert _ages(scan_texts, of_check, ("2024-03-02", 34), ("2024-03-02", 43)) == [("warning", ["34", "43"])]


def test_pass_an_age_a_year_apart_is_asked_not_asserted(scan_texts, of_check):
    # a birthday may fall between two reports, or one gives the age at the crash and one the age at the trial
    assert _ages(scan_texts, of_check, ("2024-03-02", 45), ("2024-03-04", 46)) == [("info", ["45", "46"])]


def test_pass_an_age_that_moved_with_the_years_between_reports(scan_texts, of_check):
    # 29 at the arrest, 31 at the verdict two years and more later
    assert _ages(scan_texts, of_check, ("2021-06-01", 29), ("2023-09-15", 31)) == [("info", ["29", "31"])]


def test_fail_an_age_that_moved_more_than_the_years_between_reports(scan_texts, of_check):
    assert _ages(scan_texts, of_check, ("2023-01-10", 29), ("2023-09-15", 33)) == [("warning", ["29", "33"])]


def test_full_years_between_report_dates():
    from factcheck.checks.number_conflict import full_years

    assert full_years("2019-12-30", "2020-01-02") == 0
    assert full_years("2021-06-01", "2023-09-15") == 2
    assert full_years(None, "2023-09-15") == 0
    assert full_years("undated", "2023-09-15") == 0


def test_pass_a_headline_total_whose_parts_its_article_lists(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Nine killed in school shooting in Tavrin\n\nPublished: 2024-04-10\n\n"
            "A gunman opened fire at a school in Tavrin on Tuesday. Seven children and two teachers were killed.\n",
            "b.txt": "52 dead in mine fire\n\nPublished: 2024-04-10\n\n"
            "A fire at the Kuzbass mine on Thursday killed 46 miners and six rescuers, officials said.\n",
        }
    )
    assert values(report, of_check) == []


def test_fail_a_headline_total_its_articles_parts_do_not_reach(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "52 dead in mine fire\n\nPublished: 2024-04-10\n\n"
            "A fire at the Kuzbass mine on Thursday killed 46 miners and five rescuers, officials said.\n",
            "b.txt": "Mine fire\n\nPublished: 2024-04-10\n\nRescue teams searched the shafts through the night.\n",
        }
    )
    assert values(report, of_check) == [("warning", ["52", "46"])]  # the headline first


def _jailed(*terms: str) -> dict:
    return {
        f"{n}.txt": f"Mayor jailed\nPublished: 2022-05-10\nA court in Varno on Tuesday {t} former mayor Petar Dorvik for taking bribes.\n"
        for n, t in zip("abc", terms)
    }


def test_fail_a_prison_term_told_two_ways(scan_texts, of_check):
    # the length of a sentence is a fact of the verdict: one outlier against a majority
    _, report = scan_texts(
        _jailed("gave a 12-year prison sentence to", "jailed for 14 years", "handed 12 years in prison to")
    )
    assert values(report, of_check) == [("warning", ["12 years", "12-year", "14 years"])]


def test_pass_a_maximum_or_a_part_is_no_other_reading_of_the_term(scan_texts, of_check):
    # the term the law allows, the term asked for and the parts of a sum are other quantities than the
    # term imposed: silence, never a conflict
    _, report = scan_texts(
        _jailed(
            "handed 12 years in prison to",
            "gave the maximum of 20 years in prison to",
            "gave eight years in prison plus four years for fraud to",
        )
    )
    assert values(report, of_check) == []


def test_pass_other_durations_are_no_term(scan_texts, of_check):
    # "after a six-week trial" and "three years of work" are no fact a source could misreport as a term
    _, report = scan_texts(
        {
            "a.txt": "Mayor jailed\nPublished: 2022-05-10\nAfter a six-week trial, Petar Dorvik was sentenced to 12 years in prison.\n",
            "b.txt": "Mayor jailed\nPublished: 2022-05-10\nAfter a four-week trial, Petar Dorvik was sentenced to 12 years in prison.\n",
        }
    )
    assert values(report, of_check) == []


def test_fail_a_share_named_by_the_noun_it_qualifies(scan_texts, of_check):
    # "a 30 percent stake": no attribute word names the share, the noun after it does
    _, report = scan_texts(
        {
            "a.txt": "Ostra\nPublished: 2023-02-14\nMalmo Capital, which holds a 30 percent stake in Ostra, declined to comment.\n",
            "b.txt": "Ostra\nPublished: 2023-02-14\nMalmo Capital, owner of a 35 percent stake in Ostra, declined to comment.\n",
        }
    )
    assert values(report, of_check) == [("warning", ["30 percent", "35 percent"])]


def test_pass_bare_percentages_and_shares_of_other_nouns_are_not_compared(scan_texts, of_check):
    # a percentage no word names ("fell 12 percent") is a share of nothing known; a stake and a discount are two
    _, report = scan_texts(
        {
            "a.txt": "Ostra\nPublished: 2023-02-14\nOstra stock lost 12 percent after Malmo Capital sold a 30 percent stake in it.\n",
            "b.txt": "Ostra\nPublished: 2023-02-14\nOstra stock lost 21 percent after Malmo Capital sold shares at a 35 percent discount.\n",
        }
    )
    assert values(report, of_check) == []


def _race(*texts: str) -> dict:
    return {f"{n}.txt": f"Vote count\nPublished: 2022-08-15\n{t}\n" for n, t in zip("abc", texts)}


def test_fail_a_candidates_share_told_two_ways_across_clauses(scan_texts, of_check):
    # the second share's clause leaves out the verb ("and Roe 44.1 percent"), and the third is in brackets after the
    # votes it is a share of: both are Roe's share of the vote, one outlier against a majority
    _, report = scan_texts(
        _race(
            "Anna Lind received 54.2 percent of the vote and Roe 44.1 percent, the commission said.",
            "Lind won with 54.2 percent of the votes, ahead of her rival Peter Roe on 44.1 percent.",
            "Lind's rival Peter Roe received 1,200,400 votes (41.4%), the commission said.",
        )
    )
    assert values(report, of_check) == [("warning", ["41.4%", "44.1 percent"])]


def test_pass_two_candidates_shares_are_two_quantities(scan_texts, of_check):
    # each share belongs to the name before it in its clause: Lind's and Roe's are never one figure
    _, report = scan_texts(
        _race(
            "Anna Lind received 54.2 percent of the vote and Roe 44.1 percent, the commission said.",
            "Peter Roe took 44.1 percent of the votes, the commission said.",
            "Anna Lind took 54.2 percent of the votes, the commission said.",
        )
    )
    assert values(report, of_check) == []


def test_pass_a_bound_is_no_second_figure_of_its_source(scan_texts, of_check):
    # "at least 25 percent" (the rule a winner must meet) agrees with any share above it: it does not make the
    # source a teller of the other side's figure, so the outlier stays a warning
    _, report = scan_texts(
        _race(
            "Peter Roe received 44.1 percent of the vote. A winner needs at least 25 percent of the votes in 24 counties.",
            "Peter Roe took 44.1 percent of the votes, the commission said.",
            "Peter Roe took 41.4 percent of the votes, the commission said.",
        )
    )
    assert values(report, of_check) == [("warning", ["41.4 percent", "44.1 percent"])]


def test_fail_one_persons_age_in_two_romanisations(scan_texts, of_check):
    # the age beside a name is that person's, whichever side the name stands and however it is romanised: one
    # age a year off is asked (a birthday may lie between), never dropped for want of a shared attribute
    _, report = scan_texts(
        {
            "a.txt": "Court\nPublished: 2024-03-25\nDalerdzhon Mirzoyev, a 33-year-old citizen of Tajikistan, confessed in court.\n",
            "b.txt": "Court\nPublished: 2024-03-25\nThe court charged Dalerdzhon Mirzoyev, 32; Shamsidin Fariduni, 25; and two others.\n",
            "c.txt": "Court\nPublished: 2024-03-25\nThose held are 32-year-old Dalerjon Mirzoev and 25-year-old Shamsidin Faridun.\n",
        }
    )
    assert values(report, of_check) == [("info", ["32", "32-year-old", "33-year-old"])]


def test_pass_ages_in_a_list_are_each_their_own_persons(scan_texts, of_check):
    # "32-year-old Mirzoev, 30-year-old Rachabalizoda": the name before a comma is the previous age's person
    _, report = scan_texts(
        {
            "a.txt": "Court\nPublished: 2024-03-25\nThose held are 32-year-old Dalerjon Mirzoev, 30-year-old Saidakrami Rachabalizoda and others.\n",
            "b.txt": "Court\nPublished: 2024-03-25\nThe court charged Dalerdzhon Mirzoyev, 32, and Saidakrami Rachabalizoda, 30, on Sunday.\n",
        }
    )
    assert values(report, of_check) == []


def _aboard(*lists: str) -> dict:
    return {f"{n}.txt": f"Crash\nPublished: 2023-01-16\n{t}\n" for n, t in zip("abc", lists)}


def test_fail_a_nationality_counted_two_ways(scan_texts, of_check):
    # a people named by nationality is as specific as a person: "five Russians" and "4 Russian" in lists of other
    # sentences are one count, and "one Irish national" is a count, not the pronoun "one"
    _, report = scan_texts(
        _aboard(
            "The dead included 53 Nepali citizens, five Russians, four Irish nationals and one French citizen.",
            "By nationality, the passengers were: 53 Nepalese, 4 Russian, 1 Irish and 1 French.",
            "Officials said 53 Nepalis, four Russians, one Irish national, two Koreans, and a French national were on board.",
        )
    )
    assert sorted(values(report, of_check)) == [
        ("warning", ["1", "four", "one"]),
        ("warning", ["4", "five", "four"]),
    ]


def test_pass_nationalities_and_dates_are_not_one_count(scan_texts, of_check):
    # four Russians are no reading of two Koreans, and "on 15 January" counts no Januarian
    _, report = scan_texts(
        _aboard(
            "The plane crashed on 15 January with five Indians, four Russians and two Koreans on board.",
            "The plane crashed on 16 January with five Indians, four Russians and two Koreans on board.",
        )
    )
    assert values(report, of_check) == []
