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
