"""Claims: extraction from single sentences, and the checks run on hand-built claims (no model)."""

from __future__ import annotations

import pytest

from factcheck.checks import CHECK_TYPES
from factcheck.extract.claims import ClaimExtractor, clause_at
from factcheck.extract.dates import DateValue
from factcheck.models import Claim, Corpus, Document, Sentence, Span
from factcheck.rules import Rule


def sentence(text: str, path: str = "a.txt", date: str | None = "2024-08-23") -> Sentence:
    doc = Document(path=path, source=text, text=text, date=date, blocks=[Span(0, len(text))])
    return Sentence(doc, 0, 0, len(text), text, 0)


@pytest.fixture(scope="module")
def extractor(lex):
    return ClaimExtractor(lex.claims)


def figures(extractor, text: str, **kw) -> list[tuple[str, float, str]]:
    return [(c.attribute, c.value, c.text) for c in extractor.quantities(sentence(text, **kw))]


def test_one_sentence_two_claims(extractor):
    assert figures(extractor, "The quake killed 9,000 people and injured 22,000 others.") == [
        ("killed", 9000.0, "9,000"),
        ("injured", 22000.0, "22,000"),
    ]


def test_synonyms_name_one_attribute(extractor):
    assert figures(extractor, "The death toll rose to 8,019, officials said.")[0][0] == "killed"
    assert figures(extractor, "At least 12 were wounded in the blast.")[0][0] == "injured"


def test_negation_makes_another_attribute(extractor):
    (found,) = figures(extractor, "Nine bodies have not been identified yet.")
    assert found[0].startswith("not ")


def test_depth_and_distance_are_different_measures(extractor):
    attrs = [a for a, _, _ in figures(extractor, "The quake struck 10 km deep, 80 km from Kathmandu.")]
    assert attrs == ["depth", "distance"]


def test_length_and_width(extractor):
    attrs = [a for a, _, _ in figures(extractor, "The ship is 400m long and 59m wide.")]
    assert attrs == ["length", "width"]


def test_magnitude(extractor):
    assert figures(extractor, "A 7.8-magnitude earthquake struck Nepal.") == [
        ("magnitude", 7.8, "7.8-magnitude")
    ]


def test_bounds_and_updates_are_qualifiers(extractor):
    (c,) = extractor.quantities(sentence("The toll has risen to at least 150 dead."))
    assert {"lower-bound", "update"} <= c.qualifiers


def test_event_dates_name_their_event(extractor):
    claims = extractor.dates(sentence("The bridge collapsed on March 14, and the inquiry opened on April 2."))
    assert [(c.attribute, c.text) for c in claims] == [
        ("date of collapse", "March 14"),
        ("date of opening", "April 2"),
    ]


@pytest.mark.parametrize(
    "text, event",
    [
        ("Floodwaters swept through the valley villages on 7 April.", "flood"),
        ("Wildfires reached the outskirts of the town on 7 April.", "fire"),
        ("Two explosions tore through the depot on 7 April.", "explosion"),
        ("A mudflow cut the road to the pass on 7 April.", "landslide"),
        ("A shootout between guards and smugglers broke out on 7 April.", "attack"),
        ("A snowstorm cut off the mountain villages on 7 April.", "storm"),
    ],
)
def test_disasters_and_violence_are_named_by_their_common_words(extractor, text, event):
    # the words wire copy uses for one disaster or one clash date that event, never an unnamed one
    (c,) = extractor.dates(sentence(text))
    assert c.attribute == f"date of {event}"


@pytest.mark.parametrize(
    "text, event",
    [
        ("Clashes erupted at the border post on 7 April.", "unrest"),
        ("Mount Lokon erupted on 7 April.", "eruption"),
        ("A fire broke out in the dormitory on 7 April.", "fire"),
    ],
)
def test_a_verb_that_is_also_an_event_word_dates_what_its_sentence_names(extractor, text, event):
    # "erupted" names an eruption only where nothing else is named: clashes erupt too
    (c,) = extractor.dates(sentence(text))
    assert c.attribute == f"date of {event}"


def test_a_dateline_is_not_an_event_date(extractor):
    assert extractor.dates(sentence("CAIRO – 5 August 2020: The toll from the blast rose.")) == []


def test_clause_stops_at_a_conjunction():
    text = "Six were killed and 30 were injured."
    assert clause_at(text, text.index("30"), text.index("30") + 2).text == "30 were injured."


# ---------------------------------------------------------------- checks on hand-built claims


def rule(check: str, **params) -> Rule:
    cls = CHECK_TYPES[check]
    return Rule(
        id=check,
        extends=check,
        severity="warning",
        message="{subject}: {values}",
        params=cls.Params(**{**cls.defaults, **params}),
        path="test",
    )


def corpus(lex, claims: list[Claim]) -> Corpus:
    sentences = sorted({id(c.sentence): c.sentence for c in claims}.values(), key=lambda s: s.doc.path)
    docs = sorted({s.doc.path: s.doc for s in sentences}.values(), key=lambda d: d.path)
    c = Corpus(docs, sentences, [], [], lex)
    c.claims = claims
    return c


def quantity(
    path: str,
    attribute: str,
    value: float,
    text: str,
    subject: str = "",
    date: str | None = "2024-08-23",
    qualifiers=frozenset(),
) -> Claim:
    s = sentence(f"... {text} ...", path=path, date=date)
    return Claim(
        "quantity",
        subject,
        attribute,
        value,
        text,
        s,
        4,
        4 + len(text),
        unit="mass",
        qualifiers=frozenset(qualifiers),
        phrase="",
        time=date,
    )


def run(lex, check: str, claims: list[Claim], **params):
    return CHECK_TYPES[check](rule(check, **params)).run(corpus(lex, claims))


def test_number_conflict_fail_same_attribute_and_subject(lex):
    (f,) = run(
        lex,
        "number-conflict",
        [
            quantity("a.txt", "mass", 220000, "220,000-tonne", "vessel"),
            quantity("b.txt", "mass", 224000, "224,000-tonne", "vessel"),
        ],
    )
    assert f.values == ["220,000-tonne", "224,000-tonne"] and f.severity == "warning"


def test_number_conflict_pass_different_attributes(lex):
    assert (
        run(
            lex,
            "number-conflict",
            [
                quantity("a.txt", "killed", 12, "12", "people"),
                quantity("b.txt", "injured", 30, "30", "people"),
            ],
        )
        == []
    )


def test_number_conflict_pass_overlapping_estimates(lex):
    assert (
        run(
            lex,
            "number-conflict",
            [
                quantity("a.txt", "mass", 300, "about 300", "vessel", qualifiers={"approximate"}),
                quantity("b.txt", "mass", 312, "312", "vessel"),
            ],
        )
        == []
    )


def test_number_conflict_toll_on_different_days_is_info(lex):
    (f,) = run(
        lex,
        "number-conflict",
        [
            quantity("a.txt", "killed", 12, "12", "people", date="2024-08-23"),
            quantity("b.txt", "killed", 40, "40", "people", date="2024-08-25"),
        ],
    )
    assert f.severity == "info" and "changed between reports" in f.suggestion


def test_number_conflict_same_document_is_never_compared(lex):
    assert (
        run(
            lex,
            "number-conflict",
            [quantity("a.txt", "mass", 1, "1 t", "vessel"), quantity("a.txt", "mass", 2, "2 t", "vessel")],
        )
        == []
    )


def headline_and_lead(
    head: str, head_value: float, lead: str, lead_value: float, bounds=("lower-bound",)
) -> list[Claim]:
    """Two killed-claims of one document: one in its headline (the title, as its first sentence), one in its lead."""
    title, body = f"{head} climbers dead", f"An avalanche killed {lead}."
    text = f"{title}\n\n{body}\n"
    doc = Document(
        path="a.txt",
        source=text,
        text=text,
        date="2015-04-26",
        title=title,
        blocks=[Span(0, len(title)), Span(len(title) + 2, len(text) - 1)],
    )
    first = Sentence(doc, 0, 0, len(title), title, 0)
    second = Sentence(doc, 1, len(title) + 2, len(text) - 1, body, 1)
    at = body.index(lead)
    return [
        Claim(
            "quantity",
            "",
            "killed",
            head_value,
            head,
            first,
            0,
            len(head),
            unit="count",
            qualifiers=frozenset(bounds),
            phrase="",
            time=doc.date,
        ),
        Claim(
            "quantity",
            "",
            "killed",
            lead_value,
            lead,
            second,
            at,
            at + len(lead),
            unit="count",
            qualifiers=frozenset(bounds),
            phrase="",
            time=doc.date,
        ),
    ]


def test_number_conflict_headline_left_behind_on_hand_built_claims(lex):
    (f,) = run(lex, "number-conflict", headline_and_lead("At least 17", 17, "at least 18", 18))
    assert f.values == ["At least 17", "at least 18"] and f.severity == "warning"
    assert (
        run(lex, "number-conflict", headline_and_lead("More than 3,000", 3000, "at least 3,617", 3617)) == []
    )
    assert run(lex, "number-conflict", headline_and_lead("At least 18", 18, "at least 18", 18)) == []


def date(path: str, event: str, value: DateValue, text: str) -> Claim:
    s = sentence(f"The {event} was on {text}.", path=path)
    return Claim("date", event, f"date of {event}", value, text, s, 0, 1, time=s.doc.date)


def test_date_conflict_fail_and_pass_on_hand_built_claims(lex):
    a = date("a.txt", "collapse", DateValue(2024, 3, 14), "March 14")
    b = date("b.txt", "collapse", DateValue(2024, 3, 12), "March 12")
    c = date("c.txt", "inquiry", DateValue(2024, 3, 12), "March 12")
    # no vectors: only a shared cluster or close vectors align dates, so no warning here; one kind of
    # event dated two ways in one story is still asked at info (the inquiry is another event)
    (loose,) = run(lex, "date-conflict", [a, b, c])
    assert loose.severity == "info" and loose.values == ["March 12", "March 14"]
    # with the sentences one cluster, the collapse dates clash and the inquiry stays out
    from factcheck.models import Cluster

    cl = corpus(lex, [a, b, c])
    cl.cluster_of = {
        a.sentence.key: Cluster(0, [a.sentence, b.sentence, c.sentence]),
        b.sentence.key: None,
        c.sentence.key: None,
    }
    cl.cluster_of[b.sentence.key] = cl.cluster_of[a.sentence.key]
    cl.cluster_of[c.sentence.key] = cl.cluster_of[a.sentence.key]
    (f,) = CHECK_TYPES["date-conflict"](rule("date-conflict")).run(cl)
    assert f.values == ["March 12", "March 14"] and f.subject == "date of the collapse"


def title(path: str, person: str, text: str, lex) -> Claim:
    ((_, _, t),) = lex.titles.find(text)
    s = sentence(f"{text} {person} spoke.", path=path)
    return Claim("title", person, t.ladder or "role", t, t.text, s, 0, len(t.text), time=s.doc.date)


def test_title_conflict_on_hand_built_claims(lex):
    a = title("a.txt", "Jane Roemer", "Deputy Health Secretary", lex)
    b = title("b.txt", "Jane Roemer", "Health Secretary", lex)
    c = title("c.txt", "Jane Roemer", "Secretary", lex)
    (f,) = run(lex, "title-conflict", [a, b, c])
    assert f.subject == "Jane Roemer" and set(f.values) >= {"Deputy Health Secretary", "Health Secretary"}
    # the same rank, one with its portfolio and one bare, agree
    assert run(lex, "title-conflict", [b, c]) == []


def test_a_fall_is_measured_downwards(extractor):
    assert (
        figures(extractor, "Dozens of vehicles plunged as much as 45 meters into a river bed.")[0][0]
        == "depth"
    )


def test_a_check_reads_only_the_claim_kinds_it_declares(lex):
    """``Check.needs`` is enforced: while a check runs, ``Corpus.claims_of`` refuses the kinds it did not declare."""
    from factcheck.models import UndeclaredRead

    found = corpus(lex, [quantity("a.txt", "mass", 220000, "220,000-tonne", "vessel")])
    with found.read_by(("title",)):
        assert found.claims_of("title") == []
        with pytest.raises(UndeclaredRead):
            found.claims_of("quantity")
    assert len(found.claims_of("quantity")) == 1  # outside a check, every kind
    for name, check in CHECK_TYPES.items():
        assert set(check.needs) <= {"quantity", "date", "span", "time", "title", "quote"}, name


def test_the_pipeline_runs_each_check_reading_only_what_it_declares(lex, monkeypatch):
    """``pipeline.run_checks`` runs every rule inside ``Corpus.read_by(check.needs)``: a check that reads a
    kind of claim it did not declare fails the scan, as a bug, instead of silently depending on it."""
    import dataclasses

    from factcheck import pipeline
    from factcheck.checks.base import Check
    from factcheck.config import Settings
    from factcheck.models import UndeclaredRead
    from factcheck.rules import RuleSet

    class Greedy(Check):
        name = "greedy"
        needs = ("title",)

        def run(self, corpus):
            return corpus.claims_of("quantity") and []

    monkeypatch.setattr(pipeline, "CHECK_TYPES", {"greedy": Greedy})
    greedy = dataclasses.replace(
        rule("title-conflict"), id="greedy", extends="greedy", params=Greedy.Params()
    )
    found = corpus(lex, [quantity("a.txt", "mass", 220000, "220,000-tonne", "vessel")])
    ctx = pipeline.Context(Settings(cache=False), RuleSet(rules=[greedy]), lex)
    with pytest.raises(UndeclaredRead, match="'quantity'"):
        pipeline.run_checks(found, ctx)
    monkeypatch.setattr(Greedy, "needs", ("title", "quantity"))
    assert pipeline.run_checks(found, ctx) == []
