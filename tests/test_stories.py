"""Story grouping (factcheck/group/stories.py): event clustering on hand-made profiles, no model.

Each test builds document profiles by hand (names, words, a day) and unit vectors
in a small space, so what decides the grouping is visible in the test.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pytest

from factcheck.group.stories import Profile, StoryGrouper, average_linkage, document_day, time_factor

DAY = dt.date(2023, 5, 1).toordinal()


def profile(path, names, words, day=DAY):
    return Profile(path, Counter(names), Counter(words), day)


def unit(*xs):
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def grouped(profiles, vectors, **params):
    return StoryGrouper(params).group(profiles, np.vstack(vectors))


# Two casualty events in one region: the same agency, ministry and casualty wording, different places.
FLOOD = ["Sindh", "Sukkur", "Bhutto"]
BLAST = ["Peshawar", "Khyber", "Mohmand"]
GENERIC = ["Red Crescent", "Interior Ministry", "Reuters"]
CASUALTY = {"killed": 2, "injured": 2, "toll": 1, "rescue": 1}


def test_generic_entities_shared_by_every_story_link_nothing():
    profiles, vectors = [], []
    for n in range(3):
        profiles.append(profile(f"flood{n}", FLOOD + GENERIC, {**CASUALTY, "flood": 2, "water": 1}))
        vectors.append(unit(1, 0.3, 0))
        profiles.append(profile(f"blast{n}", BLAST + GENERIC, {**CASUALTY, "bomb": 2, "mosque": 1}))
        vectors.append(unit(0.3, 1, 0))
    stories = grouped(profiles, vectors)
    assert sorted(stories) == [["blast0", "blast1", "blast2"], ["flood0", "flood1", "flood2"]]


def test_a_bridging_article_does_not_merge_two_stories():
    # A roundup names both events; it may join one of them, never both at once.
    profiles = [profile(f"flood{n}", FLOOD, {"flood": 2, "water": 1}) for n in range(3)]
    profiles += [profile(f"blast{n}", BLAST, {"bomb": 2, "mosque": 1}) for n in range(3)]
    profiles.append(profile("roundup", FLOOD + BLAST, {"flood": 1, "water": 1, "bomb": 1, "mosque": 1}))
    vectors = [unit(1, 0.2, 0)] * 3 + [unit(0.2, 1, 0)] * 3 + [unit(1, 1, 0)]
    stories = grouped(profiles, vectors)
    floods = next(s for s in stories if "flood0" in s)
    blasts = next(s for s in stories if "blast0" in s)
    assert floods != blasts
    assert {"flood1", "flood2"} <= set(floods) and {"blast1", "blast2"} <= set(blasts)


def test_chaining_alone_would_have_merged_them():
    # The same data through single linkage (connected components of every pair above threshold) merges
    # the two stories through the roundup: that is the failure average linkage prevents.
    from factcheck.groups import components

    sims = {(0, 1): 0.9, (1, 2): 0.3, (2, 3): 0.9}
    assert sorted(map(sorted, components(p for p, s in sims.items() if s >= 0.2))) == [[0, 1, 2, 3]]
    assert average_linkage(4, sims, 0.2) == [[0, 1], [2, 3]]
    # Where the bridge is as strong as the stories themselves, they are one story.
    assert average_linkage(4, {**sims, (0, 2): 0.9, (0, 3): 0.9, (1, 3): 0.9, (1, 2): 0.9}, 0.2) == [
        [0, 1, 2, 3]
    ]


def test_a_follow_up_weeks_later_joins_its_story():
    profiles = [
        profile(f"flood{n}", FLOOD + ["Shehbaz Sharif"], {"flood": 2, "displaced": 1}) for n in range(3)
    ]
    profiles.append(
        profile(
            "followup",
            FLOOD + ["Shehbaz Sharif", "World Bank"],
            {"flood": 2, "reconstruction": 1},
            day=DAY + 45,
        )
    )
    stories = grouped(profiles, [unit(1, 0.1, 0)] * 3 + [unit(1, 0.3, 0.1)])
    assert stories == [["flood0", "flood1", "flood2", "followup"]]


def test_same_kind_events_months_apart_in_one_place_stay_apart():
    # Two bombings in one district of one city, a year apart: the place is shared, the rest is not.
    def event(tag, names, words, day, vector):
        return [
            profile(f"{tag}{n}", ["Kabul", "Dasht-e-Barchi", *names], {**CASUALTY, **words}, day)
            for n in range(3)
        ], [vector] * 3

    first, v1 = event("a", ["Kaaj", "Khalid Zadran"], {"school": 2, "exam": 1}, DAY, unit(1, 0.4, 0))
    second, v2 = event(
        "b", ["Mawoud", "Abdul Nafy Takor"], {"academy": 2, "student": 1}, DAY + 365, unit(1, 0, 0.4)
    )
    assert grouped(first + second, v1 + v2) == [["a0", "a1", "a2"], ["b0", "b1", "b2"]]
    # The time kernel is what keeps them apart: the same two groups in one week are far more alike.
    from factcheck.group.stories import _tfidf

    grouper = StoryGrouper()
    both = first + second
    ent, words = _tfidf([p.entities for p in both], 5), _tfidf([p.words for p in both], 5)
    vectors = np.vstack(v1 + v2)
    apart = grouper.similarity(ent, words, vectors, [p.day for p in both], 0, 3)
    together = grouper.similarity(ent, words, vectors, [DAY] * 6, 0, 3)
    assert apart <= 0.55 * together


def test_a_document_may_stay_alone():
    profiles = [profile(f"flood{n}", FLOOD, {"flood": 2}) for n in range(3)] + [
        profile("match", ["Chelsea"], {"goal": 2})
    ]
    stories = grouped(profiles, [unit(1, 0, 0)] * 3 + [unit(0, 0, 1)])
    assert ["match"] in stories


def test_grouping_is_deterministic_and_ordered():
    profiles = [profile(f"d{n}", FLOOD if n % 2 else BLAST, {"x": 1}) for n in range(8)]
    vectors = [unit(1, 0, 0) if n % 2 else unit(0, 1, 0) for n in range(8)]
    first = grouped(profiles, vectors)
    assert first == grouped(list(reversed(profiles)), list(reversed(vectors)))
    assert first == sorted(first) and all(s == sorted(s) for s in first)


def test_time_factor():
    assert time_factor(None, DAY, 7, 60) == 1.0
    assert time_factor(DAY, DAY + 7, 7, 60) == 1.0
    assert time_factor(DAY, DAY + 67, 7, 60) == pytest.approx(np.exp(-1))


def test_document_day_prefers_the_publication_date():
    assert document_day("2024-08-23", "On 1 March 2020 ...") == dt.date(2024, 8, 23).toordinal()
    assert document_day(None, "It began on 1 March 2020 and ended on 3 March 2020.") is not None
    assert document_day(None, "No date here.") is None


def test_candidates_grow_with_shared_rare_terms_not_n_squared():
    # 400 documents with no names and one common word: no term proposes pairs; only k neighbours each do.
    n = 400
    profiles = [profile(f"d{i:03d}", [], {"report": 1}) for i in range(n)]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(n, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    grouper = StoryGrouper({"neighbours": 5})
    from factcheck.group.stories import _tfidf

    pairs = grouper.candidates(
        _tfidf([p.entities for p in profiles], 20), _tfidf([p.words for p in profiles], 20), vectors
    )
    assert len(pairs) <= n * 5


def test_generated_archive_groups_into_its_stories():
    # The bench's generator at a small size: same-kind stories (shared wording and vectors), generic names in
    # every article; grouping must find the stories (benchmarks/stories_bench.py runs it to 100,000).
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from stories_bench import bcubed, generate

    profiles, vectors, truth = generate(600)
    assert bcubed(StoryGrouper().group(profiles, vectors), truth) >= 0.97


def test_a_draft_is_judged_against_every_story_one_of_its_sentences_joins():
    # A roundup grouped on its own still states one archive story's claim in one sentence (issue 22 r10).
    from factcheck.models import Document, Sentence
    from factcheck.group.stories import joined_stories

    def sent(path, i):
        return Sentence(Document(path=path, source="x", text="x"), i, 0, 1, "x", 0)

    sentences = [
        sent("roundup.md", 0),
        sent("roundup.md", 1),
        sent("a1.txt", 0),
        sent("a2.txt", 0),
        sent("b1.txt", 0),
    ]
    vectors = np.vstack([unit(0, 0, 1), unit(1, 0, 0), unit(1, 0.05, 0), unit(1, 0, 0.05), unit(0, 1, 0)])
    grouped = [["a1.txt", "a2.txt"], ["b1.txt"], ["roundup.md"]]
    names = {s.key: frozenset({"nurtleu"}) for s in sentences[1:4]}
    assert joined_stories(grouped, {"roundup.md"}, sentences, vectors, 0.8, names) == [
        ["a1.txt", "a2.txt", "roundup.md"]
    ]


def test_a_draft_sentence_alike_in_wording_alone_joins_no_story():
    # "The ministry put the cost of repairs and aid at $467.03 million": alike with the cost sentence of every
    # disaster story, it names none of them. Joined through it, a pre-commit draft was analysed with the whole
    # archive (over 17 minutes against the bench's 1,000 articles, not 1.14 s).
    from factcheck.models import Document, Sentence
    from factcheck.group.stories import joined_stories

    def sent(path, i):
        return Sentence(Document(path=path, source="x", text="x"), i, 0, 1, "x", 0)

    sentences = [sent("draft.md", 0), sent("a1.txt", 0), sent("b1.txt", 0), sent("c1.txt", 0)]
    vectors = np.vstack([unit(1, 0, 0), unit(1, 0.05, 0), unit(1, 0, 0.05), unit(1, 0.05, 0.05)])
    grouped = [["a1.txt"], ["b1.txt"], ["c1.txt"], ["draft.md"]]
    names = {sentences[1].key: frozenset({"velmora"}), sentences[2].key: frozenset({"tamsel"})}
    assert joined_stories(grouped, {"draft.md"}, sentences, vectors, 0.8, names) == [["draft.md"]]
    # naming a place of one of them, it joins that story alone
    names[sentences[0].key] = frozenset({"tamsel"})
    assert joined_stories(grouped, {"draft.md"}, sentences, vectors, 0.8, names) == [["b1.txt", "draft.md"]]


def test_the_stop_words_are_scikit_learns_and_reading_them_imports_no_scikit_learn():
    # Importing scikit-learn for this one list took 1.5 s of every pre-commit run.
    import subprocess
    import sys

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from factcheck.stopwords import ENGLISH

    assert ENGLISH == frozenset(ENGLISH_STOP_WORDS)
    code = (
        "import sys\nfrom factcheck.config import Settings\nfrom factcheck.ruleset import lexicons, rule_set\n"
        "assert 'the' in lexicons(rule_set(Settings())).story_stopwords\nassert 'sklearn' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
