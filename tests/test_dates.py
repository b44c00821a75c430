import datetime

import pytest
from hypothesis import given, settings, strategies as st

from factcheck.extract.dates import find_temporals, parse_date


@pytest.mark.parametrize(
    "text, kind, label",
    [
        ("on August 15, casting", "partial", "-----08-15"),
        ("on 15 August he", "partial", "-----08-15"),
        ("on Aug. 15 he", "partial", "-----08-15"),
        ("on 15.08.2024 he", "absolute", "2024-08-15"),
        ("Aug 23, 2024", "absolute", "2024-08-23"),
        ("in May 2024", "absolute", "2024-05"),
        ("In May, at the forum", "partial", "-----05"),
        ("in early 2022 in", "absolute", "2022"),
        ("on Wednesday", "weekday", "----"),
        ("In June of that year", "anaphoric", "-----06"),
        ("A month later, he", "relative", "----"),
        ("yesterday", "deictic", "----"),
    ],
)
def test_forms(text, kind, label):
    found = find_temporals(text)
    assert [(t.kind, t.value.label()) for t in found] == [(kind, label)]


def test_modal_may_and_verb_march_are_not_months():
    assert find_temporals("He may march on the capital.") == []


def test_impossible_dates_are_rejected():
    assert parse_date("31.02.2024") is None
    assert parse_date("2024-13-01") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_and_is_stable(text):
    first = find_temporals(text)
    assert find_temporals(text) == first
    for t in first:
        assert text[t.start : t.end] == t.text


MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=datetime.date(1700, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_every_written_form_normalises_to_one_date(day):
    m = MONTH_NAMES[day.month - 1]
    forms = [
        f"on {day.day} {m} {day.year} it",
        f"on {m} {day.day}, {day.year} it",
        f"on {m[:3]}. {day.day}, {day.year} it" if m != "May" else f"on May {day.day}, {day.year} it",
        f"on {day.day:02d}.{day.month:02d}.{day.year} it",
        f"on {day.isoformat()} it",
    ]
    readings = {parse_date(f) for f in forms}
    assert readings == {day.isoformat()}
