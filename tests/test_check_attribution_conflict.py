"""attribution-conflict: pass and fail examples, run end to end with the real model."""


def test_fail_same_quote_two_speakers(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Collapse\nThe Kestrel Bridge in Dunmore collapsed on Friday.\n“Nobody could have predicted this failure,” said Mayor Tomas Brandt.\n",
            "b.txt": "Collapse\nThe Kestrel Bridge in Dunmore fell into the river.\n“Nobody could have predicted this failure,” said engineer Lukas Ferro.\n",
        }
    )
    (f,) = of_check(report, "attribution-conflict")
    assert f["values"] == ["Lukas Ferro", "Tomas Brandt"]


def test_pass_same_quote_same_speaker_in_two_spellings(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Talks\n“All disagreements should be settled by diplomatic means,” Murat Nurtleu said.\n",
            "b.txt": "Talks\n“All disagreements should be settled by diplomatic means,” Murat Nurleu said.\n",
        }
    )
    assert of_check(report, "attribution-conflict") == []


def test_pass_different_quotes(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Collapse\n“Nobody could have predicted this failure,” said Mayor Tomas Brandt.\n",
            "b.txt": "Collapse\n“The warnings were there for years,” said engineer Lukas Ferro.\n",
        }
    )
    assert of_check(report, "attribution-conflict") == []


def test_pass_a_short_quote_whose_words_are_scattered_in_a_long_one(scan_texts, of_check):
    # token_set_ratio scores these 92.7: four of the five short words stand somewhere in the long quote
    _, report = scan_texts(
        {
            "a.txt": "Sentencing\n\nJudge Steven O'Neill spoke to the court in Norristown. “It is time for justice. Mr. Cosby, "
            "the time has come,” he said.\n",
            "b.txt": "Sentencing\n\nDistrict Attorney Kevin Steele spoke after Cosby was sentenced in Norristown. “It's been a "
            "long time but justice arrived when the man left the court in handcuffs, headed off to prison for his "
            "crimes,” Steele said.\n",
        }
    )
    assert of_check(report, "attribution-conflict") == []


def test_pass_a_job_title_in_capitals_is_not_a_speaker(scan_texts, of_check):
    quote = "“This partnership presents an opportunity to maximize value for our shareholders,”"
    _, report = scan_texts(
        {
            "a.txt": f"Deal\n\nAmazon agreed to buy Whole Foods Market. {quote} John Mackey, Whole Foods Market co-founder and CEO, said.\n",
            "b.txt": f"Deal\n\nAmazon agreed to buy Whole Foods Market for cash. {quote} said John Mackey.\n",
        }
    )
    assert of_check(report, "attribution-conflict") == []
