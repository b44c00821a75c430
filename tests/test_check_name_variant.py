"""name-variant: pass and fail examples, run end to end with the real model."""


def test_fail_transliterations_are_reported_at_info(scan_texts, of_check):
    code, report = scan_texts({
        "a.txt": "Talks\nPresident Aleksandr Lukashenka spoke about the talks.\n",
        "b.txt": "Talks\nPresident Alexander Lukashenko spoke about the talks.\n",
    })
    found = {tuple(f["values"]): f for f in of_check(report, "name-variant")}
    assert set(found) == {("Aleksandr", "Alexander"), ("Lukashenka", "Lukashenko")}
    assert {f["severity"] for f in found.values()} == {"info"}
    assert code == 0


def test_pass_one_spelling_throughout(scan_texts, of_check):
    _, report = scan_texts({
        "a.txt": "Talks\nPresident Alexander Lukashenko spoke about the talks.\n",
        "b.txt": "Talks\nPresident Alexander Lukashenko spoke again about the talks.\n",
    })
    assert of_check(report, "name-variant") == []


def test_house_style_raises_the_other_spelling(scan_texts, of_check, tmp_path):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "house-style.yaml").write_text("extends: house-style\npreferred: [Lukashenka]\nseverity: warning\n", encoding="utf-8")
    _, report = scan_texts({
        "a.txt": "Talks\nPresident Lukashenka spoke about the talks.\n",
        "b.txt": "Talks\nPresident Lukashenko spoke about the talks.\n",
    }, "--rules", str(rules))
    (f,) = of_check(report, "name-variant")
    assert f["severity"] == "warning" and f["subject"] == "Lukashenka"
    assert "Lukashenka" in f["suggestion"]
