"""The parse cache: unchanged files come back as they were parsed; any change parses afresh."""

import sqlite3

from factcheck.cache.parsed import ParsedStore, from_record, to_record
from factcheck.ingest.discover import discover
from factcheck.config import Settings
from factcheck.ingest.read import load_parsed, parse, read_documents
from factcheck.ruleset import lexicons, rule_set

ARTICLE = "# Talks\n\nMurat Nurtleu, the Foreign Minister, met “the envoy” in Minsk.\n\nIn June of that year, talks resumed.\n"


def settings_for(cache):
    s = Settings()
    s.cache_dir = str(cache)
    return s


def test_record_round_trip_keeps_every_field_and_position(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: T\ndate: 2024-08-15\n---\n" + ARTICLE)
    settings = Settings()
    rules = rule_set(settings)
    lex = lexicons(rules)
    (doc,), _, _ = read_documents(discover([str(tmp_path / "a.md")]), rules)
    sentences, names = parse(doc, lex)
    doc2, sentences2, names2 = from_record(to_record(doc, sentences, names))
    for field in (
        "path",
        "source",
        "text",
        "title",
        "date",
        "blocks",
        "source_map",
        "warnings",
        "suppressions",
    ):
        assert getattr(doc2, field) == getattr(doc, field), field
    assert [(s.index, s.start, s.end, s.text, s.block) for s in sentences2] == [
        (s.index, s.start, s.end, s.text, s.block) for s in sentences
    ]
    assert [s.position() for s in sentences2] == [s.position() for s in sentences]
    assert names2 == names and any(names.values())


def test_second_load_comes_from_the_cache_and_an_edit_misses(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(ARTICLE)
    (corpus / "b.md").write_text(ARTICLE.replace("Minsk", "Astana"))
    settings = settings_for(tmp_path / "cache")
    rules = rule_set(settings)
    lex = lexicons(rules)
    first = load_parsed(discover([str(corpus)]), rules, settings, lex)
    with sqlite3.connect(tmp_path / "cache" / "parsed.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM parsed").fetchone()[0] == 2
        db.execute(
            "UPDATE parsed SET record = replace(record, 'Minsk', 'Minsq')"
        )  # now damaged: must be a miss
    (corpus / "b.md").write_text(ARTICLE.replace("Minsk", "Tashkent"))
    second = load_parsed(discover([str(corpus)]), rules, settings, lex)
    texts = {p: [s.text for s in sents] for p, (sents, _) in second[1].items()}
    assert any("Minsk" in t for t in texts[(corpus / "a.md").as_posix()])  # the damaged record was re-parsed
    assert any("Tashkent" in t for t in texts[(corpus / "b.md").as_posix()])  # the edit was seen
    assert [d.text for d in first[0]][0] == [d.text for d in second[0]][0]
    with sqlite3.connect(tmp_path / "cache" / "parsed.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM parsed").fetchone()[0] == 3  # a, old b, new b


def test_a_rule_change_misses(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("Printed by the Quillon press.\n\n" + ARTICLE)
    settings = settings_for(tmp_path / "cache")
    rules = rule_set(settings)
    docs, parsed, _, _ = load_parsed(discover([str(corpus)]), rules, settings, lexicons(rules))
    assert any("Quillon" in s.text for s in parsed[docs[0].path][0])
    extra = tmp_path / "rules"
    extra.mkdir()
    (extra / "printer.yaml").write_text("extends: boilerplate\nlines: ['printed by the quillon press\\.?']\n")
    settings.rules = [str(extra)]
    rules = rule_set(settings)
    docs, parsed, _, _ = load_parsed(discover([str(corpus)]), rules, settings, lexicons(rules))
    assert not any("Quillon" in s.text for s in parsed[docs[0].path][0])


def test_no_cache_writes_nothing(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE)
    settings = settings_for(tmp_path / "cache")
    settings.cache = False
    rules = rule_set(settings)
    load_parsed(discover([str(tmp_path / "a.md")]), rules, settings, lexicons(rules))
    assert not (tmp_path / "cache").exists()


def test_store_keeps_only_the_most_recent(tmp_path):
    settings = Settings()
    rules = rule_set(settings)
    lex = lexicons(rules)
    (tmp_path / "a.md").write_text(ARTICLE)
    (doc,), _, _ = read_documents(discover([str(tmp_path / "a.md")]), rules)
    sentences, names = parse(doc, lex)
    ParsedStore.KEEP, keep = 3, ParsedStore.KEEP
    try:
        for run in range(5):
            store = ParsedStore(tmp_path / "parsed.sqlite3")
            store.add(f"k{run}", doc, sentences, names)
            store.close()
        store = ParsedStore(tmp_path / "parsed.sqlite3")
        assert sorted(store.get([f"k{i}" for i in range(5)])) == ["k2", "k3", "k4"]
        store.close()
    finally:
        ParsedStore.KEEP = keep
