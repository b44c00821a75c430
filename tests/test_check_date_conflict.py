"""date-conflict: pass and fail examples, run end to end with the real model."""


def test_fail_same_event_two_dates(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Interview\nPublished: 2024-08-23\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on August 15.\n",
            "b.txt": "Interview\nPublished: 2024-08-24\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on 20 August.\n",
        }
    )
    (f,) = of_check(report, "date-conflict")
    assert f["values"] == ["20 August", "August 15"]
    assert f["subject"] == "date of the interview"


def test_pass_one_date_in_several_forms(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Interview\nPublished: 2024-08-23\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on Aug. 15.\n",
            "b.txt": "Interview\nPublished: 2024-08-24\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on 15.08.2024.\n",
            "c.txt": "Interview\nPublished: 2024-08-17\nLukashenko criticised Kazakhstan in an interview broadcast on Russian television on Thursday.\n",
        }
    )
    assert of_check(report, "date-conflict") == []


def test_pass_different_events_in_similar_sentences(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Talks\nPublished: 2024-08-23\nThe ambassador was summoned to a meeting on August 21 over the interview.\n",
            "b.txt": "Talks\nPublished: 2024-08-24\nThe ambassador was summoned over the interview, which aired on August 15.\n",
        }
    )
    assert of_check(report, "date-conflict") == []


def _slide(dates: list[str]) -> dict:
    return {
        f"{n}.txt": f"Landslide\nPublished: 2024-08-20\nA landslide buried the mountain resort on {d}, rescuers said.\n"
        for n, d in zip("abcd", dates)
    }


def test_fail_an_outlier_against_a_majority_is_asserted(scan_texts, of_check):
    _, report = scan_texts(_slide(["3 August", "3 August", "5 August"]))
    (f,) = of_check(report, "date-conflict")
    assert (f["severity"], f["values"]) == ("warning", ["3 August", "5 August"])


def test_pass_three_dates_of_one_kind_of_event_are_asked_not_asserted(scan_texts, of_check):
    # a conflict is a pair: three readings are several days of the event told apart (the slide, the search,
    # the day the last body was found), or one slip among them that nobody can tell from the rest
    _, report = scan_texts(_slide(["3 August", "4 August", "6 August"]))
    assert [(f["severity"], f["values"]) for f in of_check(report, "date-conflict")] == [
        ("info", ["3 August", "4 August", "6 August"])
    ]


def _began(first: str, second: str) -> dict:
    return {
        "a.txt": f"Miners freed\nPublished: 2021-06-20\nRescuers freed the last of the miners on Friday, ending an operation that began on {first}.\n",
        "b.txt": f"Miners freed\nPublished: 2021-06-20\nThe last miners were brought out on Friday after an operation that began on {second}.\n",
    }


def test_fail_a_start_date_told_by_its_verb_alone(scan_texts, of_check):
    # "began on 2 June" dates the start of whatever began, though no event word names it: a month written
    # wrong is one start told two ways, and the day the miners were freed ("on Friday") is another moment
    _, report = scan_texts(_began("2 June", "2 July"))
    assert [(f["severity"], f["values"]) for f in of_check(report, "date-conflict")] == [
        ("warning", ["2 July", "2 June"])
    ]


def test_pass_a_start_verb_beside_a_named_event_dates_that_event(scan_texts, of_check):
    # "the trial began on 2 July" dates the trial: it is no other reading of the rescue's start
    _, report = scan_texts(
        {
            "a.txt": "Miners freed\nPublished: 2021-07-20\nRescuers freed the last of the miners on Friday, ending an operation that began on 2 June.\n",
            "b.txt": "Miners freed\nPublished: 2021-07-20\nThe trial of the mine's owners began on 2 July, a month after the rescue operation.\n",
        }
    )
    assert of_check(report, "date-conflict") == []


def test_fail_one_clocks_standard_and_daylight_forms_are_one_zone(scan_texts, of_check):
    # "6:32 pm ET" and "6:23 p.m. EST" are times on one clock: compared (and asked), never two zones' readings
    _, report = scan_texts(
        {
            "a.txt": "Moon landing\nPublished: 2024-02-23\nThe lander set down near the south pole at 6:32 pm ET on Thursday.\n",
            "b.txt": "Moon landing\nPublished: 2024-02-23\nThe lander touched down near the south pole at 6:23 p.m. EST on Thursday.\n",
        }
    )
    assert [(f["severity"], f["values"]) for f in of_check(report, "date-conflict")] == [
        ("info", ["6:23 p.m.", "6:32 pm"])
    ]


def test_pass_a_take_off_time_is_no_landing_time(scan_texts, of_check):
    # the plane took off at 10:33 and came down at 10:50: two moments of one flight, two events
    _, report = scan_texts(
        {
            "a.txt": "Crash\nPublished: 2023-01-15\nThe plane took off from Kathmandu at 10:33 am and crashed near the airport.\n",
            "b.txt": "Crash\nPublished: 2023-01-15\nThe plane was landing at the new airport when it came down at around 10.50 am local time.\n",
        }
    )
    assert of_check(report, "date-conflict") == []
