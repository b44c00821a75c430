"""Publication dates from bylines, datelines, timestamps and page addresses."""

import pytest

from factcheck.extract.published import head_date, lead_dateline, url_date


@pytest.mark.parametrize(
    "line, iso",
    [
        ("By Jane Roe, 3 May 2019", "2019-05-03"),
        ("12 Mar 2021 09:40", "2021-03-12"),
        ("Published: 2024-08-22", "2024-08-22"),
        ("Published March 29th, 2021 - 07:46 GMT", "2021-03-29"),
        ("Nippon.com - News from Japan - 2021-03-24", "2021-03-24"),
        ("Almaz Kumenov Aug 23, 2024", "2024-08-23"),
    ],
)
def test_head_lines_that_date_the_article(line, iso):
    assert head_date(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "The bridge collapsed on 14 March 2024 during the evening rush hour.",  # a sentence, not a byline
        "Kestrel Bridge collapses in Dunmore",  # no date
    ],
)
def test_head_lines_that_do_not(line):
    assert head_date(line) is None


def test_lead_dateline_with_and_without_a_year():
    assert lead_dateline("CAIRO – 5 August 2020: The toll from the blast rose.", []) == ("2020-08-05", False)
    assert lead_dateline("Singapore, June 12 (Reuters) - Trump met Kim.", [2017, 2018]) == (
        "2018-06-12",
        True,
    )
    assert lead_dateline("Singapore, June 12 (Reuters) - Trump met Kim.", []) is None  # no year to infer from
    assert lead_dateline("LONDON (Reuters) - Tottenham lost.", [2016]) is None  # a dateline without a date


def test_url_dates():
    assert url_date("https://www.theguardian.com/football/2016/may/03/pochettino") == "2016-05-03"
    assert url_date("https://example.org/2021/04/21/verdict") == "2021-04-21"
    assert url_date("https://example.org/a/26979043.html") is None


def test_undated_page_gets_its_date_from_the_first_paragraph(scan_texts):
    _, report = scan_texts(
        {
            "a.txt": "Blast toll rises\n\nCAIRO – 5 August 2020: The toll from the blast rose to 78 on Tuesday.\n"
        }
    )
    assert report["documents"][0]["date"] == "2020-08-05"
