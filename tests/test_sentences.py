from factcheck.models import Document, Span
from factcheck.extract.sentences import split, split_block


def sentences(text):
    return [text[s:e] for s, e in split_block(text, 0, len(text))]


def test_quote_spanning_sentences_keeps_the_closing_mark_with_its_sentence():
    text = (
        "“The time is not far off when you will come. There is no one else to ask,” Lukashenko said. He left."
    )
    assert sentences(text) == [
        "“The time is not far off when you will come.",
        "There is no one else to ask,” Lukashenko said.",
        "He left.",
    ]


def test_closing_quote_after_stop_ends_the_sentence():
    text = "He said: “We will not back down.” The ministry agreed."
    assert sentences(text) == ["He said: “We will not back down.”", "The ministry agreed."]


def test_initials_and_abbreviations_do_not_split():
    text = "Stephen M. Bland met U.S. officials at 9 a.m. on Monday. Dr. Smith arrived on Aug. 15 with St. Petersburg staff."
    assert sentences(text) == [
        "Stephen M. Bland met U.S. officials at 9 a.m. on Monday.",
        "Dr. Smith arrived on Aug. 15 with St. Petersburg staff.",
    ]


def test_ambiguous_abbreviation_at_sentence_end_splits_before_an_opener():
    text = "The delegation flew to the U.S. The talks began the next day."
    assert sentences(text) == ["The delegation flew to the U.S.", "The talks began the next day."]


def test_decimals_and_domains_do_not_split():
    assert sentences("Exports reached $153.07 million. (Photo: akorda.kz)") == [
        "Exports reached $153.07 million.",
        "(Photo: akorda.kz)",
    ]


def test_headings_without_stop_are_their_own_sentences_with_exact_offsets():
    text = "Kazakh Reaction: A Diplomacy Message\nThe ministry summoned the ambassador. It was brief.\n"
    doc = Document(path="a.txt", source=text, text=text, blocks=[Span(0, 36), Span(37, 88)])
    out = split(doc)
    assert [s.text for s in out] == [
        "Kazakh Reaction: A Diplomacy Message",
        "The ministry summoned the ambassador.",
        "It was brief.",
    ]
    assert [s.position() for s in out] == [(1, 1), (2, 1), (2, 39)]
    for s in out:
        assert text[s.start : s.end] == s.text
