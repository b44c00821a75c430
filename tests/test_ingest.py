import hashlib
from pathlib import Path

import pytest

from conftest import load_document
from factcheck.files import InputError
from factcheck.ingest.blocks import raw_blocks
from factcheck.ingest.boilerplate import Boilerplate
from factcheck.ingest.discover import discover
from factcheck.ruleset import rule_set
from factcheck.config import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def boilerplate():
    return Boilerplate.from_lexicon(rule_set(Settings()).lexicon("boilerplate"))


def blocks_text(doc):
    return [" ".join(doc.text[b.start : b.end].split()) for b in doc.blocks]


@pytest.mark.parametrize(
    "line, iso",
    [
        ("23 February 2024, Friday, 3:15", "2024-02-23"),
        ("Almaz Kumenov Aug 23, 2024", "2024-08-23"),
        ("ASTANA, 23.08.2024", "2024-08-23"),
        ("Published: 2024-08-22", "2024-08-22"),
    ],
)
def test_dateline_forms_give_the_date_and_leave_the_analysis(tmp_path, boilerplate, line, iso):
    f = tmp_path / "a.txt"
    f.write_text(
        f"Headline of the story\n{line}\nThe minister spoke on Monday about the budget.\n", encoding="utf-8"
    )
    doc = load_document(f, boilerplate)
    assert doc.date == iso
    assert doc.title == "Headline of the story"
    assert all(line not in b for b in blocks_text(doc))


def test_a_document_may_have_no_date(tmp_path, boilerplate):
    f = tmp_path / "a.txt"
    f.write_text("A Diplomatic Tug of War\nPublished in 2016, his book won a prize.\n", encoding="utf-8")
    doc = load_document(f, boilerplate)
    assert doc.date is None


def test_seed_boilerplate_is_dropped(boilerplate):
    doc = load_document(ROOT / "seeds/000_930d5a79777f7f1d.txt", boilerplate)
    text = "\n".join(blocks_text(doc))
    for furniture in (
        "Write your comment 9",
        "Follow Charter97.org social media accounts",
        "Sim Sim,",
        "Charter 97!",
        "the website",
    ):
        assert furniture not in text
    headline = "Political Analyst Suggests Lukashenka Might Be Unacceptable Figure For Tokayev"
    assert blocks_text(doc).count(headline) == 1  # printed twice, analysed once
    assert doc.title == headline
    assert doc.date == "2024-02-23"


def test_comment_widgets_are_dropped(boilerplate):
    doc = load_document(ROOT / "seeds/001_de325bb79e0b97f8.txt", boilerplate)
    assert "No comments:" not in blocks_text(doc)
    assert "Post a Comment" not in blocks_text(doc)


def test_markdown_front_matter(tmp_path, boilerplate):
    f = tmp_path / "a.md"
    f.write_text(
        "---\ntitle: The Summit\ndate: 2024-08-21\n---\n# The Summit\n\nThe talks ended late.\n",
        encoding="utf-8",
    )
    doc = load_document(f, boilerplate)
    assert (doc.title, doc.date) == ("The Summit", "2024-08-21")
    assert blocks_text(doc)[-1] == "The talks ended late."
    # offsets point into the original file, front matter included
    line, col = doc.position(doc.blocks[-1].start)
    assert (line, col) == (7, 1)


def test_html_visible_text_only_with_true_positions(tmp_path, boilerplate):
    f = tmp_path / "a.html"
    f.write_text(
        "<html><head><title>T</title><style>p{color:red}</style></head>\n<body>\n<h1>The Summit</h1>\n"
        "<script>var x = 'Secret Minister';</script>\n<p>The talks ended late.</p>\n</body></html>\n",
        encoding="utf-8",
    )
    doc = load_document(f, boilerplate)
    texts = blocks_text(doc)
    assert texts == ["The Summit", "The talks ended late."]
    assert doc.title == "The Summit"
    line, col = doc.position(doc.blocks[1].start)
    assert (line, col) == (5, 4)


def test_files_are_never_modified(tmp_path, boilerplate):
    f = tmp_path / "a.txt"
    f.write_bytes(b"Title\r\nThe talks ended late.\r\n")
    before = (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns)
    load_document(f, boilerplate)
    assert (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns) == before


def test_unreadable_inputs_raise_one_line_errors_naming_the_file(tmp_path, boilerplate):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for f in (empty, binary):
        with pytest.raises(InputError) as exc:
            load_document(f, boilerplate)
        assert f.name in str(exc.value) and "\n" not in str(exc.value)


def test_discover_sorts_and_skips_hidden(tmp_path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.md").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x")
    inputs = discover([str(tmp_path), str(tmp_path / "missing.txt")])
    assert [s.path.name for s in inputs.sources] == ["a.md", "b.txt"]
    assert [(p.line, p.fatal) for p in inputs.problems] == [
        (f"{tmp_path / 'missing.txt'}: no such file or directory", True)
    ]


def test_wrapped_paragraphs_join_and_headings_stay_apart():
    text = (
        "Heading Without Stop\n"
        "This line of prose is wrapped at a fixed width so that the\n"
        "sentence continues on the next line without any break in it.\n"
        "\n"
        "Another paragraph of prose that is wrapped at a fixed width,\n"
        "and that goes on for a second line before it finally stops.\n"
    )
    spans = raw_blocks(text)
    assert [text[s.start : s.end].split("\n")[0] for s in spans] == [
        "Heading Without Stop",
        "This line of prose is wrapped at a fixed width so that the",
        "Another paragraph of prose that is wrapped at a fixed width,",
    ]


def test_a_front_matter_title_is_read_as_the_headline(tmp_path, boilerplate):
    """The title in front matter is the article's headline, read like an HTML page's <h1>: its
    own characters are the first block, so a report quotes it where it stands."""
    f = tmp_path / "a.md"
    f.write_text(
        '---\ntitle: "Ferry sinks, 40 dead"\ndate: 2024-08-21\n---\nThe ferry sank at dawn.\n',
        encoding="utf-8",
    )
    doc = load_document(f, boilerplate)
    assert blocks_text(doc) == ["Ferry sinks, 40 dead", "The ferry sank at dawn."]
    assert doc.position(doc.blocks[0].start) == (2, 9)
    # a body that opens with the title already has it; a title written with escapes is not quoted from front matter
    f.write_text("---\ntitle: Ferry sinks\n---\n# Ferry sinks\n\nThe ferry sank at dawn.\n", encoding="utf-8")
    assert blocks_text(load_document(f, boilerplate)) == ["# Ferry sinks", "The ferry sank at dawn."]
    f.write_text('---\ntitle: "Ferry \\"Aurora\\" sinks"\n---\nThe ferry sank at dawn.\n', encoding="utf-8")
    doc = load_document(f, boilerplate)
    assert doc.title == 'Ferry "Aurora" sinks' and blocks_text(doc) == ["The ferry sank at dawn."]
