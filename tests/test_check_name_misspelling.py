"""name-misspelling: pass and fail examples, run end to end with the real model."""

DOC = "Talks\nForeign Minister Murat {a} met the ambassador. {b} said the talks went well.\n"


def test_fail_one_edit_from_a_better_attested_form(scan_texts, of_check):
    code, report = scan_texts(
        {
            "a.txt": DOC.format(a="Nurtleu", b="Nurleu"),
            "b.txt": DOC.format(a="Nurtleu", b="Nurtleu"),
            "c.txt": DOC.format(a="Nurtleu", b="Nurtleu"),
        }
    )
    found = of_check(report, "name-misspelling")
    assert len(found) == 1
    f = found[0]
    assert f["values"] == ["Nurleu", "Nurtleu"]
    assert f["suggestion"] == "Nurtleu"
    assert f["severity"] == "error"  # the same document writes both forms
    rare = [e for e in f["evidence"] if e["value"] == "Nurleu"]
    assert [e["document"].rsplit("/", 1)[-1] for e in rare] == ["a.txt"]


def test_pass_duplicated_passage_does_not_vote_twice(scan_texts, of_check):
    # "Nurleu" pasted twice in one file is still one source against one source.
    _, report = scan_texts(
        {
            "a.txt": "Talks\nMinister Murat Nurleu met the envoy.\nMinister Murat Nurleu met the envoy.\n",
            "b.txt": "Talks\nMinister Murat Nurtleu met the envoy in Astana on the same day.\n",
        }
    )
    # One source against one source: which is right cannot be told, so no form is called the misspelling
    # (the two articles are one story, so the two spellings are still asked about, without a verdict).
    found = of_check(report, "name-misspelling")
    assert all(
        f["suggestion"] is None and "two spellings" in f["message"] and f["severity"] == "info" for f in found
    )


def test_pass_transliteration_is_not_a_misspelling(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Talks\nPresident Aleksandr Lukashenka spoke.\n",
            "b.txt": "Talks\nPresident Alexander Lukashenko spoke. Lukashenko left.\n",
            "c.txt": "Talks\nPresident Alexander Lukashenko spoke again.\n",
        }
    )
    assert of_check(report, "name-misspelling") == []


def test_pass_word_endings_are_not_misspellings(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Trade\nRussia and Kazakhstan signed a deal. Russian officials and Kazakhstani firms agreed.\n",
            "b.txt": "Trade\nRussia and Kazakhstan signed the trade deal in Astana.\n",
        }
    )
    assert of_check(report, "name-misspelling") == []


QUAKE = "An avalanche hit the base camp on Mount Everest after the quake, and rescuers flew the injured to {city}."


def test_fail_a_dateline_cut_short(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Avalanche\n\nKATHMAN: At least 13 climbers were killed when an avalanche hit Everest.\n",
            "b.txt": "Avalanche\n\n" + QUAKE.format(city="Kathmandu") + "\n",
            "c.txt": "Avalanche\n\n" + QUAKE.format(city="Kathmandu") + " Kathmandu is the capital.\n",
        }
    )
    (f,) = of_check(report, "name-misspelling")
    assert f["values"] == ["KATHMAN", "Kathmandu"]


def test_pass_a_whole_dateline_and_a_name_with_an_ending(scan_texts, of_check):
    # "KATHMANDU, Nepal --" is the place written in capitals; a prefix outside a dateline is a word with an ending
    _, report = scan_texts(
        {
            "a.txt": "Avalanche\n\nKATHMANDU, Nepal -- At least 13 climbers were killed when an avalanche hit Everest.\n",
            "b.txt": "Avalanche\n\n" + QUAKE.format(city="Kathmandu") + " The Nepali army helped.\n",
            "c.txt": "Avalanche\n\n" + QUAKE.format(city="Kathmandu") + " Nepal asked for help.\n",
        }
    )
    assert of_check(report, "name-misspelling") == []


def test_info_one_unlike_letter_with_nothing_to_tie_the_forms(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Avalanche\n\nThe guide said the avalanche began on Mount Kumori and swept into the base camp.\n",
            "b.txt": "Avalanche\n\nClimbers at the base camp saw the snow come down from the Pumori side of the valley.\n",
        }
    )
    (f,) = of_check(report, "name-misspelling")
    assert f["severity"] == "info" and set(f["values"]) == {"Kumori", "Pumori"}


def test_pass_one_letter_of_the_same_sound_is_a_variant_not_a_slip(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Port\n\nThe blast destroyed the silos near the Karantina district, where Marwan Chafik lived.\n",
            "b.txt": "Port\n\nRescuers searched the rubble in the Quarantina area after the explosion, said Marwan Shafik.\n",
        }
    )
    assert of_check(report, "name-misspelling") == []


def test_sound_alike():
    from factcheck.checks import CHECK_TYPES
    from factcheck.checks.name_misspelling import sound_alike

    sounds = CHECK_TYPES["name-misspelling"].defaults["sounds"]
    assert (
        sound_alike("k", "c", sounds) and sound_alike("a", "o", sounds) and not sound_alike("k", "p", sounds)
    )


def test_info_one_surname_and_first_names_two_letters_apart(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Avalanche\n\nAn avalanche hit the Everest base camp near Khumbu, said Ang Tshering of the Nepal "
            "Mountaineering Association.\n",
            "b.txt": "Avalanche\n\nAn avalanche swept the Everest base camp below Khumbu, according to the Nepal Mountaineering "
            "Association's Ash Tshering.\n",
        }
    )
    (f,) = of_check(report, "name-misspelling")
    assert f["severity"] == "info" and f["values"] == ["Ang Tshering", "Ash Tshering"]


def test_pass_two_people_with_one_surname(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Quake\n\nAleandro Petrucci, the mayor of Arquata del Tronto, said half the town was gone.\n",
            "b.txt": "Quake\n\nStefano Petrucci, the mayor of Accumoli, said rescuers were still digging.\n",
        }
    )
    assert of_check(report, "name-misspelling") == []


def test_fail_a_doubled_last_letter_dropped(scan_texts, of_check):
    # "O'Neil" is "O'Neill" less its doubled last letter: not a word with an ending
    court = "Judge Steven {name} sentenced the comedian to three to ten years in state prison in Norristown."
    _, report = scan_texts(
        {
            "a.txt": "Sentence\n\n" + court.format(name="O'Neil") + "\n",
            "b.txt": "Sentence\n\n" + court.format(name="O'Neill") + "\n",
            "c.txt": "Sentence\n\n" + court.format(name="O'Neill") + " O'Neill refused bail.\n",
        }
    )
    (f,) = of_check(report, "name-misspelling")
    assert f["values"] == ["O'Neil", "O'Neill"]


def test_fail_two_spellings_in_one_document_are_an_error_even_when_tied(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Trial\n\nThe comedian's wife, Camille Cosby, sat in the gallery. Later Camile Cosby "
            "left the court without a word.\n"
        }
    )
    (f,) = of_check(report, "name-misspelling")
    assert f["severity"] == "error" and set(f["values"]) == {"Camile", "Camille"}


def test_pass_headline_capitals_are_not_names(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "President Biden On Chauvin Trial: Praying For 'Right Verdict'\n\nBiden spoke after "
            "the police shooting of Daunte Wright in Brooklyn Center.\n"
        }
    )
    assert of_check(report, "name-misspelling") == []


def test_doubled_end_and_title_case():
    from factcheck.checks.name_misspelling import doubled_end
    from factcheck.extract.names import title_case, tokens

    assert doubled_end("o'neil", "o'neill") and doubled_end("clark", "clarke")
    assert not doubled_end("korea", "koreas") and not doubled_end("kazakh", "kazakhstan")
    assert title_case(tokens("President Biden On Chauvin Trial: Praying For 'Right Verdict'"))
    assert not title_case(tokens("Judge Steven O'Neil sentenced Cosby"))


def test_pass_a_romanisation_in_another_source_is_not_a_misspelling(scan_texts, of_check):
    # Evgeniy / Yevgeny: vowels and a glide, which romanisation systems vary (issue 19: house style, not a slip).
    _, report = scan_texts(
        {
            "a.txt": "Talks\nYevgeny Kuznetsov, the deputy minister, met the delegation in Minsk on Monday.\n",
            "b.txt": "Talks\nYevgeny Kuznetsov, the deputy minister, met the visiting delegation in Minsk.\n",
            "c.txt": "Talks\nEvgeniy Kouznetsov, the deputy minister, met the delegation in Minsk on Monday.\n",
        }
    )
    assert [f for f in of_check(report, "name-misspelling") if f["severity"] != "info"] == []


def test_fail_one_document_mixing_two_romanisations_with_one_dominant(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Vote\nPresident Ilham Aliyev won the vote. Aliyev thanked voters. Observers said Aliyav faced no rival.\n",
            "b.txt": "Vote\nPresident Ilham Aliyev won the vote on Wednesday, officials said.\n",
        }
    )
    (f,) = [f for f in of_check(report, "name-misspelling") if "Aliyav" in f["values"]]
    assert f["severity"] == "warning" and f["suggestion"] == "Aliyev"


def test_doubled_consonant_is_asked_at_info(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Rates\nFed chair Jerome Powell said rates would stay high.\n",
            "b.txt": "Rates\nFed chair Jerome Powell said rates would stay high for now.\n",
            "c.txt": "Rates\nFed chair Jerome Powel said rates would stay high.\n",
        }
    )
    found = [f for f in of_check(report, "name-misspelling") if "Powel" in f["values"]]
    assert found and {f["severity"] for f in found} == {"info"}


def test_fail_a_hyphen_is_no_letter_of_a_slip(scan_texts, of_check):
    # Kind: the hyphen counted as an edit, so one slipped letter in a hyphened name was two edits, asked at info.
    doc = "Talks\nForeign Minister Salim {} met the envoy in Velmora on Monday.\n"
    _, report = scan_texts(
        {"a.txt": doc.format("Al-Hamadi"), "b.txt": doc.format("Al-Hamadi"), "c.txt": doc.format("Alhamari")}
    )
    (f,) = of_check(report, "name-misspelling")
    assert f["values"] == ["Alhamari", "Al-Hamadi"] and f["severity"] == "warning"


def test_fail_two_letters_exchanged_in_a_short_place_name_are_asked(scan_texts, of_check):
    # Kind: the same letters with two exchanged ("Tolyb" once, "Tobyl" in two sources) is a slip of the hand no
    # romanisation makes; with nothing else tying the two forms it is asked at info, never asserted
    _, report = scan_texts(
        {
            "a.txt": "Floods\nPublished: 2024-04-08\nThe minister flew to the town of Tobyl on Sunday to inspect the dams.\n",
            "b.txt": "Floods\nPublished: 2024-04-08\nThe minister visited Tobyl on Sunday, where the river had risen overnight.\n",
            "c.txt": "Floods\nPublished: 2024-04-08\nThe minister arrived in Tolyb on Sunday as the water kept rising.\n",
        }
    )
    assert [(f["severity"], f["values"]) for f in of_check(report, "name-misspelling")] == [
        ("info", ["Tolyb", "Tobyl"])
    ]


def test_pass_two_names_of_other_letters_are_not_exchanged_ones(scan_texts, of_check):
    # "Tosmo" is no exchange of "Tomsk"'s letters (a letter changed as well): a short name two edits off, with nothing
    # to tie it, stays unasked
    _, report = scan_texts(
        {
            "a.txt": "Floods\nPublished: 2024-04-08\nThe minister flew to Tomsk on Sunday to inspect the dams.\n",
            "b.txt": "Floods\nPublished: 2024-04-08\nThe minister visited Tomsk on Sunday, where the river had risen overnight.\n",
            "c.txt": "Floods\nPublished: 2024-04-08\nThe minister arrived in Tosmo on Sunday as the water kept rising.\n",
        }
    )
    assert of_check(report, "name-misspelling") == []


def test_a_dateline_in_capitals_is_the_same_form_as_the_name_in_lower_case():
    """Kind: "SCHIPHOL, Netherlands --" and "near Schiphol" are one spelling. Kept apart by case, each was one
    source's form, so "Schiphol" counted one vote less against a slip, and the dateline was asked about against a
    slip of its own name. A dateline cut short ("KATHMAN") is another spelling and stays apart."""
    from factcheck.checks._forms import Form, _merge_capital_datelines

    forms = {
        "SCHIPHOL": Form("SCHIPHOL", occurrences=[("s1", "t1")], datelines=1),
        "Schiphol": Form("Schiphol", occurrences=[("s2", "t2")]),
        "KATHMAN": Form("KATHMAN", occurrences=[("s3", "t3")], datelines=1),
        "Kathmandu": Form("Kathmandu", occurrences=[("s4", "t4")]),
    }
    _merge_capital_datelines(forms)
    assert sorted(forms) == ["KATHMAN", "Kathmandu", "Schiphol"]
    assert forms["Schiphol"].occurrences == [("s2", "t2"), ("s1", "t1")] and forms["Schiphol"].datelines == 1
