"""The kinds of false alarm and miss that unseen coverage showed, each on made-up text (no model).

Each test names a general kind of error (issue 19): pooled figures, moving figures,
figures of another time, remainders, precision as written, romanisations called
misspellings. The checks run on hand-built claims through tests/test_claims.py's
helpers, so what decides is visible here.
"""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.checks.number_conflict import NumberConflict, partial, step, years_named
from factcheck.models import Claim

from test_claims import corpus, rule, sentence


def figure(
    path: str,
    attribute: str,
    value: float,
    text: str,
    around: str = "{}",
    subject: str = "",
    date: str | None = "2024-08-23",
    unit: str = "count",
    qualifiers=(),
) -> Claim:
    """A quantity claim whose sentence is ``around`` with the figure in its place."""
    body = around.format(text)
    s = sentence(body, path=path, date=date)
    start = body.index(text)
    return Claim(
        "quantity",
        subject,
        attribute,
        value,
        text,
        s,
        start,
        start + len(text),
        unit=unit,
        qualifiers=frozenset(qualifiers),
        phrase="",
        time=date,
    )


def run(lex, claims, **params):
    return NumberConflict(rule("number-conflict", **params)).run(corpus(lex, claims))


# ------------------------------------------------------------------ a conflict is a pair


def test_fail_one_quantity_two_values_is_a_warning(lex):
    (f,) = run(
        lex,
        [
            figure(
                "a.txt",
                "cost",
                4.6e6,
                "$4.6 million",
                "The library will cost {}.",
                "library",
                unit="money:USD",
            ),
            figure(
                "b.txt",
                "cost",
                4.2e6,
                "$4.2 million",
                "The library will cost {}.",
                "library",
                unit="money:USD",
            ),
        ],
    )
    assert f.severity == "warning"


def test_pass_three_values_with_no_two_sides_are_pooled_at_info(lex):
    # Two candidates' shares and a turnout, all "percent of the vote": several quantities, not one.
    claims = [
        figure(p, "votes", v, t, "He took {} of the votes.", "votes", unit="percent")
        for p, v, t in (("a.txt", 54.5, "54.5%"), ("b.txt", 86.0, "86%"), ("c.txt", 92.1, "92.1%"))
    ]
    assert {f.severity for f in run(lex, claims)} == {"info"}


def test_pass_a_source_on_both_sides_uses_the_figures_for_two_things(lex):
    # a.txt gives both 3 and 5 (the price and the guarantee); b.txt's 5 is not a conflict with a.txt's 3.
    a1 = figure("a.txt", "cost", 3e9, "3 billion", "UBS pays {} francs.", unit="money:CHF")
    a2 = figure(
        "a.txt", "cost", 5e9, "5 billion", "UBS covers the first {} francs of losses.", unit="money:CHF"
    )
    b = figure("b.txt", "cost", 5e9, "5 billion", "UBS pays {} francs.", unit="money:CHF")
    assert {f.severity for f in run(lex, [a1, a2, b])} <= {"info"}


def test_pass_a_pair_aligned_only_loosely_is_asked_at_info(lex):
    # Same attribute, no shared subject, unlike clauses: maybe two things.
    claims = [
        figure("a.txt", "cost", 4.6e6, "$4.6 million", "The road repairs were put at {}.", unit="money:USD"),
        figure(
            "b.txt",
            "cost",
            4.2e6,
            "$4.2 million",
            "Officials say the school {} plan is ready.",
            unit="money:USD",
        ),
    ]
    assert {f.severity for f in run(lex, claims, phrase_similarity=-1.0)} <= {"info"}


def one_cluster(lex, claims):
    """The claims' corpus with all their sentences in one cluster, as the clustering finds sentences told alike."""
    told = corpus(lex, claims)
    cluster = object()
    told.cluster_of = {c.sentence.key: cluster for c in claims}
    return told


def test_pass_a_source_writing_both_figures_tells_two_quantities(lex):
    """Kind: each source gives both candidates' tallies in one sentence, in opposite order, and only the first
    figure of each is read as a claim: the pair crosses two candidates."""
    a = figure("a.txt", "votes", 40112, "40,112 votes", "Lind polled {}; Roe trailed with 38,950.")
    b = figure("b.txt", "votes", 38950, "38,950 votes", "She polled {}, while Lind had 40,112.")
    assert NumberConflict(rule("number-conflict")).run(one_cluster(lex, [a, b])) == []


def test_pass_a_group_counted_whole_and_in_parts_is_one_count_two_ways(lex):
    """Kind: one source counts a group whole ("8 children"), the other in parts ("6 children and 2 infants")."""
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)

    def claims(*texts):
        return [c for path, text in texts for c in extractor.quantities(sentence(text, path=path))]

    parts = claims(
        ("a.txt", "The bus carried 6 children and 2 infants."), ("b.txt", "The bus carried 8 children.")
    )
    assert [
        f
        for f in NumberConflict(rule("number-conflict")).run(one_cluster(lex, parts))
        if f.severity != "info"
    ] == []
    whole = claims(("a.txt", "The bus carried 6 children."), ("b.txt", "The bus carried 8 children."))
    assert [f.severity for f in NumberConflict(rule("number-conflict")).run(one_cluster(lex, whole))] == [
        "warning"
    ]


def test_pass_sums_no_word_names_are_pooled_only_when_they_are_sums_of_one_thing(lex):
    """Kind: a bag of unnamed sums (raised, bid, a ceiling, a target) chained into one "amount" finding."""
    raised = figure(
        "a.txt",
        "amount (USD)",
        7.2e9,
        "$7.2 billion",
        "The bond sale raised {} for the treasury.",
        unit="money:USD",
    )
    bid = figure(
        "b.txt",
        "amount (USD)",
        5.4e9,
        "$5.4 billion",
        "Investors placed orders worth {} at the auction.",
        unit="money:USD",
    )
    assert run(lex, [raised, bid], phrase_similarity=2.0, sentence_similarity=2.0) == []
    raised_too = figure(
        "b.txt", "amount (USD)", 6.8e9, "$6.8 billion", "The bond sale raised {} in all.", unit="money:USD"
    )
    (f,) = run(lex, [raised, raised_too], phrase_similarity=2.0, sentence_similarity=2.0)
    assert f.severity == "info"


def _stake_sums(around: tuple[str, str, str]) -> list[Claim]:
    return [
        figure(p, "value", v, t, a, unit="money:USD")
        for p, v, t, a in zip(
            ("a.txt", "b.txt", "c.txt"),
            (15e9, 12.5e9, 17.5e9),
            ("$15 billion", "$12.5 billion", "$17.5 billion"),
            around,
            strict=True,
        )
    ]


def test_pass_three_sums_tied_only_loosely_are_several_quantities_and_not_shown(lex):
    """Kind: sums of one named attribute that no alignment ties, each in an unlike sentence (his own share of a
    deal, loans backed by his stake, shares he sold), chained pair by pair into one pool. Three or more values
    tied that way are several quantities: no finding, not even an info pool. Two are still asked at info."""
    claims = _stake_sums(
        (
            "He planned to put in {} of his own money.",
            "His stake backed loans of {} from the banks.",
            "Over the year he sold shares worth {} in all.",
        )
    )
    assert run(lex, claims, phrase_similarity=2.0, sentence_similarity=2.0) == []
    (pair,) = run(lex, claims[:2], phrase_similarity=2.0, sentence_similarity=2.0)
    assert pair.severity == "info"


def test_fail_three_sums_alignment_ties_stay_a_pool_at_info(lex):
    claims = _stake_sums(("The deal is worth {}.",) * 3)
    (pool,) = NumberConflict(rule("number-conflict")).run(one_cluster(lex, claims))
    assert pool.severity == "info" and len(pool.values) == 3


def test_pass_three_sums_no_word_names_are_several_sums_and_not_shown(lex):
    """Kind: sums whose attribute is only their currency ("amount (USD)"), in sentences alike enough to align: a
    price, a fine and a fund raised are three sums, so three or more values of them are no pool to ask about. A
    named sum ("cost") in the same sentences stays a pool at info."""
    sums = [
        figure(p, "amount (USD)", v, t, "The firm said it would pay {} in all.", unit="money:USD")
        for p, v, t in (
            ("a.txt", 2e6, "$2 million"),
            ("b.txt", 3e6, "$3 million"),
            ("c.txt", 5e6, "$5 million"),
        )
    ]
    assert NumberConflict(rule("number-conflict")).run(one_cluster(lex, sums)) == []
    costs = [
        figure(
            c.sentence.doc.path,
            "cost",
            c.value,
            c.text,
            "The firm said it would pay {} in all.",
            unit="money:USD",
        )
        for c in sums
    ]
    (pool,) = NumberConflict(rule("number-conflict")).run(one_cluster(lex, costs))
    assert pool.severity == "info"


def test_an_asserted_conflict_cites_the_other_sources_that_give_one_side():
    """Kind: a conflict between two sources, where a third gives one of the two figures in a sentence nothing
    aligned: the finding cites it (one figure per source), so the editor sees which side the story holds. A source
    already in the conflict, or a figure that agrees with neither side, is not cited."""
    check = NumberConflict(rule("number-conflict"))
    a = figure("a.txt", "passengers", 298, "298", "It killed all {} passengers.")
    b = figure("b.txt", "passengers", 283, "283", "All {} passengers and 15 crew died.")
    c = figure("c.txt", "passengers", 283, "283", "The jet carried {} passengers.")
    c_again = figure("c.txt", "passengers", 283, "283", "Of the {} passengers, most were Dutch.")
    d = figure("d.txt", "passengers", 150, "150", "Some {} passengers were Dutch.")
    a_again = figure("a.txt", "passengers", 283, "283", "Later it said {} passengers.")
    (cited,) = check._support([a, b], [a, b, c, c_again, d, a_again])
    assert cited.document == "c.txt"


def _lengths(*metres: float) -> list[Claim]:
    return [
        figure(f"{i}.txt", "length", v, f"{v:g} m", "The bridge is {} long.", unit="length")
        for i, v in enumerate(metres)
    ]


@pytest.mark.parametrize(
    "metres, pooled",
    [
        ((230, 230, 233, 765), False),  # two close lengths and an outlier: an outlier against a majority
        ((200_000, 220_000, 224_000), True),  # all close: no clear outlier
        ((130, 306, 380, 611), True),  # four lengths apart: several quantities
    ],
)
def test_measures_alike_are_one_side_against_an_outlier(metres, pooled):
    """Kind: three lengths of one bridge, two of them a few metres apart ("230 m", "233 m") and one three times
    longer ("765 m"), were pooled as three values with no clear outlier and asked at info. Measures within
    close_values of each other are one thing measured twice: the far one is an outlier against a majority."""
    check = NumberConflict(rule("number-conflict"))
    group = _lengths(*metres)
    assert check.pooled(group, lambda c: group) is pooled


def test_pass_three_spans_of_time_no_word_names_are_several_spans_and_not_shown(lex):
    """Kind: seconds counted with no word for what they measure ("beat the record by 34 seconds", "improved his
    best by 50 seconds", "53 seconds ahead"), chained by alike sentences into one pool: several spans of one
    race, not one figure told three ways. Two of them are still asked at info."""
    spans = [
        figure(p, "number of second", v, f"{v:g} seconds", "He finished the race {} ahead.", unit="count")
        for p, v in (("a.txt", 34), ("b.txt", 50), ("c.txt", 53))
    ]
    assert NumberConflict(rule("number-conflict")).run(one_cluster(lex, spans)) == []
    (pair,) = NumberConflict(rule("number-conflict")).run(one_cluster(lex, spans[:2]))
    assert pair.values == ["34 seconds", "50 seconds"]


def test_fail_a_figure_written_once_in_each_source_still_conflicts(lex):
    a = figure("a.txt", "votes", 40112, "40,112 votes", "Lind polled {} in the district.")
    b = figure("b.txt", "votes", 40211, "40,211 votes", "Lind polled {} in the district, officials said.")
    (f,) = NumberConflict(rule("number-conflict")).run(one_cluster(lex, [a, b]))
    assert f.severity == "warning"


# ------------------------------------------------------------------ moving figures


def test_pass_tolls_reported_on_one_day_are_a_timeline_not_a_clash(lex):
    claims = [
        figure("a.txt", "killed", 35, "35", "The toll stood at {} dead.", "people"),
        figure("b.txt", "killed", 112, "112", "The toll stood at {} dead.", "people"),
    ]
    (f,) = run(lex, claims)
    assert f.severity == "info"


def test_pass_a_part_of_a_toll_its_own_source_also_gives_is_not_in_the_timeline(lex):
    """Kind: a toll and the part of it that died at the scene, both in one source; another source gives the
    toll. The part is no earlier or later toll."""
    toll = figure("a.txt", "killed", 143, "143", "At least {} people died in the fire.", "people")
    part = figure("a.txt", "killed", 33, "33", "Of those, {} died inside the building.", "people")
    other = figure("b.txt", "killed", 143, "143", "The fire killed {} people.", "people")
    assert run(lex, [toll, part, other]) == []
    # without the source's own toll, the part is one more figure of the timeline, asked
    (f,) = run(lex, [part, other])
    assert f.severity == "info"


# ------------------------------------------------------------------ anchoring in time, remainders


def test_pass_a_figure_of_another_year_is_not_the_events(lex):
    recalled = figure(
        "a.txt",
        "magnitude",
        6.3,
        "6.3",
        "A magnitude {} quake struck the area in 2009.",
        "quake",
        unit="magnitude",
        date="2016-08-24",
    )
    today = figure(
        "b.txt",
        "magnitude",
        6.2,
        "6.2",
        "The magnitude {} quake struck at night.",
        "quake",
        unit="magnitude",
        date="2016-08-24",
    )
    assert years_named(recalled) == {"2009"} and years_named(today) == frozenset()
    assert run(lex, [recalled, today]) == []


def test_fail_figures_of_one_named_year_are_compared(lex):
    claims = [
        figure(
            "a.txt",
            "cost",
            153.07e6,
            "$153.07 million",
            "Exports totalled {} in 2023.",
            "exports",
            unit="money:USD",
        ),
        figure(
            "b.txt",
            "cost",
            153.70e6,
            "$153.70 million",
            "Exports totalled {} in 2023.",
            "exports",
            unit="money:USD",
        ),
    ]
    (f,) = run(lex, claims)
    assert f.severity == "warning"


def test_pass_remainders_and_increments_are_never_compared(lex):
    other = figure("a.txt", "number of candidates", 6, "six", "The {} other candidates are little known.")
    all_ = figure("b.txt", "number of candidates", 7, "seven", "There were {} candidates in all.")
    assert partial(other) and not partial(all_)
    assert run(lex, [other, all_]) == []


# ------------------------------------------------------------------ precision as written


def test_fail_a_transposed_digit_conflicts(lex):
    claims = [
        figure(
            "a.txt", "cost", 153.07e6, "$153.07 million", "Exports totalled {}.", "exports", unit="money:USD"
        ),
        figure(
            "b.txt", "cost", 153.70e6, "$153.70 million", "Exports totalled {}.", "exports", unit="money:USD"
        ),
    ]
    (f,) = run(lex, claims)
    assert f.severity == "warning"


def test_pass_a_rounding_to_the_written_precision_agrees(lex):
    claims = [
        figure("a.txt", "cost", 3.23e9, "$3.23 billion", "UBS pays {}.", "UBS", unit="money:USD"),
        figure("b.txt", "cost", 3.2e9, "$3.2 billion", "UBS pays {}.", "UBS", unit="money:USD"),
    ]
    assert run(lex, claims) == []
    assert step(claims[1]) == 1e8


def test_pass_a_conversion_is_a_rounding(lex):
    claims = [
        figure("a.txt", "length", 396.24, "1,300-foot", "The {} ship ran aground.", "ship", unit="length"),
        figure("b.txt", "length", 400.0, "400-metre", "The {} ship ran aground.", "ship", unit="length"),
    ]
    assert run(lex, claims) == []


def test_magnitudes_are_read_to_a_tenth():
    assert step(figure("a.txt", "magnitude", 6.0, "magnitude 6", "A {} quake.", unit="magnitude")) == 0.1


# ------------------------------------------------------------------ dates anchored to their own event


def test_a_statements_date_is_not_the_events_date(lex):
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)
    told = extractor.dates(
        sentence("The storm hit the coast, and figures released on Monday, March 4, put the damage at $2m.")
    )
    assert [c.text for c in told if "storm" in c.attribute or "Monday" in c.text] == []
    said = extractor.dates(sentence("The minister said on Tuesday, May 7, that the meeting had gone well."))
    assert [c for c in said if c.attribute == "date of meeting"] == []
    # The event's own date still counts.
    met = extractor.dates(sentence("The two ministers met on May 7 in Astana, officials said."))
    assert [c.attribute for c in met] == ["date of meeting"]


def test_a_moving_figure_is_a_timeline_in_time_order(lex):
    claims = [
        figure("b.txt", "killed", 112, "112", "The toll stood at {} dead.", "people", date="2024-08-25"),
        figure("a.txt", "killed", 35, "35", "The toll stood at {} dead.", "people", date="2024-08-23"),
        figure("c.txt", "killed", 80, "80", "The toll stood at {} dead.", "people", date=None),
    ]
    (f,) = run(lex, claims)
    assert f.severity == "info"
    assert [(s["time"], s["value"]) for s in f.timeline] == [
        ("2024-08-23", "35"),
        ("2024-08-25", "112"),
        ("undated", "80"),
    ]
    assert f.as_dict()["timeline"][0]["document"] == "a.txt"


def test_a_timeline_renders_as_a_table(lex):
    from factcheck.models import Report
    from factcheck.report import html, markdown

    claims = [
        figure("a.txt", "killed", 35, "35", "The toll stood at {} dead.", "people", date="2024-08-23"),
        figure("b.txt", "killed", 112, "112", "The toll stood at {} dead.", "people", date="2024-08-25"),
    ]
    (f,) = run(lex, claims)
    report = Report(documents=[c.sentence.doc for c in claims], findings=[f])
    assert "| as of | value | where |" in markdown.render(report)
    assert '<table class="timeline">' in html.render(report)


def test_fail_a_figure_phrased_differently_is_compared(lex):
    # "a $4.6 million library" twice, "will cost $4.2 million" once: the bare sums are the story's named cost.
    claims = [
        figure(
            "a.txt",
            "amount (USD)",
            4.6e6,
            "$4.6 million",
            "The council approved a {} library.",
            unit="money:USD",
        ),
        figure(
            "b.txt",
            "amount (USD)",
            4.6e6,
            "$4.6 million",
            "Work on the {} building starts soon.",
            unit="money:USD",
        ),
        figure(
            "c.txt", "cost (USD)", 4.2e6, "$4.2 million", "The new library will cost {}.", unit="money:USD"
        ),
    ]
    found = run(lex, claims)
    assert [f.values for f in found] == [["$4.2 million", "$4.6 million"]]


# ------------------------------------------------------------------ spans of years


def test_a_span_of_years_is_one_claim_read_forwards():
    from factcheck.extract.dates import YearSpan, year_spans

    assert [s for *_, s in year_spans("He ran the region from 2012 to 2018, officials said.")] == [
        YearSpan(2012, 2018)
    ]
    assert [s for *_, s in year_spans("between March 2010 and 2015")] == [YearSpan(2010, 2015)]
    assert [s for *_, s in year_spans("the 2019-20 season")] == [YearSpan(2019, 2020)]
    # backwards, a range of amounts, a unit after it: not a span of years
    assert year_spans("from 2018 to 2012") == []
    assert year_spans("a fee of 2000-3000 euros") == []
    assert year_spans("1990-2000 euros were paid") == []


def test_fail_one_span_with_two_end_years_conflicts(lex):
    from factcheck.checks.date_conflict import DateConflict
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)
    claims = [
        c
        for path, text in (
            ("a.txt", "Kovalenko ran the Dravsk region from 2012 to 2018, officials said."),
            ("b.txt", "Kovalenko ran the Dravsk region from 2012 to 2019, officials said."),
        )
        for c in extractor.spans(sentence(text, path=path))
    ]
    spans = corpus(lex, claims)
    spans.vectors = np.ones((len(spans.sentences), 4), dtype=np.float32) / 2  # two sentences told alike
    found = DateConflict(rule("date-conflict")).run(spans)
    assert [(f.severity, sorted(f.values)) for f in found] == [
        ("warning", ["from 2012 to 2018", "from 2012 to 2019"])
    ]


def test_pass_two_spans_that_share_no_end_are_two_spans(lex):
    from factcheck.checks.date_conflict import DateConflict
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)
    claims = [
        c
        for path, text in (
            ("a.txt", "Kovalenko ran the Dravsk region from 2012 to 2018, officials said."),
            ("b.txt", "Kovalenko ran the Dravsk region from 2010 to 2016, officials said."),
        )
        for c in extractor.spans(sentence(text, path=path))
    ]
    spans = corpus(lex, claims)
    spans.vectors = np.ones((len(spans.sentences), 4), dtype=np.float32) / 2
    assert DateConflict(rule("date-conflict")).run(spans) == []


# ------------------------------------------------------------------ figures read as what they are


def test_a_dollar_with_a_letter_prefix_is_its_own_currency():
    from factcheck.extract.numbers import find_quantities

    assert [q.dimension for q in find_quantities("40 rials (S$14) a share")] == ["count", "money:SGD"]
    assert [q.dimension for q in find_quantities("HK$5bn, or US$640m")] == ["money:HKD", "money:USD"]
    assert [q.dimension for q in find_quantities("worth $10.66 a share")] == ["money:USD"]


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("The Rs 450 crore bridge opened.", 4.5e9, "INR"),
        ("The Rs 480-crore bridge opened.", 4.8e9, "INR"),
        ("a fine of Rs. 2.5 lakh", 2.5e5, "INR"),
        ("It cost ₹12 crore.", 1.2e8, "INR"),
        ("a 40 crore rupee loan", 4e8, "INR"),
    ],
)
def test_rupees_and_south_asian_scales_are_money(text, value, currency):
    from factcheck.extract.numbers import find_quantities

    (money,) = find_quantities(text)
    assert (money.value, money.dimension) == (value, f"money:{currency}")


def test_fail_two_budgets_in_crore_conflict(lex):
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)
    claims = [
        c
        for path, text in [
            ("a.txt", "The Velmora bridge cost Rs 450 crore, the ministry said."),
            ("b.txt", "The Velmora bridge cost Rs 480 crore, the ministry said."),
        ]
        for c in extractor.quantities(sentence(text, path=path))
    ]
    (finding,) = NumberConflict(rule("number-conflict")).run(one_cluster(lex, claims))
    assert finding.severity == "warning" and finding.values == ["Rs 450 crore", "Rs 480 crore"]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("The dam is some 65 metres (213 feet) tall.", ["some 65 metres"]),
        ("The dam rose 65 metres, or 213 feet.", ["65 metres"]),
        (
            "The deal was worth $1.2 billion (€1.1 billion).",
            ["$1.2 billion", "€1.1 billion"],
        ),  # a rate the outlet chose
        ("The hall is 300 metres long and 40 metres wide.", ["300 metres", "40 metres"]),
        ("Sales rose by $5m (3%) in May.", ["$5m", "3%"]),
    ],
)
def test_a_conversion_in_brackets_restates_the_figure_before_it(text, kept):
    """Kind: two outlets convert one hedged figure and round differently ("213 feet" / "214 feet"); the
    conversion says nothing the first figure does not."""
    from factcheck.extract.numbers import find_quantities

    assert [q.text for q in find_quantities(text)] == kept


@pytest.mark.parametrize(
    "text, figure, bound",
    [
        ("By 6.15pm there were roughly 400 to 450 people on the bridge.", "450", "upper-bound"),
        ("Around 400-500 people were on it on Sunday evening.", "500", "upper-bound"),
        ("Between 30 and 40 people were killed.", "40", "upper-bound"),
        ("Some 30 to 40 people were injured.", "Some 30", "lower-bound"),
        # a change is no range, nor is a score
        ("The toll rose from 19 to 22 people.", "19", None),
        ("The toll rose from 19 to 22 people.", "22", None),
        ("They won 3-2 with 2 goals late.", "2", None),
    ],
)
def test_the_ends_of_a_range_are_bounds_not_exact_figures(lex, text, figure, bound):
    """Kind: "400 to 450 people" and "400-500 people" read as the exact figures 450 and 500, which then
    conflicted at warning: two estimates that overlap. A figure that closes a range is its upper bound and one that
    opens it its lower bound, so overlapping ranges agree; "from 19 to 22" is a change and "3-2" a score."""
    from factcheck.extract.claims import ClaimExtractor

    (found,) = [c for c in ClaimExtractor(lex.claims).quantities(sentence(text)) if c.text == figure]
    assert bound in found.qualifiers if bound else not found.qualifiers & {"upper-bound", "lower-bound"}


def test_pass_two_ranges_that_overlap_agree(lex):
    a = figure(
        "a.txt", "injured", 450, "450", "About 400 to {} people were hurt.", qualifiers={"upper-bound"}
    )
    b = figure("b.txt", "injured", 500, "500", "Some 400-{} people were hurt.", qualifiers={"upper-bound"})
    assert NumberConflict(rule("number-conflict")).agree(a, b)


@pytest.mark.parametrize(
    "text, figure, measure",
    [
        # a measure word joined to the figure by a hyphen is its measure, whatever stands nearer
        ("Those on the sides of the 4.5-meter-wide bridge held the railings.", "4.5-meter", "width"),
        ("A 30-metre-deep shaft and a 12-metre-high wall stood there.", "30-metre", "depth"),
        # a span is a length: "spans 233 m" after "1.25 m wide" is the bridge's length, not its width
        ("The bridge is 1.25 m wide and spans 233 m across the river.", "233 m", "length"),
        ("The bridge is 1.25 m wide and spans 233 m across the river.", "1.25 m", "width"),
    ],
)
def test_a_measure_word_joined_to_its_figure_or_a_span_names_the_measure(lex, text, figure, measure):
    """Kind: "4.5-meter-wide" read as a length (the default) because "-wide" is joined to the figure, and "spans
    233 m" read as a width because "wide" stood nearer than any length word: one bridge's width and length were
    compared across sources as if they were one measure."""
    from factcheck.extract.claims import ClaimExtractor

    (found,) = [c for c in ClaimExtractor(lex.claims).quantities(sentence(text)) if c.text == figure]
    assert found.attribute == measure


@pytest.mark.parametrize(
    "text",
    [
        "The bus carried 40 people on board.",
        "The bus had 40 people onboard.",
        "There were 40 people aboard.",
        "40 on-board the bus were hurt.",
    ],
)
def test_a_predicate_in_one_word_or_two_is_one_attribute(lex, text):
    """Kind: a lexicon word written as one word, two or hyphened ("on board" / "onboard" / "on-board")."""
    from factcheck.extract.claims import ClaimExtractor

    (count,) = ClaimExtractor(lex.claims).quantities(sentence(text))
    assert count.attribute == "aboard"


@pytest.mark.parametrize(
    "text, attribute",
    [
        ("Rescuers were still looking for 87 hikers and a guide reported missing on the trails.", "missing"),
        (
            "Rescuers were still looking for 87 hikers and that the roads were reported missing.",
            "number of hiker",
        ),
        ("Rescuers were still looking for 87 hikers and none were reported missing.", "number of hiker"),
    ],
)
def test_a_predicate_after_a_coordinated_noun_is_the_counts_too(lex, text, attribute):
    """Kind: "N X and a Y reported missing": the clause break at "and" cut the count from its predicate.
    A new clause after "and" (a pronoun, a quantifier, "that") keeps its predicate to itself."""
    from factcheck.extract.claims import ClaimExtractor

    (count,) = ClaimExtractor(lex.claims).quantities(sentence(text))
    assert count.attribute == attribute


def test_a_count_is_never_a_sum_of_money(lex):
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)
    assert [c.attribute for c in extractor.quantities(sentence("Velmora lost 4 on penalties."))] == []
    assert [c.attribute for c in extractor.quantities(sentence("The firm paid 12 workers."))] == [
        "number of worker"
    ]
    (fine,) = extractor.quantities(sentence("The club was fined $2 million for the penalty breach."))
    assert fine.attribute == "fine (USD)"


def test_the_month_may_hedges_nothing(lex):
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)
    (dated,) = extractor.quantities(sentence("On May 9 the storm killed 40 people."))
    assert "hedged" not in dated.qualifiers
    (hedged,) = extractor.quantities(sentence("The storm may have killed 40 people."))
    assert "hedged" in hedged.qualifiers


def test_a_lead_sentence_is_not_a_headline():
    lead = sentence("Dozens were killed when a ferry carrying 80 people sank.")
    lead.doc.title = lead.text
    assert not lead.headline
    head = sentence("At least 17 climbers dead after avalanche")
    head.doc.title = head.text
    assert head.headline


# ------------------------------------------------------------------ dates asked, not asserted


def date_claims(lex, *texts):
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)
    claims = [
        c for path, text in texts for c in extractor.dates(sentence(text, path=path, date="2024-03-11"))
    ]
    found = corpus(lex, claims)
    found.vectors = np.ones((len(found.sentences), 4), dtype=np.float32) / 2
    return found


def test_dates_a_day_apart_are_asked(lex):
    from factcheck.checks.date_conflict import DateConflict

    found = DateConflict(rule("date-conflict")).run(
        date_claims(
            lex,
            ("a.txt", "The probe landed on the Moon on March 9, officials said."),
            ("b.txt", "The probe landed on the Moon on March 10, officials said."),
        )
    )
    assert [(f.severity, f.values) for f in found] == [("info", ["March 10", "March 9"])]
    found = DateConflict(rule("date-conflict")).run(
        date_claims(
            lex,
            ("a.txt", "The probe landed on the Moon on March 9, officials said."),
            ("b.txt", "The probe landed on the Moon on March 6, officials said."),
        )
    )
    assert [f.severity for f in found] == ["warning"]


def test_an_event_held_in_stages_dated_twice_by_its_plain_name_is_asked(lex):
    """Kind: a first round and a run-off, both called "the election" where their dates are given; the story
    names the stages elsewhere."""
    from factcheck.checks.date_conflict import DateConflict

    texts = [
        ("a.txt", "Velmora voted in the election on April 3, officials said."),
        ("b.txt", "Velmora voted in the election on May 1, officials said."),
    ]
    (warned,) = DateConflict(rule("date-conflict")).run(date_claims(lex, *texts))
    assert warned.severity == "warning"
    staged = texts + [("c.txt", "The run-off was held on May 1.")]
    found = DateConflict(rule("date-conflict", phases={"election": ["first-round", "runoff"]})).run(
        date_claims(lex, *staged)
    )
    assert found and {f.severity for f in found} == {"info"}


def test_a_source_giving_both_dates_tells_two_events(lex):
    from factcheck.checks.date_conflict import DateConflict

    found = DateConflict(rule("date-conflict")).run(
        date_claims(
            lex,
            ("a.txt", "Velmora held its election on March 3, and the run-off election on March 24."),
            ("b.txt", "The winner of the election on March 24 took office."),
        )
    )
    assert {f.severity for f in found} <= {"info"}


def test_a_date_no_event_word_names_is_asked_against_a_sentence_told_alike(lex):
    from factcheck.checks.date_conflict import DateConflict

    found = DateConflict(rule("date-conflict")).run(
        date_claims(
            lex,
            ("a.txt", "The first shock came on 25 February, flattening villages across the valley."),
            ("b.txt", "The first shock came on 25 January, flattening villages across the valley."),
        )
    )
    assert [(f.severity, f.values) for f in found] == [("info", ["25 February", "25 January"])]
    # a date a reporting word governs is when it was told: no claim at all
    told = date_claims(lex, ("a.txt", "Officials said on 25 February that the valley was cut off."))
    assert told.claims == []


# ------------------------------------------------------------------ quotes in single marks


def test_single_quotes_quote_where_a_paragraph_has_no_double_ones():
    from factcheck.extract.quotes import quote_spans

    def quoted(text):
        return [q.text for q in quote_spans(text, 0, len(text))]

    assert quoted("'This is a strong, fair agreement,' the minister said.") == [
        "This is a strong, fair agreement,"
    ]
    assert quoted("‘We will rebuild,’ she said. ‘Every family will have a home.’") == [
        "We will rebuild,",
        "Every family will have a home.",
    ]
    # apostrophes are never marks
    assert quoted("It's the team's best season, and the fans' hopes are high.") == []
    assert quoted("He said: 'We won't stop now.' Then he left.") == ["We won't stop now."]
    # inside a paragraph that quotes in double marks, single ones are a quote within a quote
    assert quoted("He said: \"They told us 'no' twice.\"") == ["They told us 'no' twice."]


def test_a_quote_restyled_by_house_is_one_wording(lex):
    from factcheck.checks.quote_mismatch import HouseStyle

    from factcheck.config import Settings
    from factcheck.ruleset import rule_set

    (shipped,) = [r for r in rule_set(Settings()).rules if r.id == "quote-mismatch"]
    style = HouseStyle(shipped.params.spelling)
    same = [
        (
            "We are mobilising every resource to honour the victims.",
            "We are mobilizing every resource to honor the victims.",
        ),
        ("We will help the ten thousand families.", "We will help the 10,000 families."),
        ("They [the army] reached the valley before dawn.", "They reached the valley before dawn."),
    ]
    for a, b in same:
        assert style.canonical(a) == style.canonical(b), (a, b)
    # a word changed is still a change, however short ("four" is never "for")
    assert style.canonical("We waited four years.") != style.canonical("We waited for years.")
    assert style.canonical("The army reached the valley.") != style.canonical(
        "The police reached the valley."
    )


# ------------------------------------------------------------------ ages and shares


def test_an_age_is_a_figure_of_its_person(lex):
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)

    def ages(text):
        return [
            (c.attribute, c.value)
            for c in extractor.quantities(sentence(text))
            if c.attribute.startswith("age")
        ]

    assert ages("A 25-year-old worker was killed at the site.") == [("age", 25.0)]
    assert ages("Lena Marsh, 29, was jailed on Monday.") == [("age of marsh", 29.0)]
    assert ages("The driver, aged 47, died in hospital.") == [("age", 47.0)]
    # two people's ages are two attributes: never one figure told two ways
    assert ages("Lena Marsh, 29, and Piet Dorn, 52, were questioned.") == [
        ("age of marsh", 29.0),
        ("age of dorn", 52.0),
    ]


def test_fail_one_workers_age_told_two_ways(lex):
    found = run(
        lex,
        [
            figure(
                "a.txt",
                "age",
                25,
                "25-year-old",
                "A {} worker was killed at the port site.",
                subject="worker",
                unit="age",
            ),
            figure(
                "b.txt",
                "age",
                28,
                "28-year-old",
                "A {} worker died at the port site.",
                subject="worker",
                unit="age",
            ),
        ],
    )
    assert [(f.severity, f.values) for f in found] == [("warning", ["25-year-old", "28-year-old"])]


def test_a_turnout_share_is_a_figure(lex):
    from factcheck.extract.claims import ClaimExtractor

    extractor = ClaimExtractor(lex.claims)
    assert [
        c.attribute for c in extractor.quantities(sentence("Turnout was 67.7 percent, the commission said."))
    ] == ["share turnout"]


# ------------------------------------------------------------------ ranks


def test_abbreviated_ranks_are_read_and_given_to_the_name(lex):
    found = lex.titles.find("Navy spokesman Rear Adm. Joko Lestari said the search would go on.")
    assert [(t.rank, t.ladder) for *_, t in found if t.ladder] == [("rear admiral", "navy")]
    assert [
        (t.rank, t.level) for *_, t in lex.titles.find("Lt. Gen. Ana Pirs took command.") if t.ladder
    ] == [("lieutenant general", 1)]


def test_a_service_rank_is_no_post_beside_a_post(lex):
    from factcheck.checks.title_unmatched import TitleUnmatched
    from factcheck.config import Settings
    from factcheck.ruleset import rule_set

    (shipped,) = [r for r in rule_set(Settings()).rules if r.id == "title-unmatched"]
    check = TitleUnmatched(shipped)
    ((_, _, general),) = [f for f in lex.titles.find("Gen. Ana Pirs") if f[2].ladder]
    ((_, _, minister),) = [f for f in lex.titles.find("Defence Minister Ana Pirs") if f[2].ladder]
    assert check.post(general) is None and check.post(minister) == "minister"


def test_two_statements_sharing_their_words_are_asked_not_asserted(lex):
    from factcheck.checks.quote_mismatch import QuoteMismatch
    from factcheck.extract.claims import quote_claims
    from factcheck.extract.quotes import QuotePart

    def said(path, words):
        s = sentence(f'"{words}," Governor Rafi Kamel said.', path=path)
        return QuotePart(words, 1, s, "Rafi Kamel", 1 + len(words))

    def severities(a, b):
        claims = quote_claims([said("a.txt", a), said("b.txt", b)])
        return [f.severity for f in QuoteMismatch(rule("quote-mismatch")).run(corpus(lex, claims))]

    # one statement, one word changed: asserted
    assert severities(
        "We will help them rebuild their homes before the winter comes",
        "We will help them rebuild their houses before the winter comes",
    ) == ["warning"]
    # the same words in another run, about other things: asked
    assert severities(
        "The families have lost everything and we will help them rebuild their homes",
        "We will help them rebuild their homes and the families who have lost everything will be safe",
    ) == ["info"]


def test_a_nationality_before_a_title_is_its_country_not_a_portfolio(lex):
    """Kind: "Greek Minister X" was read as the portfolio "greek" and set against X's real
    portfolio; a demonym before a rank names the country and leaves the post unsaid."""
    ((_, _, title),) = lex.titles.find("Dutch Minister Anna Veld resigned.")
    assert (title.rank, title.portfolio, title.country) == ("minister", None, "netherlands")
    ((_, _, free),) = lex.titles.find("Infrastructure and Water Minister Anna Veld resigned.")
    assert free.portfolio == "infrastructure water" and free.country is None
    # the demonym stays a name form the spelling checks compare ('Dutchh' is a slip of 'Dutch')
    from factcheck.extract.names import Token

    assert lex.names.countable(Token(0, 5, "Dutch"))


# ------------------------------------------------------------------ headlines


def headlined(path: str, text: str, value: float, around: str, **kw) -> Claim:
    """A quantity claim in the headline (the first sentence, worded as the title) of ``path``."""
    c = figure(path, "cost", value, text, around, **kw)
    c.sentence.doc.title = c.sentence.text
    return c


def test_a_headline_figure_far_from_its_articles_is_asked_at_info(lex):
    """Kind: a headline's clipped wording hides what its figure counts, so a figure far from the
    article's own (not an update left behind, which stays near) is asked, not asserted."""
    from test_claims import headline_and_lead

    (near,) = run(lex, headline_and_lead("At least 17", 17, "at least 18", 18))
    assert near.severity == "warning"
    (far,) = run(lex, headline_and_lead("At least 17", 17, "at least 180", 180))
    assert far.severity == "info"


def test_a_headline_figure_against_another_source_is_asked_at_info(lex):
    """Kind: headline against another outlet's body. Headlines round and clip; the same two
    figures in two bodies stay a warning."""
    money = {"subject": "bridge", "unit": "money:USD"}
    head = headlined("a.txt", "$40 million", 40e6, "Bridge to cost {}", **money)
    other = figure("b.txt", "cost", 48e6, "$48 million", "The bridge will cost {}.", **money)
    (f,) = run(lex, [head, other])
    assert f.severity == "info" and "headline" in f.suggestion
    body = figure("a.txt", "cost", 40e6, "$40 million", "The bridge will cost {}.", **money)
    (g,) = run(lex, [body, other])
    assert g.severity == "warning"


def test_sentences_no_cluster_holds_are_not_one_cluster(lex):
    """Kind: two forms whose sentences no cluster holds (each told by one source) were taken as
    'same cluster' (both look up None), which tied any two forms of a story."""
    from factcheck.checks import CHECK_TYPES
    from factcheck.checks._forms import Form
    from factcheck.extract.names import Token

    a, b = (
        sentence("The ferry left Velmora late.", path="a.txt"),
        sentence("The ship reached Temsil.", path="b.txt"),
    )
    corpus_ = corpus(lex, [])
    corpus_.cluster_of = {}
    check = CHECK_TYPES["name-misspelling"](rule("name-misspelling"))
    velmora = Form("Velmora", [(a, Token(16, 23, "Velmora"))])
    temsil = Form("Temsil", [(b, Token(17, 23, "Temsil"))])
    assert not check.related(corpus_, velmora, temsil)


# ------------------------------------------------------------------ numbers that count nothing


@pytest.mark.parametrize(
    "text",
    [
        "Silva scored in the 38th minute to give the hosts the lead.",  # an ordinal is a place in a series
        "The quake struck at 03:36 local time.",  # times of day
        "The ferry left at 11pm from the harbour.",
        "The plane landed at 4.15 pm in the capital.",
        "Passengers boarded at 2:36 p.m. after a delay.",
        "The crew of the Aurora 7 capsule waved to the crowd.",  # an identifier
        "The virus, Covid-19, spread among the workers.",
    ],
)
def test_a_time_an_ordinal_or_an_identifier_counts_nothing(lex, text):
    """Kind: "4.15 pm" was read as 4.15 of "pm", "38th minute" as 38 goals, "Flight 182" as 182 of
    something: none of them is a figure any other source could contradict as a count."""
    from factcheck.extract.claims import ClaimExtractor

    assert ClaimExtractor(lex.claims).quantities(sentence(text)) == []


def test_figures_beside_times_and_names_are_still_read(lex):
    from factcheck.extract.claims import ClaimExtractor

    x = ClaimExtractor(lex.claims)
    found = [
        (c.attribute, c.value)
        for c in x.quantities(sentence("The plane crashed at 4.15 pm, killing 62 people."))
    ]
    assert found == [("killed", 62.0)]
    assert [c.value for c in x.quantities(sentence("Some 40 people died in the fire."))] == [40.0]


def test_the_words_beside_a_form_say_what_it_names(lex):
    """Kind: a person's name and a place's or an institution's, a letter apart, were called one
    name misspelt; the words right beside each say they are different kinds of thing."""
    from factcheck.checks._forms import Form, kinds
    from factcheck.extract.names import tokens

    def form(word: str, *texts: str) -> Form:
        occurrences = []
        for i, text in enumerate(texts):
            s = sentence(text, path=f"{i}.txt")
            occurrences += [(s, t) for t in tokens(text) if t.text == word]
        return Form(word, occurrences)

    vocab = lex.names
    assert kinds(form("Belvaro", "Mr Belvaro said the ferry was late.", "Later Belvaro left."), vocab) == {
        "person"
    }
    assert kinds(form("Belvano", "The ferry left Belvano Island late."), vocab) == {"place"}
    assert kinds(form("Naval", "A statement from the Naval Command came late."), vocab) == {"org"}
    assert kinds(form("Kuro", "Ash rose from Mount Kuro."), vocab) == {"place"}
    assert kinds(form("Tamsel", "The ferry reached Tamsel at dawn."), vocab) == set()


def test_a_hyphened_compound_beside_a_form_is_its_parts_too(lex):
    """Kind: "Abdel-Karim Haddu" in one source and "Abdel Karim Haddou" in another stand beside
    neighbours 'abdel-karim' and 'karim', which did not look alike, so two_entities said two people."""
    from factcheck.checks.name_misspelling import alike

    translit = lex.transliteration
    assert alike({"abdel-karim"}, {"karim"}, translit)
    assert not alike({"abdel-karim"}, {"yusuf"}, translit)


def test_a_headline_at_another_scale_is_a_slip_not_another_quantity(lex):
    """Kind: "$1.2 million" over an article's "$1.2 billion" is far apart, yet the same digits: a
    scale slip, asserted like a figure left behind."""
    from factcheck.checks.number_conflict import rescaled

    money = {"subject": "bridge", "unit": "money:USD"}
    head = headlined("a.txt", "$1.2 million", 1.2e6, "Bridge to cost {}", **money)
    body = figure("a.txt", "cost", 1.2e9, "$1.2 billion", "The bridge will cost {}.", **money)
    body.sentence.doc = head.sentence.doc
    body.sentence.index = 1
    assert rescaled(head, body) and not rescaled(body, body)
    (f,) = [f for f in run(lex, [head, body]) if "headline" in f.message.lower()]
    assert f.severity == "warning"
    # another source giving the article's figure is cited: it says which of the two the story holds
    other = figure("c.txt", "cost", 1.2e9, "$1.2 billion", "The bridge will cost {}.", **money)
    (g,) = [f for f in run(lex, [head, body, other]) if "headline" in f.message.lower()]
    assert [e.document for e in g.evidence] == ["a.txt", "a.txt", "c.txt"]


# ------------------------------------------------------------------ times of day


@pytest.mark.parametrize(
    "text, label",
    [
        ("contact was lost at 5.15 am local time", "05:15 local"),
        ("the blast at 6.08pm", "18:08 local"),
        ("at 2:36 p.m. on Monday", "14:36 local"),
        ("struck at 03:36", "03:36 local"),
        ("at 1508 GMT", "15:08 utc"),
        ("at 08:30 EST", "08:30 ET"),  # a North American zone's standard and daylight forms are one clock
        ("at 6:32 pm ET", "18:32 ET"),
        ("at 08:30 CEST", "08:30 CEST"),  # other named zones as written
        ("at 12 am", "00:00 local"),
    ],
)
def test_a_time_of_day_is_read_with_its_zone(text, label):
    from factcheck.extract.numbers import times_of_day

    assert [t.label() for _, _, t in times_of_day(text)] == [label]


def test_a_time_in_brackets_after_another_is_the_same_moment():
    """Kind: "3.20pm Capital time (4.20pm Border time)" is one moment in two zones, not two times."""
    from factcheck.extract.numbers import times_of_day

    assert [t.label() for _, _, t in times_of_day("radioed at 3.20pm Capital time (4.20pm Border time)")] == [
        "15:20 local"
    ]
    assert times_of_day("at 4:15 the ship sank") == []  # am or pm? nothing checkable


def test_a_time_claim_takes_the_event_word_of_its_sentence(lex):
    """Kind: the event word stands in the sentence's other clause ("the ferry went missing, and contact was
    lost at 5.15 am"); a time a reporting word governs is when it was told."""
    from factcheck.extract.claims import ClaimExtractor

    x = ClaimExtractor(lex.claims)
    (t,) = x.times(sentence("The ferry went missing on Friday, and radio traffic ended at 5.15 am."))
    assert t.attribute == "time of disappearance (local)" and t.value.minutes == 315
    assert x.times(sentence("Police said at 9 am that the fire was out.")) == []


# ------------------------------------------------------------------ romanisations mixed in one document


def _form(text: str, where: dict[str, int]):
    """A name form written ``where[path]`` times in each document."""
    from factcheck.checks._forms import Form
    from factcheck.extract.names import Token

    occurrences = []
    for path, n in sorted(where.items()):
        for i in range(n):
            s = sentence(f"Shares of {text} rose by {i + 1} points.", path=path)
            occurrences.append((s, Token(10, 10 + len(text), text)))
    return Form(text, occurrences)


def test_a_form_the_mixing_document_mostly_writes_is_not_its_slip():
    """Kind: two romanisations of one institution, near parity across sources; the document writing both
    mostly writes the flagged form. Its one other spelling is no evidence that its usual one is wrong."""
    from factcheck.checks.name_misspelling import NameMisspelling

    c = _form("Energocom", {"a.txt": 3, "e.txt": 1})
    k = _form("Energokom", {"a.txt": 1, "b.txt": 1, "c.txt": 1, "d.txt": 1})
    assert not NameMisspelling.mixed(c, k)
    # (the other way, fewer sources write "Energocom": the vote in slips() never makes it the intended form)


def test_fail_a_slip_once_beside_the_form_more_sources_write():
    from factcheck.checks.name_misspelling import NameMisspelling

    c = _form("Energocom", {"a.txt": 1})
    k = _form("Energokom", {"a.txt": 1, "b.txt": 1, "c.txt": 1})
    assert NameMisspelling.dominance(c, k) == "sources"


def test_fail_a_form_the_mixing_document_clearly_prefers_makes_the_other_a_slip():
    from factcheck.checks.name_misspelling import NameMisspelling

    c = _form("Energocom", {"a.txt": 1})
    k = _form("Energokom", {"a.txt": 3, "b.txt": 1, "c.txt": 1})
    assert NameMisspelling.mixed(c, k)


# ------------------------------------------------------------------ a speaker quoted in translation

_TRANSLATED = {
    "a.txt": "Harbour\nMinister Ilka Sorn visited the harbour on Monday.\n"
    'Ilka Sorn said: "We will rebuild the harbour before the winter comes to the coast."\n'
    'Sorn added: "Nobody will be left without a roof over their heads this year."\n',
    "b.txt": "Harbour\nMinister Ilka Sorn visited the harbour on Monday.\n"
    'Ilka Sorn said: "We will rebuild the harbour before the winter arrives on the coast."\n'
    'Sorn added: "No one will be left without a roof over their heads this year."\n',
}


def test_a_speaker_no_two_sources_quote_alike_is_asked_as_a_translation(scan_texts, of_check):
    """Kind: a speaker quoted in translation: every statement two outlets share is worded differently, and
    none word for word. The differences are the translators'; asked, not asserted."""
    _, report = scan_texts(_TRANSLATED)
    found = of_check(report, "quote-mismatch")
    assert len(found) == 2 and {f["severity"] for f in found} == {"info"}


def test_fail_a_speaker_quoted_word_for_word_elsewhere_was_misquoted(scan_texts, of_check):
    texts = dict(_TRANSLATED)
    texts["b.txt"] = texts["b.txt"].replace(
        "No one will", "Nobody will"
    )  # the second statement agrees word for word
    _, report = scan_texts(texts)
    (found,) = of_check(report, "quote-mismatch")
    assert found["severity"] == "warning"


# ------------------------------------------------------------------ short names, few sources


def test_a_short_form_two_edits_off_beside_the_same_name_is_asked(scan_texts, of_check):
    """Kind: a five-letter first name two letters off the form other sources write, beside the same surname
    (one source spaces a compound surname the others hyphen)."""
    texts = {
        "a.md": "# Velmora fair opens\n\nThe fair opened on Friday. The parade float was built by Pabek Sadiyat Oluwa "
        "and his students.\n",
        "b.md": "# Fair opens in Velmora\n\nThe fair opened on Friday. The parade float was built by Pavel Sadiat-Oluwa "
        "with his students.\n",
        "c.md": "# Velmora fair\n\nA float that Pavel Sadiat-Oluwa built led the parade as the fair opened on Friday.\n",
    }
    _, report = scan_texts(texts)
    (found,) = [f for f in of_check(report, "name-misspelling") if "Pabek" in f["values"]]
    assert found["severity"] == "info" and "Pavel" in found["values"]


@pytest.mark.parametrize("one, other", [("Sutirah", "Sutireh"), ("Bellan", "Belan"), ("Dyren", "Dyuren")])
def test_two_forms_once_each_a_vowel_or_a_double_apart_are_asked(lex, one, other):
    """Kind: a name written once in each of two sources, a vowel or a doubled letter apart on one consonant
    skeleton, with nothing else to tie them."""
    from factcheck.checks.name_misspelling import NameMisspelling

    check = NameMisspelling(rule("name-misspelling"))
    translit = lex.transliteration
    a, b = _form(one, {"a.txt": 1}), _form(other, {"b.txt": 1})
    assert check.once_each(a, b, one.lower(), other.lower(), translit)
    # written twice in one source, the other form is not "once each"; nor is a listed romanisation
    assert not check.once_each(_form(one, {"a.txt": 2}), b, one.lower(), other.lower(), translit)
    assert not check.once_each(
        _form("Yusuf", {"a.txt": 1}), _form("Yousuf", {"b.txt": 1}), "yusuf", "yousuf", translit
    )


_FAMILIES = {
    "a.md": '# Harbour\n\nMayor Tomas Brandt spoke on Monday. "We must rebuild the harbour before the winter storms arrive," '
    'Brandt said. "The city will pay for the new sea wall from its own budget," he added.\n',
    "b.md": '# Harbour plan\n\nMayor Tomas Brandt spoke on Monday. "We must rebuild the harbour before the winter storms '
    'arrive," Brandt said.\n',
    "c.md": "# Mayor's plan\n\nMayor Tomas Brandt spoke on Monday. \"We have to rebuild the harbour before the winter storms "
    'come," Brandt said. "The town will pay for the new sea wall out of its own budget," he added.\n',
}


def test_two_outlets_sharing_statements_never_word_for_word_are_two_translations(scan_texts, of_check):
    """Kind: two families of translation. Two outlets quote one speaker in two statements and never agree word
    for word with each other, though each agrees with some third outlet: their differences are asked."""
    _, report = scan_texts(_FAMILIES)
    severities = {f["values"][0][:12]: f["severity"] for f in of_check(report, "quote-mismatch")}
    assert severities == {"The city wil": "info", "We must rebu": "warning"}


def test_fail_two_outlets_agreeing_word_for_word_elsewhere_misquote(scan_texts, of_check):
    texts = dict(_FAMILIES)
    texts["c.md"] = texts["c.md"].replace(
        "We have to rebuild the harbour before the winter storms come",
        "We must rebuild the harbour before the winter storms arrive",
    )
    _, report = scan_texts(texts)
    (found,) = of_check(report, "quote-mismatch")
    assert found["severity"] == "warning"


# ------------------------------------------------------------------ short quotes in synonyms

_SLOT = {
    "a.md": '# Dam\n\nThe keeper Oren Vlasić told the inquiry on Thursday that he remembered "a huge bang" '
    "moments before the old steel spillway gate of the Velmora dam gave way during the storm on Tuesday night.\n",
    "b.md": '# Dam inquiry\n\nThe keeper Oren Vlasić told the inquiry on Thursday that he remembered "a massive explosion" '
    "moments before the old steel spillway gate of the Velmora dam gave way during the storm on Tuesday night.\n",
}


def test_a_short_quote_in_the_same_slot_of_one_sentence_is_asked(scan_texts, of_check):
    """Kind: a short quote two outlets render in synonyms ("a huge bang" / "a massive explosion"), sharing
    no letters to speak of, in one sentence told alike and after the same words: one quote, asked."""
    _, report = scan_texts(_SLOT)
    (found,) = of_check(report, "quote-mismatch")
    assert found["severity"] == "info"


def test_pass_short_quotes_after_different_words_are_two_quotes(scan_texts, of_check):
    texts = dict(_SLOT)
    texts["b.md"] = texts["b.md"].replace(
        'he remembered "a massive explosion"', 'he felt "a massive explosion"'
    )
    _, report = scan_texts(texts)
    assert of_check(report, "quote-mismatch") == []


_KNOWN = {
    "a.md": '# Port sold\n\nAfter the sale closed on Friday, Dara Quill posted "the harbour is freed" on her '
    "account and thanked the workers of the old port.\n",
    "b.md": '# Quill buys port\n\n"The harbour is freed," Dara Quill wrote as the port of Velmora changed hands '
    "on Friday.\n",
    "c.md": "# Port deal done\n\nShe marked the end of the long fight over the port of Velmora by writing "
    '"the harbour is freed" late on Friday.\n',
    "d.md": "# Velmora port has a new owner\n\nDock workers in Velmora sang and lit flares along the quay until dawn "
    'on Saturday, and the first message Dara Quill sent them read "The harbour is free," in capital letters.\n',
}


def test_fail_a_short_quote_many_repeat_in_another_form_once_is_asked(scan_texts, of_check):
    """Kind: a short quote (a post, a slogan) that several outlets print word for word, and one prints with one
    word in another form ("the harbour is free"), in a sentence told nothing like theirs: a phrase many repeat
    is one statement wherever it stands, so the odd one is asked."""
    _, report = scan_texts(_KNOWN)
    (found,) = of_check(report, "quote-mismatch")
    assert found["severity"] == "info" and "the harbour is free," in " ".join(found["values"]).lower()


@pytest.mark.parametrize(
    "old, new",
    [
        ('"The harbour is free,"', '"The harbour is ours,"'),  # another word, not another form of it
        ('"the harbour is freed" late', "the news late"),  # one outlet alone prints the wording
    ],
)
def test_pass_a_short_quote_with_another_word_or_seldom_repeated_is_not_paired(
    scan_texts, of_check, old, new
):
    texts = dict(_KNOWN)
    key = "d.md" if old.startswith('"The harbour is free,') else "c.md"
    texts[key] = texts[key].replace(old, new)
    if key == "c.md":
        texts["a.md"] = texts["a.md"].replace('"the harbour is freed"', "a note")
    _, report = scan_texts(texts)
    assert of_check(report, "quote-mismatch") == []


# ------------------------------------------------------------------ minutes of play


@pytest.mark.parametrize(
    "text, found",
    [
        ("Rhys Calloway headed the equaliser in the 81st minute.", [("calloway", 81.0)]),
        ("The hosts led through a 27th-minute strike by Tomo Arda until the break.", [("arda", 27.0)]),
        ("Goals: Teodor Wenz (9'), Aki Holm (90+3').", [("wenz", 9.0), ("holm", 90.0)]),
    ],
)
def test_a_minute_of_play_is_read_with_the_player_it_belongs_to(lex, text, found):
    from factcheck.extract.claims import ClaimExtractor

    minutes = ClaimExtractor(lex.claims).minutes(sentence(text))
    assert [(c.subject, c.value) for c in minutes] == found and {c.attribute for c in minutes} == {
        "minute of play"
    }


_MINUTES = {
    "a.txt": "Cup tie\nOn Saturday Rhys Calloway headed the equaliser for Dornholm in the 81st minute after a corner from the left.\n",
    "b.txt": "Cup tie\nOn Saturday Dornholm drew level when Rhys Calloway headed home in the 82nd minute after a corner from the left.\n",
}


def test_one_players_minute_told_two_ways_is_asked(scan_texts, of_check):
    """Kind: one goal dated to two minutes of play (81st / 82nd). Minutes are counted two ways and stoppage time
    blurs them, so the difference is asked, never asserted."""
    _, report = scan_texts(_MINUTES)
    (found,) = of_check(report, "number-conflict")
    assert found["severity"] == "info" and set(found["values"]) == {"81st minute", "82nd minute"}


def test_pass_two_players_minutes_are_two_events(scan_texts, of_check):
    texts = {
        "a.txt": _MINUTES["a.txt"],
        "b.txt": "Cup tie\nOn Saturday Dornholm drew level when Rhys Calloway headed home after a corner, and Emil Sand was "
        "booked in the 82nd minute.\n",
    }
    _, report = scan_texts(texts)
    assert of_check(report, "number-conflict") == []


# ------------------------------------------------------------------ a slip in a sentence's first word

_LEAD = {
    "a.txt": "Port fees\nKostrana's port authority raised its fees on Monday.\nShippers in Kostarna protested at once. "
    "The mayor of Kostarna backed the shippers.\n",
    "b.txt": "Port fees\nThe port authority of Kostarna raised its fees on Monday.\n",
}


def test_a_sentences_first_word_a_letter_off_a_name_its_article_repeats_is_asked(scan_texts, of_check):
    """Kind: a typo in the first word of a sentence ("Kostrana's" where the article writes "Kostarna" twice
    later). A first word is capitalised whatever it is, so it is no name form of its own; asked at info."""
    _, report = scan_texts(_LEAD)
    (found,) = of_check(report, "name-misspelling")
    assert found["severity"] == "info" and set(found["values"]) == {"Kostrana", "Kostarna"}


def test_pass_a_first_word_its_article_writes_once_more_is_no_slip(scan_texts, of_check):
    texts = dict(_LEAD)
    texts["a.txt"] = texts["a.txt"].replace("The mayor of Kostarna", "The mayor")  # the other form only once
    _, report = scan_texts(texts)
    assert of_check(report, "name-misspelling") == []


# ------------------------------------------------------------------ one spelling for two letters


@pytest.mark.parametrize(
    "rare, common, conflated",
    [
        ("kushashin", "kuchashin", True),  # the ch of one syllable written as the sh of the next
        ("vitzenatz", "vitsenatz", True),  # ts/tz: one word, both spellings turned to one
        ("shernov", "chernov", False),  # one digraph, spelt by another system: house style
        ("dmitriy", "dmitrii", False),  # a vowel or glide pair is a system's own choice
    ],
)
def test_a_form_spelling_two_letters_one_way_conflates_them(lex, rare, common, conflated):
    from factcheck.checks.name_misspelling import conflates

    assert conflates(rare, common, lex.transliteration.substitutions) is conflated


_CONFLATED = {
    "a.txt": "Mine\nThe foreman Pavlo Kushashin led the miners out on Monday.\n",
    "b.txt": "Mine\nPavlo Kuchashin, the foreman, led the miners out after the collapse.\n",
    "c.txt": "Mine\nThe miners were led out by Pavlo Kuchashin on Monday.\n",
}


def test_a_form_writing_two_letters_of_the_usual_one_alike_is_asked(scan_texts, of_check):
    """Kind: a listed romanisation pair (ch/sh) used against itself inside one word: "Kushashin" writes the
    "ch" and the "sh" of "Kuchashin" alike. A system maps each letter one way, so it is a slip, asked."""
    _, report = scan_texts(_CONFLATED)
    found = [f for f in of_check(report, "name-misspelling") if "Kushashin" in f["values"]]
    assert len(found) == 1 and found[0]["severity"] == "info"


def test_pass_one_digraph_spelt_by_another_system_is_house_style(scan_texts, of_check):
    texts = {k: v.replace("Kushashin", "Kuchachin") for k, v in _CONFLATED.items()}  # one consistent system
    texts = {k: v.replace("Kuchashin", "Kushashin") if k != "a.txt" else v for k, v in texts.items()}
    _, report = scan_texts(texts)
    assert of_check(report, "name-misspelling") == []


# ------------------------------------------------------------------ none, and a figure, in one article

_ZERO = {
    "a.txt": "Council vote\nThe council of Brenvik passed the budget on Thursday after a long debate.\n"
    "Nine councillors voted against the budget, the clerk said.\nIn the end nobody voted against the budget, "
    "the mayor told reporters.\n",
    "b.txt": "Council vote\nThe Brenvik council passed the budget on Thursday.\n",
}


def test_an_article_saying_none_did_a_thing_and_how_many_did_is_asked(scan_texts, of_check):
    """Kind: one article says nobody did a thing and, in another sentence, how many did it ("Nine councillors
    voted against" / "nobody voted against"): maybe two votes or moments, so asked, at info."""
    _, report = scan_texts(_ZERO)
    (found,) = of_check(report, "number-conflict")
    assert found["severity"] == "info" and "Nine" in found["values"]


@pytest.mark.parametrize(
    "change",
    [
        (
            "Nine councillors voted against",
            "Nine councillors voted for",
        ),  # another verb's object: another act
        (
            "Nine councillors voted against the budget, the clerk said.",
            "No one voted against the budget, the clerk said.",
        ),
    ],
)
def test_pass_none_beside_another_act_or_none_again_is_no_figure(scan_texts, of_check, change):
    texts = dict(_ZERO)
    texts["a.txt"] = texts["a.txt"].replace(*change)
    _, report = scan_texts(texts)
    assert of_check(report, "number-conflict") == []


# ------------------------------------------------------------------ one word of a repeated name

_NAME_WORD = {
    "a.txt": "Norvik Dansk merger\nNorvik Dansk agreed to sell its shipping arm on Monday. Shares in Norvik Dansk "
    "rose. Analysts said Norvik Danish had little choice. The board of Norvik Dansk met on Sunday, and Danish "
    "regulators will review the sale.\n",
    "b.txt": "Norvik Dansk sells arm\nNorvik Dansk will sell its shipping arm, the company said on Monday. Danish "
    "regulators must approve the deal.\n",
}


def test_one_word_of_a_name_its_article_repeats_turned_once_is_asked(scan_texts, of_check):
    """Kind: a name of several words written once with one word slipped into a near word, in an article that
    writes the name right again and again. When the slip is a word the story uses in its own right ("Danish
    regulators": "Norvik Danish" for "Norvik Dansk", "Credit Swiss" for "Credit Suisse"), the word checks take
    the two for two words; only the name shows the slip."""
    _, report = scan_texts(_NAME_WORD)
    (found,) = of_check(report, "name-misspelling")
    assert found["severity"] == "info" and found["values"] == ["Norvik Danish", "Norvik Dansk"]


@pytest.mark.parametrize(
    "a_text",
    [
        _NAME_WORD["a.txt"].replace("Norvik Danish had", "Norvik Dutch had"),  # a word far off: another name
        "Norvik Dansk merger\nThe firm agreed to sell its shipping arm on Monday. Analysts said Norvik Danish had little "
        "choice, and Danish regulators will review the sale.\n",  # its own article writes the name once
    ],
)
def test_pass_a_far_word_or_a_name_its_article_seldom_writes_is_no_slip(scan_texts, of_check, a_text):
    _, report = scan_texts({**_NAME_WORD, "a.txt": a_text})
    assert of_check(report, "name-misspelling") == []


_SHORT_WORD = {
    "a.txt": "Crash of ill-fated Tav Airways flight\nA plane of Tavi Airways crashed near Dorsk on Sunday, killing all "
    "40 people on board.\n",
    "b.txt": "Plane down near Dorsk\nA plane of Tavi Airways came down near Dorsk on Sunday. Tavi Airways said it "
    "was shocked.\n",
    "c.txt": "Dorsk crash\nThe Tavi Airways flight crashed near Dorsk on Sunday, and all 40 people on board died.\n",
    "d.txt": "Forty dead in Tavi Airways crash\nThe plane, run by Tavi Airways, crashed near Dorsk on Sunday.\n",
    "e.txt": "Airline grounds fleet\nTavi Airways grounded its fleet after the crash near Dorsk on Sunday.\n",
}


def test_fail_a_short_word_of_a_name_the_story_repeats_one_letter_off_is_asked(scan_texts, of_check):
    """Kind: a word of a name shorter than any name form the word checks read ("Yet Airlines" for "Yeti Airlines"),
    one letter dropped, written once, in an article that writes the name right only once more, while the other
    sources write it right too: the rest of the name is the context a short word lacks on its own."""
    _, report = scan_texts(_SHORT_WORD)
    (found,) = of_check(report, "name-misspelling")
    assert found["severity"] == "info" and found["values"] == ["Tav Airways", "Tavi Airways"]


@pytest.mark.parametrize(
    "texts",
    [
        {
            k: v for k, v in _SHORT_WORD.items() if k in ("a.txt", "b.txt", "c.txt")
        },  # too few sources write it
        {
            **_SHORT_WORD,
            "a.txt": _SHORT_WORD["a.txt"].replace("Tav Airways", "Tam Airways"),
        },  # far off: two edits
    ],
)
def test_pass_a_short_word_seldom_written_right_or_two_letters_off_is_no_slip(scan_texts, of_check, texts):
    _, report = scan_texts(texts)
    assert of_check(report, "name-misspelling") == []


def test_pass_names_differing_by_a_common_word_are_two_names(scan_texts, of_check):
    """ "North Korea" beside "South Korea": a word some sentence writes in lower case is a word, not a spelling,
    and two first letters never slip into each other."""
    texts = {
        "a.txt": "Talks\nSouth Korea hosted the talks. Envoys from South Korea and North Korea met at the border. "
        "South Korea said the talks went well, and its envoys will travel south again in May.\n",
        "b.txt": "Talks held\nSouth Korea hosted the talks on Monday.\n",
    }
    _, report = scan_texts(texts)
    assert of_check(report, "name-misspelling") == []


# ------------------------------------------------------------------ verbs that tell something happened, not what


@pytest.mark.parametrize(
    "text, event",
    [
        ("Floods hit the Velmora valley on 14 March 2024.", "flood"),  # the noun names it, not "hit"
        ("A storm struck the coast on 2 March, felling trees.", "storm"),
        (
            "The quake, which flattened the old town and left 300 people homeless, struck on 6 March.",
            "earthquake",
        ),
    ],
)
def test_a_verb_that_fits_any_event_dates_the_event_its_sentence_names(lex, text, event):
    """Kind: "hit" and "struck" fit floods, storms, quakes and attacks alike. Listed as one event's words, they
    gave "Floods hit ... on 14 March" to an earthquake, so it was never compared with "floods swamped ... on 14
    May". Such a verb beside a date now dates the event its sentence names, however far away the noun stands."""
    from factcheck.extract.claims import ClaimExtractor

    (claim,) = ClaimExtractor(lex.claims).dates(sentence(text, path="a.txt", date="2024-03-11"))
    assert claim.subject == event


@pytest.mark.parametrize(
    "text, event",
    [
        # the verb's subject is no event word, and the event another clause names after it is not its subject
        ("The case began in March 2020, and the verdict was read out on Thursday.", "start"),
        ("Work started on 3 May, and the bridge opened to traffic a year later.", "start"),
        # the subject before the verb is still the event it dates, however far back it stands
        ("The trial, delayed twice by the pandemic, began on 5 May.", "trial"),
    ],
)
def test_an_event_verb_dates_its_subject_never_an_event_named_after_it(lex, text, event):
    """Kind: an event verb ("began", "struck") dates the event its sentence names; an event named only in
    another clause after the verb ("..., and the verdict was read out") is no subject of it, so a trial's start
    was read as the verdict's date and raised a false conflict with the verdict's own day."""
    from factcheck.extract.claims import ClaimExtractor

    claims = ClaimExtractor(lex.claims).dates(sentence(text, path="a.txt", date="2022-11-17"))
    assert claims[0].subject == event


def test_fail_one_flood_dated_in_two_months_conflicts(lex):
    from factcheck.checks.date_conflict import DateConflict

    found = DateConflict(rule("date-conflict")).run(
        date_claims(
            lex,
            (
                "a.txt",
                "Floods hit the Velmora valley on 4 March 2024, forcing 3,000 people from their homes.",
            ),
            (
                "b.txt",
                "Floods swamped the Velmora valley on 4 February 2024, and 3,000 people left their homes.",
            ),
        )
    )
    assert [f.values for f in found] == [["4 February 2024", "4 March 2024"]]


# ------------------------------------------------------------------ a syllable typed twice at a name's end

_STUTTER = {
    "a.txt": "Floods\nEmergencies Minister Damir Ospankhanov flew to the flooded valley on Monday.\n",
    "b.txt": "Floods\nThe valley was visited by Emergencies Minister Damir Ospankhanov on Monday.\n",
    "c.txt": "Floods\nEmergencies Minister Damir Ospankhanovov toured the flooded valley on Monday.\n",
}


def test_a_syllable_typed_twice_at_a_names_end_is_a_slip(scan_texts, of_check):
    """Kind: a name with its last syllable typed again ("Ospankhanovov"). A longer form that starts with the
    other is usually the same word with an ending ("Korea" / "Koreans"), so these were never compared; an
    ending that repeats the letters before it is no ending, but a slip."""
    _, report = scan_texts(_STUTTER)
    (found,) = of_check(report, "name-misspelling")
    assert found["values"][:2] == ["Ospankhanovov", "Ospankhanov"]


def test_pass_a_name_with_an_ending_of_its_own_is_no_slip(scan_texts, of_check):
    # "Karimov" is the son of a "Karim": a new ending, not a repeated one
    texts = {k: v.replace("Ospankhanovov", "Ospankhanovich") for k, v in _STUTTER.items()}
    _, report = scan_texts(texts)
    assert of_check(report, "name-misspelling") == []


@pytest.mark.parametrize(
    "text, event",
    [
        ("Gunmen ambushed the convoy on 3 March near the border.", "attack"),
        ("Clashes broke out in the capital on 9 January.", "unrest"),
        ("The engineers were abducted on 12 February outside the mine.", "kidnapping"),
        ("An avalanche swept through the camp on 25 April.", "avalanche"),
    ],
)
def test_violence_and_disaster_words_name_their_event(lex, text, event):
    """Kind: a disaster or act of violence with no listed word dated nothing, or took the date of another
    event in its sentence; their dates are compared as any event's are."""
    from factcheck.extract.claims import ClaimExtractor

    (claim,) = ClaimExtractor(lex.claims).dates(sentence(text, path="a.txt", date="2024-04-30"))
    assert claim.subject == event


def test_an_event_word_dates_the_nearer_of_two_dates_in_its_sentence(lex):
    """Kind: "a day of mourning on Friday for the 14 people killed in a blast on 7 February": mourning is no
    listed event, so "on Friday" took the nearest listed word, "blast", whose own date stands right beside it,
    and the blast was dated twice. An event word names the date nearest it; the other date is left unnamed."""
    from factcheck.extract.claims import UNNAMED_EVENT, ClaimExtractor

    text = (
        "The region observed a day of mourning on Friday for the 14 people killed in a blast on 7 February."
    )
    claims = ClaimExtractor(lex.claims).dates(sentence(text, path="a.txt", date="2024-02-09"))
    assert sorted((c.text, c.subject) for c in claims) == [
        ("7 February", "explosion"),
        ("on Friday", UNNAMED_EVENT),
    ]


# ------------------------------------------------------------------ two places of one region, a letter apart

_PLACES = {
    "a.txt": "Border clashes\nFighting broke out near the town of Velmara on Wednesday, and 24 people were killed.\n",
    "b.txt": "Clashes on border\nTroops fought near Velmara on Wednesday; 24 people died, officials said.\n",
    "c.txt": "Deadly clashes\nClashes near the town of Velmara killed 24 people, officials said. Residents fled from "
    "the village of Velmana, a few miles away.\n",
}


def test_two_places_the_text_calls_a_town_and_a_village_are_asked_not_asserted(scan_texts, of_check):
    """Kind: villages and towns of one region often differ by a letter ("Velmara" / "Velmana"). When the text
    calls one a town and the other a village, they may be two places: asked at info, never an error."""
    _, report = scan_texts(_PLACES)
    (found,) = of_check(report, "name-misspelling")
    assert found["severity"] == "info"


def test_fail_a_place_written_two_ways_with_no_other_kind_of_place_is_a_slip(scan_texts, of_check):
    texts = dict(_PLACES)
    texts["c.txt"] = texts["c.txt"].replace("the village of Velmana", "Velmana")
    _, report = scan_texts(texts)
    (found,) = of_check(report, "name-misspelling")
    assert found["severity"] == "error"


# ------------------------------------------------------------------ a headline and a past event its article recalls


_RECALLED = {
    "a.md": "# Quarry blast kills 38\n\nAn explosion tore through the Velmora quarry on Monday, and rescuers worked "
    "through the night. The worst earlier accident at the quarry, in 2009, killed 33 miners.\n",
}


def test_a_headline_figure_is_not_compared_with_a_past_event_its_article_recalls(scan_texts, of_check):
    """Kind: "Quarry blast kills 38" against "the worst earlier accident, in 2009, killed 33": the body figure's
    sentence names another year than the article's, so it counts another event, not the headline's."""
    _, report = scan_texts(_RECALLED)
    assert of_check(report, "number-conflict") == []


def test_fail_a_headline_figure_its_article_contradicts_now_is_a_slip(scan_texts, of_check):
    texts = {
        "a.md": _RECALLED["a.md"].replace(
            "The worst earlier accident at the quarry, in 2009, killed 33 miners.",
            "The blast killed 33 miners, officials said.",
        )
    }
    _, report = scan_texts(texts)
    (found,) = of_check(report, "number-conflict")
    assert {"38", "33"} <= set(found["values"])


@pytest.mark.parametrize(
    "text, thing",
    [
        ("Officials said 418 more had been injured.", ""),  # an auxiliary is no counted noun
        ("Some 21,440 forcibly displaced people had crossed.", "people"),  # an adverb reaches past itself
        ("At least 30 other workers were hurt.", "worker"),  # a modifier before the noun, as before
    ],
)
def test_the_counted_noun_is_never_an_auxiliary_or_an_adverb(lex, text, thing):
    """Kind: "418 more had been injured" counted "had", and "21,440 forcibly displaced people" counted
    "forcibly", so neither met the same figure of another outlet that names the counted thing."""
    from factcheck.extract.claims import ClaimExtractor

    (claim,) = ClaimExtractor(lex.claims).quantities(sentence(text))
    assert claim.subject == thing


def test_refugees_counted_in_two_reports_are_a_timeline(lex):
    """Kind: "21,440 refugees had entered" in the morning and "25,000 refugees had arrived" by evening: arrivals
    of refugees are a tally that moves between reports, as the displaced and the evacuated are."""
    from factcheck.extract.claims import ClaimExtractor

    x = ClaimExtractor(lex.claims)
    (a,) = x.quantities(sentence("By Tuesday morning 21,440 refugees had entered the country."))
    (b,) = x.quantities(sentence("The government said 25,000 refugees had arrived by Tuesday evening."))
    assert a.attribute == b.attribute and a.attribute in lex.claims.evolving


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said at least 44 people, among them women and children, had died.",
        "At least 44 people, including three children, were killed in the blast.",
        "Some 44 miners, most of them young men, died in the fire.",
    ],
)
def test_a_predicate_after_an_aside_is_the_counts(lex, text):
    """Kind: "44 people, including three children, were killed": an aside between the figure and its verb
    cut the verb off, so the toll was a bare count of people and never met another outlet's toll."""
    from factcheck.extract.claims import ClaimExtractor

    found = {c.value: c.attribute for c in ClaimExtractor(lex.claims).quantities(sentence(text))}
    assert found[44.0] == "killed"


_ROMANISED_SPEAKER = {
    "a.md": '# Mine fire\n\nRegional governor Erlan Tokmurzin said: "We are doing everything possible to reach the '
    'miners who are still underground."\n',
    "b.md": '# Fire at the mine\n\nRegional governor Yerlan Tokmurzin said: "We are doing everything possible to reach '
    'the miners who are still underground."\n',
    "c.md": '# Miners trapped\n\nRegional governor Erlan Tokmurzyn said: "We are doing everything we can to reach the miners '
    'who are still under the ground."\n',
}


def test_a_speaker_romanised_two_ways_was_translated_twice(scan_texts, of_check):
    """Kind: outlets that spell a speaker's name in two romanisations ("Tokmurzin" / "Tokmurzyn") each worked
    from their own transliteration of a speaker of another language, and so from their own translation: the
    wording differs by translator, asked at info, though two other outlets agree word for word."""
    _, report = scan_texts(_ROMANISED_SPEAKER)
    (found,) = of_check(report, "quote-mismatch")
    assert found["severity"] == "info"


def test_fail_a_speaker_spelt_one_way_everywhere_was_misquoted(scan_texts, of_check):
    texts = {k: v.replace("Tokmurzyn", "Tokmurzin") for k, v in _ROMANISED_SPEAKER.items()}
    _, report = scan_texts(texts)
    (found,) = of_check(report, "quote-mismatch")
    assert found["severity"] == "warning"


@pytest.mark.parametrize(
    "text, subject, value",
    [
        ("The driver, 52, survived the crash.", "driver", 52.0),  # a role, then the age between commas
        ("The driver, aged 47, was detained.", "driver", 47.0),  # "aged" after the role
        ("A 25-year-old worker was killed.", "worker", 25.0),
    ],
)
def test_an_age_after_a_role_is_that_roles(lex, text, subject, value):
    """Kind: "The driver, 52, survived" against "The driver, 55, was detained": an age after a role noun was
    not read at all, and one after "aged" had no subject, so two outlets' ages of one driver never met."""
    from factcheck.extract.claims import ClaimExtractor

    (claim,) = ClaimExtractor(lex.claims).ages(sentence(text))
    assert (claim.subject, claim.value, claim.attribute) == (subject, value, "age")


def test_a_count_after_a_role_is_no_age(lex):
    from factcheck.extract.claims import ClaimExtractor

    assert (
        ClaimExtractor(lex.claims).ages(sentence("Among the victims, 12 of them children, were miners."))
        == []
    )
