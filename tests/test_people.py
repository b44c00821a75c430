import pytest

from factcheck.extract.people import PeopleExtractor, link_people, link_surnames
from factcheck.models import Document, Span
from factcheck.extract.sentences import split


def sentences_of(*texts):
    out = []
    for n, text in enumerate(texts):
        doc = Document(path=f"d{n}.txt", source=text, text=text, blocks=[Span(0, len(text))])
        out.extend(split(doc))
    return out


@pytest.fixture
def extract(lex):
    extractor = PeopleExtractor(lex.titles, lex.names)

    def run(*texts):
        sents = sentences_of(*texts)
        mentions = [m for s in sents for m in extractor.extract(s)]
        mentions += link_surnames(sents, mentions, lex.names, lex.transliteration.skeleton)
        return link_people(mentions, lex.transliteration.skeleton)

    return run


def test_every_form_of_a_titled_name_links_to_one_person(extract):
    people = extract(
        "Foreign Minister Murat Nurtleu met the envoy.",
        "Kazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the envoy.",
        "Murat Nurtleu, Kazakhstan's deputy prime minister and top diplomat, met the envoy.",
        "Minister Murat Nurtleu stressed dialogue. Nurtleu reaffirmed the policy.",
    )
    nurtleu = [p for p in people if p.name == "Murat Nurtleu"]
    assert len(nurtleu) == 1
    assert len(nurtleu[0].mentions) == 5
    assert {m.cue for m in nurtleu[0].mentions} == {"title", "speech"}
    titles = {(t.rank, t.portfolio, t.country) for m in nurtleu[0].mentions for t in m.titles}
    assert titles == {
        ("minister", "foreign-affairs", None),
        ("deputy minister", "foreign-affairs", "kazakhstan"),
        ("deputy prime minister", None, "kazakhstan"),
        (
            "minister",
            "foreign-affairs",
            "kazakhstan",
        ),  # "top diplomat", country carried over from the apposition
        ("minister", None, None),
    }


def test_two_phrasings_of_one_title_read_the_same(lex):
    a = lex.titles.find("Kazakh President Kassym-Jomart Tokayev")[0][2]
    b = lex.titles.find("President of Kazakhstan Kassym-Jomart Tokayev")[0][2]
    assert (
        (a.rank, a.portfolio, a.country)
        == (b.rank, b.portfolio, b.country)
        == ("president", None, "kazakhstan")
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # an office named "<noun> General" is no general, and one office translated two ways is one title
        ("Libyan Attorney General Sami Karoui", "Prosecutor General Sami Karoui"),
        ("Attorney General Sami Karoui", "General Prosecutor Sami Karoui"),
        # the level of government before a portfolio is no portfolio
        ("Union Home Minister Ravi Nair", "Interior Minister Ravi Nair"),
        ("Federal Finance Minister Ravi Nair", "Finance Minister Ravi Nair"),
    ],
)
def test_one_office_in_two_wordings_reads_as_one_title(lex, a, b):
    x, y = lex.titles.find(a)[0][2], lex.titles.find(b)[0][2]
    assert (x.ladder, x.level, x.portfolio) == (y.ladder, y.level, y.portfolio)
    assert x.ladder != "military"


def test_pass_a_general_is_still_a_general_and_an_unknown_level_word_stays(lex):
    assert lex.titles.find("General Ivan Petrov")[0][2].ladder == "military"
    # a word before the portfolio that names no level of government is kept: "Shadow Home Minister" is another post
    assert lex.titles.find("Shadow Home Minister Ravi Nair")[0][2].portfolio != "interior"


def test_former_marks_a_title_as_qualified(lex):
    t = lex.titles.find("former President Nazarbayev")[0][2]
    assert t.qualified


def test_transliterated_first_names_are_one_person(extract):
    people = extract("Aleksandr Lukashenko said no.", "Alexander Lukashenko said yes.")
    assert len(people) == 1


def test_speech_verb_makes_a_single_name_a_person(extract):
    people = extract("Nurleu said the talks were over.")
    assert [p.name for p in people] == ["Nurleu"]


def test_organisations_are_not_people(extract):
    people = extract(
        "The Eurasian Economic Union and the Collective Security Treaty Organization met in the Foreign Ministry."
    )
    assert people == []


def test_a_place_word_makes_a_run_of_capitals_a_place_not_a_person(extract):
    """Kind: any two capitalised words were a full name, so "Amsterdam Airport Schipol" was a person, and a slip in
    it was cued as a person's name against "Schiphol Airport", a place: the two were never compared."""
    people = extract(
        "The court sat near Amsterdam Airport Schipol and Stamford Bridge on Monday with Maria Lopez."
    )
    assert [p.name for p in people] == ["Maria Lopez"]


def test_a_title_before_a_name_is_not_the_previous_words_apposition(extract):
    people = extract(
        "During the meeting in Astana, Deputy Foreign Minister Murat Nurtleu spoke to reporters."
    )
    assert {p.name: [t.text for m in p.mentions for t in m.titles] for p in people} == {
        "Murat Nurtleu": ["Deputy Foreign Minister"]
    }


# ---------------------------------------------------------------- titles and speakers from noise (issue 19)


def test_a_country_is_never_a_person_or_a_speaker(lex):
    finder = PeopleExtractor(lex.titles, lex.names)
    for text in (
        "“We will not accept these terms,” Indonesia said.",
        "“We will not accept these terms,” said Greece.",
        "“We will rebuild every house,” South Korea said.",
    ):
        (s,) = split(Document(path="a.txt", source=text, text=text, blocks=[Span(0, len(text))]))
        assert finder.extract(s) == [], text


def test_a_verb_before_a_rank_is_not_a_title(lex):
    finder = PeopleExtractor(lex.titles, lex.names)
    text = "Thanking Minister Murat Nurtleu, the envoy left."
    (s,) = split(Document(path="a.txt", source=text, text=text, blocks=[Span(0, len(text))]))
    (m,) = finder.extract(s)
    assert [t.text for t in m.titles][0] == "Minister"


@pytest.mark.parametrize(
    ("text", "titled"),
    [
        ("The ministry said 12 people attended the summit in Astana on Friday.", False),
        ("Kazakhstan's Deputy Minister of Foreign Affairs, Murat Nurtleu, met the ambassador.", True),
        ("The Vice-President and the Secretary-General spoke; the chargé d'affaires did not.", True),
        ("FOREIGN MINISTER Nurtleu, the Ministers' aide and ex-minister Abenov were there.", True),
        ("The \u212aazakh ambassador arrived (a Kelvin sign where a K should be).", True),
        ("Defence Minister_x is no title, nor is Ministerial.", False),
        ("Transport and Infrastructure Minister Lena Ostrova resigned.", True),
    ],
)
def test_titles_found_with_the_head_word_shortcut_are_the_full_patterns(lex, text, titled):
    # A sentence is searched for titles only when it writes the last word of some title head; the shortcut
    # must never lose a title the full pattern finds.
    titles = lex.titles
    full = [(m.start(), m.end(), titles.read(m)) for m in titles.pattern.finditer(text)]
    assert titles.find(text) == full
    assert bool(full) == titled
