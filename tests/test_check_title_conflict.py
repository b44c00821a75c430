"""title-conflict: pass and fail examples, run end to end with the real model."""


def test_fail_same_portfolio_at_two_ranks(scan_texts, of_check):
    code, report = scan_texts(
        {
            "a.txt": "Summit in Astana\nForeign Minister Murat Nurtleu met the Belarusian ambassador on Monday.\n",
            "b.txt": "Envoy summoned\nKazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the Belarusian ambassador.\n",
        }
    )
    found = of_check(report, "title-conflict")
    assert len(found) == 1
    f = found[0]
    assert f["subject"] == "Murat Nurtleu"
    assert f["severity"] == "error" and code == 1
    assert "Foreign Minister" in f["values"]
    assert any("Deputy Minister of Foreign Affairs" in v for v in f["values"])
    assert {e["document"].rsplit("/", 1)[-1] for e in f["evidence"]} == {"a.txt", "b.txt"}


def test_pass_titles_held_together(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Summit in Astana\nForeign Minister Murat Nurtleu met the ambassador.\n",
            "b.txt": "Envoy summoned\nMurat Nurtleu, Kazakhstan's deputy prime minister and top diplomat, met the ambassador.\n",
        }
    )
    assert of_check(report, "title-conflict") == []


def test_pass_two_phrasings_of_one_title(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Forum\nKazakh President Kassym-Jomart Tokayev spoke at the forum.\n",
            "b.txt": "Forum\nPresident of Kazakhstan Kassym-Jomart Tokayev spoke at the forum.\n",
        }
    )
    assert of_check(report, "title-conflict") == []


def test_pass_former_title(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Forum\nFormer President Jane Doemer spoke at the forum.\n",
            "b.txt": "Forum\nVice President Jane Doemer spoke at the forum.\n",
        }
    )
    assert of_check(report, "title-conflict") == []


def test_fail_portfolio_outside_the_vocabulary(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Vaccines\nDeputy Health Secretary Jane Roemer announced the rollout on Monday.\n",
            "b.txt": "Vaccines\nHealth Secretary Jane Roemer announced the vaccine rollout on Monday.\n",
        }
    )
    (f,) = of_check(report, "title-conflict")
    assert f["values"] == ["Deputy Health Secretary", "Health Secretary"]


def test_pass_bare_rank_and_unknown_country_word(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Vaccines\nNigerian Health Minister Osagie Ehanire announced the rollout on Monday.\n",
            "b.txt": "Vaccines\nHealth Minister Osagie Ehanire announced the vaccine rollout on Monday.\n",
            "c.txt": "Vaccines\nMinister Osagie Ehanire announced the vaccine rollout on Monday.\n",
        }
    )
    assert of_check(report, "title-conflict") == []


def test_pass_a_joint_portfolio_holds_each_of_its_parts(scan_texts, of_check):
    # "Transport and Infrastructure Minister" is one post; "transport minister" names part of it
    _, report = scan_texts(
        {
            "a.txt": "Bridge\n\nTransport and Infrastructure Minister Danilo Toninelli said the collapse of the Morandi bridge "
            "in Genoa was a tragedy.\n",
            "b.txt": "Bridge\n\nItaly's transport minister Danilo Toninelli said the Morandi bridge in Genoa collapse was an "
            "immense tragedy.\n",
        }
    )
    assert of_check(report, "title-conflict") == []


def test_pass_a_portfolio_named_in_full_before_its_rank(scan_texts, of_check):
    # a portfolio reads the same on either side of the rank: the vocabulary's full name before it is that post
    _, report = scan_texts(
        {
            "a.txt": "Floods\nEmergency Situations Minister Dana Orlenko flew to the flooded villages on Friday.\n",
            "b.txt": "Floods\nDana Orlenko, the emergencies minister, flew to the flooded villages on Friday.\n",
            "c.txt": "Floods\nHome Affairs Minister Piet Vandam said the roads were closed.\n",
            "d.txt": "Floods\nPiet Vandam, the interior minister, said the roads were closed.\n",
        }
    )
    assert of_check(report, "title-conflict") == []


def test_fail_a_portfolio_named_in_full_before_another_rank(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Floods\nEmergency Situations Minister Dana Orlenko flew to the flooded villages on Friday.\n",
            "b.txt": "Floods\nDana Orlenko, the deputy emergencies minister, flew to the flooded villages on Friday.\n",
        }
    )
    (f,) = of_check(report, "title-conflict")
    assert f["subject"] == "Dana Orlenko"
