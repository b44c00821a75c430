import pytest
from hypothesis import given, settings, strategies as st

from factcheck.extract.numbers import find_quantities, written_amount


@pytest.mark.parametrize(
    "text, expected",
    [
        ("totalling $153.07 million in 2023", [("$153.07 million", 153_070_000, "money:USD", "")]),
        ("30 million euros", [("30 million euros", 30_000_000, "money:EUR", "")]),
        ("the 984-foot bridge", [("984-foot", 984 * 0.3048, "length", "bridge")]),
        ("exceeding 7.5 thousand kilometers", [("7.5 thousand kilometers", 7_500_000, "length", "")]),
        ("six injured workers", [("six", 6, "count", "worker")]),
        ("300 litres of fuel", [("300 litres", 0.3, "volume", "")]),
        ("30,000 cubic metres of sand", [("30,000 cubic metres", 30_000, "volume", "")]),
        ("The bridge opened in 1977.", [("1977", 1977, "year", "opened")]),
        ("up 12% on the year", [("12%", 12, "percent", "")]),
        ("On August 15 the 3rd round began", []),
        ("in 2022 the law changed", []),
        ("She is one of them", []),
    ],
)
def test_readings(text, expected):
    got = [(q.text, q.value, q.dimension, q.thing) for q in find_quantities(text)]
    assert [(t, pytest.approx(v), d, th) for t, v, d, th in expected] == got


@pytest.mark.parametrize(
    "text, amount",
    [
        ("2.5 million tonnes", 2_500_000),
        ("300-metre", 300),
        ("about 40 litres", 40),
        ("$5m", 5_000_000),
        ("none", None),
    ],
)
def test_written_amount_is_the_figure_in_no_unit(text, amount):
    assert written_amount(text) == amount


def test_approximate_and_part():
    (q,) = find_quantities("about 30,000 people")
    assert q.approximate and q.value == 30000
    two, six = find_quantities("two of the six workers")
    assert (two.value, two.part_of, six.part_of) == (2, 6, None)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_crashes_and_is_stable(text):
    first = find_quantities(text)
    assert find_quantities(text) == first
    for q in first:
        assert text[q.start : q.end] == q.text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["", " million", " billion", " thousand"]))
def test_money_value_is_the_number_times_the_scale(n, scale):
    (q,) = find_quantities(f"costs ${n:,}{scale} now")
    factor = {"": 1, " million": 1e6, " billion": 1e9, " thousand": 1e3}[scale]
    assert q.value == pytest.approx(n * factor)
