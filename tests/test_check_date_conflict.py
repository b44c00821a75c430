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
