"""duplicate-passage: pass and fail examples, run end to end with the real model."""

BODY = (
    "The ministry summoned the ambassador to explain the remarks made on television.\n"
    "The ambassador was told that disagreements should be settled through diplomatic channels.\n"
)


def test_fail_a_passage_pasted_twice(scan_texts, of_check):
    _, report = scan_texts({"a.txt": "Summons\n" + BODY + "Reporter is a journalist.\n" + BODY})
    (f,) = of_check(report, "duplicate-passage")
    assert f["severity"] == "warning"
    assert [e["line"] for e in f["evidence"]] == [2, 5]
    assert "2 sentence(s)" in f["message"]


def test_fail_verbatim_copy_between_sources_is_info(scan_texts, of_check):
    _, report = scan_texts({"a.txt": "Summons\n" + BODY, "b.txt": "Other outlet\n" + BODY})
    found = of_check(report, "duplicate-passage")
    assert found and {f["severity"] for f in found} == {"info"}


def test_pass_short_stock_phrases_and_distinct_text(scan_texts, of_check):
    _, report = scan_texts({"a.txt": "Summons\nRead more below.\n" + BODY + "Read more below.\n"})
    assert of_check(report, "duplicate-passage") == []
