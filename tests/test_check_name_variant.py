"""name-variant: pass and fail examples, run end to end with the real model."""


def test_fail_transliterations_are_reported_at_info(scan_texts, of_check):
    code, report = scan_texts(
        {
            "a.txt": "Talks\nPresident Aleksandr Lukashenka spoke about the talks.\n",
            "b.txt": "Talks\nPresident Alexander Lukashenko spoke about the talks.\n",
        }
    )
    found = {tuple(f["values"]): f for f in of_check(report, "name-variant")}
    assert set(found) == {("Aleksandr", "Alexander"), ("Lukashenka", "Lukashenko")}
    assert {f["severity"] for f in found.values()} == {"info"}
    assert code == 0


def test_pass_one_spelling_throughout(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Talks\nPresident Alexander Lukashenko spoke about the talks.\n",
            "b.txt": "Talks\nPresident Alexander Lukashenko spoke again about the talks.\n",
        }
    )
    assert of_check(report, "name-variant") == []


def test_house_style_raises_the_other_spelling(scan_texts, of_check, tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "house-style.yaml").write_text(
        "extends: house-style\npreferred: [Lukashenka]\nseverity: warning\n", encoding="utf-8"
    )
    _, report = scan_texts(
        {
            "a.txt": "Talks\nPresident Lukashenka spoke about the talks.\n",
            "b.txt": "Talks\nPresident Lukashenko spoke about the talks.\n",
        },
        "--rules",
        str(rules),
    )
    (f,) = of_check(report, "name-variant")
    assert f["severity"] == "warning" and f["subject"] == "Lukashenka"
    assert "Lukashenka" in f["suggestion"]


def test_fail_two_renderings_beside_one_first_name(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Beirut blast\nThe explosion at the Beirut port killed dozens, Lebanese officials said.\n"
            "The Kataeb party's secretary-general, Nizar Najarian, was among those killed in the Beirut blast.\n",
            "b.txt": "Beirut blast\nThe explosion at the Beirut port killed dozens, the Lebanese health ministry said.\n"
            "The Kataeb party said its secretary-general Nizar Nigaryan died in the Beirut blast.\n",
        }
    )
    (f,) = of_check(report, "name-variant")
    assert sorted(f["values"]) == ["Najarian", "Nigaryan"] and f["severity"] == "info"


def test_pass_a_close_misspelling_is_not_a_variant(scan_texts, of_check):
    _, report = scan_texts(
        {
            "a.txt": "Trial\nProsecutor Joan Illuzzi asked for the maximum sentence.\n",
            "b.txt": "Trial\nProsecutor Joan Illuzi asked the court for the maximum sentence.\n",
        }
    )
    assert of_check(report, "name-variant") == []
