"""unit-mismatch: pass and fail examples, each a few inline articles run through this one check without the model
(``run_check`` in conftest.py). Its own ``examples`` run end to end, with the model, in tests/test_examples.py."""

import pytest


def story(*sentences: str, headline: str = "Aid convoy reaches the valley") -> dict[str, str]:
    """One story told by as many outlets as ``sentences``: a.txt, b.txt, ..., each a headline and its sentence."""
    return {f"{chr(97 + i)}.txt": f"{headline}\n{s}\n" for i, s in enumerate(sentences)}


def test_fail_one_figure_in_a_mass_and_a_volume(run_check):
    (f,) = run_check(
        "unit-mismatch",
        story(
            "The convoy carried 300 tonnes of aid to the flooded valley on Monday.",
            "The convoy carried 300 litres of aid to the flooded valley on Monday.",
        ),
    )
    assert f.severity == "warning" and f.subject == "300"
    assert f.values == ["300 litres", "300 tonnes"]
    assert f.message == "One figure, 300, is given in units that do not convert (mass and volume): " + (
        "'300 litres', '300 tonnes'"
    )
    assert {e.document for e in f.evidence} == {"a.txt", "b.txt"}
    assert f.suggestion == "Check the unit against the original source (mass: a.txt; volume: b.txt)."


@pytest.mark.parametrize(
    "first, second, units",
    [
        (
            "The tanker spilled 20,000 barrels of oil off the coast on Sunday.",
            "The tanker spilled 20,000 tonnes of oil off the coast on Sunday.",
            "mass and volume",
        ),
        (
            "The wildfire has burned 2,000 hectares of forest since Friday.",
            "The wildfire has burned 2,000 km of forest since Friday.",
            "area and length",
        ),
        (
            "Engineers dredged 30,000 cubic metres of sand from the canal bank.",
            "Engineers dredged 30,000 metres of sand from the canal bank.",
            "length and volume",
        ),
    ],
)
def test_fail_other_dimensions(run_check, first, second, units):
    (f,) = run_check("unit-mismatch", story(first, second))
    assert f"({units})" in f.message


def test_fail_three_outlets_one_finding(run_check):
    (f,) = run_check(
        "unit-mismatch",
        story(
            "The convoy carried 300 tonnes of aid to the flooded valley on Monday.",
            "The convoy carried 300 litres of aid to the flooded valley on Monday.",
            "The convoy carried 300 tonnes of aid to the flooded valley on Monday, officials said.",
        ),
    )
    assert {e.document for e in f.evidence} == {"a.txt", "b.txt", "c.txt"}
    assert "mass: a.txt, c.txt; volume: b.txt" in f.suggestion


@pytest.mark.parametrize(
    "first, second",
    [
        # a magnitude is on no unit's scale
        (
            "The tremor, of magnitude 6.1, shook the valley on Monday.",
            "The tremor, 6.1 on the Richter scale, shook the valley on Monday.",
        ),
        # kilometres and miles convert: a different figure, number-conflict's to judge
        (
            "The new pipeline runs 120 km across the plain.",
            "The new pipeline runs 120 miles across the plain.",
        ),
        # two measures of one thing
        (
            "The 25-metre fishing boat sank near the harbour on Monday.",
            "The fishing boat, carrying 25 tonnes of fish, sank near the harbour on Monday.",
        ),
        # the same figure for two things, in other words
        (
            "The convoy carried 300 tonnes of food to the valley on Monday.",
            "The convoy carried 300 litres of fuel to the valley on Monday.",
        ),
        # a figure this small ties nothing by its digits
        ("The convoy travelled 2 km on Monday.", "The convoy travelled 2 tonnes on Monday."),
        # a count and a sum of money have no unit to mismatch
        (
            "The convoy carried 300 tonnes of aid on Monday.",
            "The convoy carried 300 trucks of aid on Monday.",
        ),
        (
            "The relief fund raised 300 million dollars in a week.",
            "The relief fund raised 300 million tonnes in a week.",
        ),
    ],
)
def test_pass(run_check, first, second):
    assert run_check("unit-mismatch", story(first, second)) == []


def test_pass_a_source_that_writes_the_figure_in_both_units_tells_two_quantities(run_check):
    assert (
        run_check(
            "unit-mismatch",
            story(
                "The 300-metre ship carried 300 tonnes of grain when it ran aground on Monday.",
                "The ship carried 300 metres of grain when it ran aground on Monday.",
            ),
        )
        == []
    )


def test_pass_unrelated_sentences_of_one_story(run_check):
    assert (
        run_check(
            "unit-mismatch",
            story(
                "The convoy carried 300 tonnes of aid to the flooded valley on Monday.",
                "Floodwater covered 300 hectares of farmland, the ministry said in a statement late on Tuesday.",
            ),
        )
        == []
    )


def test_min_amount_is_the_rules(run_check):
    texts = story("The convoy travelled 2 km on Monday.", "The convoy travelled 2 tonnes on Monday.")
    assert run_check("unit-mismatch", texts) == []
    assert len(run_check("unit-mismatch", texts, min_amount=1)) == 1
