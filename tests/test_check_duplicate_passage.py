"""duplicate-passage: pass and fail examples, run end to end with the real model."""

BODY = (
    "The ministry summoned the ambassador to explain the remarks made on television.\n"
    "The ambassador was told that disagreements should be settled through diplomatic channels.\n"
)


def test_fail_a_passage_pasted_twice(scan_texts, of_check):
    _, report = scan_texts({"a.txt": "Summons\n" + BODY + "Reporter is a journalist.\n" + BODY})
    (f,) = of_check(report, "duplicate-passage")
    assert f["severity"] == "warning"
    # each copy cited by its first and last sentence: where the passage starts and ends, and what to delete
    assert [e["line"] for e in f["evidence"]] == [2, 3, 5, 6]
    assert "2 sentence(s)" in f["message"]


def test_a_long_passage_is_cited_by_its_ends_and_keeps_its_id(scan_texts, of_check):
    """A passage of many sentences is cited by its first and last sentence in each copy, not every one; its id is
    its first sentence and that sentence's copy, as before the last sentences were cited."""
    from factcheck.models import fingerprint

    body = BODY + "Officials declined to comment on the matter further.\n"
    _, report = scan_texts({"a.txt": "Summons\n" + body + "Reporter is a journalist.\n" + body})
    (f,) = of_check(report, "duplicate-passage")
    assert [e["line"] for e in f["evidence"]] == [2, 4, 6, 8]
    first = f["evidence"][0]["text"]
    assert f["id"] == fingerprint("duplicate-passage", f["subject"], [], (first, first))


def test_fail_verbatim_copy_between_sources_is_info(scan_texts, of_check):
    _, report = scan_texts({"a.txt": "Summons\n" + BODY, "b.txt": "Other outlet\n" + BODY})
    found = of_check(report, "duplicate-passage")
    assert found and {f["severity"] for f in found} == {"info"}


def test_pass_short_stock_phrases_and_distinct_text(scan_texts, of_check):
    _, report = scan_texts({"a.txt": "Summons\nRead more below.\n" + BODY + "Read more below.\n"})
    assert of_check(report, "duplicate-passage") == []
