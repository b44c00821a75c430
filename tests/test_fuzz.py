"""Fuzz targets for everything that reads untrusted text.

A normal test run uses the "dev" profile (200 examples per target); ``make fuzz``
uses the "fuzz" profile (10,000 per target). Profiles are set in conftest.py.
Text is drawn both at random and from news-like fragments, so the parsers' deeper
paths are reached too.
"""

from __future__ import annotations

import os
import string

from hypothesis import given, settings, strategies as st

from conftest import load_document
from factcheck.files import InputError
from factcheck.ingest.boilerplate import Boilerplate
from factcheck.ingest.discover import _walk, discover
from factcheck.ingest.markup import front_matter, html_text
from factcheck.extract.dates import find_temporals, resolve
from factcheck.extract.names import tokens
from factcheck.extract.numbers import find_quantities
from factcheck.extract.quotes import quote_spans
from factcheck.models import Document, Span
from factcheck.extract.sentences import MAX_SENTENCE_CHARS, split, split_block

FRAGMENTS = [
    "August 15",
    "15 August",
    "Aug. 15",
    "15.08.2024",
    "2024-08-22",
    "on Wednesday",
    "In June of that year",
    "A month later",
    "in 2022",
    "May",
    "March",
    "$153.07 million",
    "984-foot",
    "300 metres",
    "about 30,000",
    "two of the six workers",
    "opened in 1977",
    "12%",
    "Foreign Minister",
    "Deputy Minister of Foreign Affairs",
    "Murat Nurtleu",
    "Nurleu",
    "Kazakhstan's",
    "former President",
    "top diplomat",
    "“",
    "”",
    '"',
    "'",
    "’",
    "«",
    "»",
    ". ",
    "! ",
    "? ",
    "… ",
    "...",
    "U.S.",
    "a.m.",
    "M.",
    "Dr.",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    ",",
    " said",
    " – ",
    "<p>",
    "</p>",
    "<script>",
    "<!--",
    "-->",
    "factcheck: ignore",
    "# ",
    "> ",
    "- ",
    "---\n",
    "\ufffd",
    "\x00",
    "é",
    "Łukašenka",
    "Новости",
    "0",
    "9",
    "1,200",
]
news = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40).map("".join)
texts = st.one_of(st.text(max_size=300), news)


@given(
    st.binary(max_size=2000) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([".txt", ".md", ".html"]),
)
def test_ingest_never_fails_but_with_input_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    path.write_bytes(data)
    boiler = Boilerplate.from_lexicon({"lines": [], "head_lines": [], "head_size": 8, "drop_repeated": True})
    try:
        doc = load_document(path, boiler)
    except InputError as exc:
        assert "\n" not in str(exc) and path.as_posix() in str(exc)
        return
    assert doc.blocks
    lines = doc.source.count("\n") + 1
    for b in doc.blocks:
        assert 0 <= b.start < b.end <= len(doc.text)
        line, col = doc.position(b.start)
        assert 1 <= line <= lines and col >= 1
    for s in split(doc):
        assert doc.text[s.start : s.end] == s.text


@given(texts)
def test_sentence_spans_are_ordered_trimmed_and_bounded(text):
    spans = split_block(text, 0, len(text))
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert e - s <= MAX_SENTENCE_CHARS
        last = e


@given(texts)
def test_dates_are_stable_and_resolve_without_error(text):
    import datetime

    found = find_temporals(text)
    assert found == find_temporals(text)
    for t in found:
        assert text[t.start : t.end] == t.text
        resolve(t, datetime.date(2024, 8, 23), 31)
        resolve(t, None, 31)


@given(texts)
def test_quantities_are_stable(text):
    found = find_quantities(text)
    assert found == find_quantities(text)
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.value == q.value  # never NaN


@given(texts)
def test_name_tokens_point_into_the_text(text):
    for t in tokens(text):
        assert text[t.start : t.end] == t.text and t.text


@given(texts)
def test_quote_spans_are_inside_their_block(text):
    last = 0
    for q in quote_spans(text, 0, len(text)):
        assert last <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        last = q.end


@given(texts)
def test_people_extraction_never_fails(lex, text):
    from factcheck.extract.people import PeopleExtractor

    doc = Document(path="f.txt", source=text or "x", text=text or "x", blocks=[Span(0, len(text or "x"))])
    extractor = PeopleExtractor(lex.titles, lex.names)
    for s in split(doc):
        for m in extractor.extract(s):
            assert s.text[m.start : m.end] == m.name


@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "<div>",
                    "</div>",
                    "<p>",
                    "</p>",
                    "<script>",
                    "</script>",
                    "<br>",
                    "<!-- c -->",
                    "&amp;",
                    "&#x27;",
                    "<b>",
                    "</b>",
                    "\n",
                    "<title>",
                    "</title>",
                    "<meta content='2024-08-01' property='article:published_time'>",
                ]
            ),
            st.text(alphabet=string.ascii_letters + " .,", max_size=12),
        ),
        max_size=60,
    ).map("".join)
)
def test_html_offsets_map_into_the_source(html):
    text, smap, _, _, _ = html_text(html)
    doc = Document(path="f.html", source=html, text=text, source_map=smap)
    for offset in range(0, len(text), max(1, len(text) // 20)):
        assert 0 <= doc.source_offset(offset) <= len(html)


# File names are bytes on Linux: anything but "/" and NUL. "." and ".." are folders.
file_names = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)


@given(st.lists(file_names, min_size=1, max_size=4, unique=True))
def test_file_names_are_kept_exactly_and_shown_as_valid_utf8(tmp_path_factory, names):
    import json
    import os

    folder = tmp_path_factory.mktemp("names")
    for i, name in enumerate(names):
        with open(os.path.join(os.fsencode(folder), name + b".txt"), "wb") as fh:
            fh.write(b"Title\nThe minister met the ambassador on 21 August 2024.\n" if i % 2 == 0 else b"")
    inputs = discover([str(folder)])
    found = {os.fsencode(s.path.name) for s in inputs.sources}
    shown = (
        [s.display for s in inputs.sources]
        + [p.file for p in inputs.problems]
        + [p.line for p in inputs.problems]
    )
    # Hidden files (a leading dot) are never articles; every other name is read or named, exactly once.
    expected = {n + b".txt" for n in names if not n.startswith(b".")}
    assert len(inputs.sources) + len(inputs.problems) == len(expected)
    assert found <= expected
    for text in shown:
        text.encode("utf-8")  # strict: a lone surrogate would raise here
        assert json.loads(json.dumps(text, ensure_ascii=False)) == text
    assert len({s.display for s in inputs.sources}) == len(inputs.sources)


YAML_FRAGMENTS = [
    "title: ",
    "date: ",
    "2024-02-30",
    "2024-08-23",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "\n",
    "  ",
    "- ",
    "!!python/object:os.system ",
    "!!str ",
    "? ",
    ": ",
    "'",
    '"',
    "|\n  ",
    ">\n  ",
    "<<: *a\n",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\t",
    "~",
    "null",
    "1e400",
    "0x1F",
    "\ufeff",
]
front_matters = st.lists(st.one_of(st.sampled_from(YAML_FRAGMENTS), st.text(max_size=5)), max_size=60).map(
    "".join
)


@given(front_matters, st.integers(min_value=0, max_value=300))
def test_front_matter_never_raises_and_stays_bounded(meta, depth):
    import time

    source = "---\n" + meta + "\n" + "[" * depth + "]" * depth + "\n---\n\nThe minister met the ambassador.\n"
    started = time.monotonic()
    data, body = front_matter(source)
    assert time.monotonic() - started < 2
    assert isinstance(data, dict) and 0 <= body <= len(source)
    assert body == 0 or source[:body].rstrip().endswith("---")


# Names that look alike once shown: a literal "\xe9" and the byte 0xE9, backslashes, invalid UTF-8 runs.
look_alike = st.lists(
    st.sampled_from(
        [b"caf", b"\\x", b"\\", b"e9", b"\xe9", b"\xc3", b"\xa9", b"\xc3\xa9", b"x", b"5c", b"a"]
    ),
    min_size=1,
    max_size=6,
).map(b"".join)


def _typed_twin(name: bytes) -> bytes:
    """The name a person gets by typing what a byte-escaping display shows: b"caf\\xe9" for b"caf\xe9"."""
    return name.decode("utf-8", "backslashreplace").encode("utf-8")


@given(st.lists(look_alike, min_size=1, max_size=4, unique=True))
def test_display_name_collisions_never_merge_two_files(tmp_path_factory, drawn):
    """Every distinct file name gets its own display name, so no document is keyed by another's (issue 22, r06).

    Each drawn name comes with its typed twin (its bytes escaped as ``\\xNN`` text),
    the pair that once shared one display name.
    """
    from factcheck.files import display_name

    names = sorted(set(drawn) | {_typed_twin(n) for n in drawn})
    shown = [display_name(os.fsdecode(n)) for n in names]
    assert len(set(shown)) == len(names), dict(zip(names, shown))
    folder = tmp_path_factory.mktemp("alike")
    for n in names:
        with open(os.path.join(os.fsencode(folder), n + b".txt"), "wb") as fh:
            fh.write(b"Title\nThe minister met the ambassador on 21 August 2024.\n")
    inputs = discover([str(folder)])
    assert len({s.display for s in inputs.sources}) == len(inputs.sources) == len(names)


@settings(
    max_examples=int(os.environ.get("FUZZ_DEEP_TREES", "12"))
)  # each example builds a tree up to 1,500 deep
@given(st.integers(min_value=0, max_value=1500), st.integers(min_value=1, max_value=3), st.booleans())
def test_deep_trees_are_walked_without_recursion(tmp_path_factory, depth, width, hidden):
    """Any depth of folders is walked with an explicit stack: every article is found once (issue 22, r15)."""
    top = tmp_path_factory.mktemp("deep")
    here = os.getcwd()
    expected = set()
    try:
        os.chdir(top)
        for level in range(depth):
            for w in range(width):
                if w:  # side branches with one article each
                    os.mkdir(f"b{w}")
                    with open(f"b{w}/side.txt", "w") as fh:
                        fh.write("The minister met the ambassador.\n")
                    expected.add(f"{level}/b{w}/side.txt")
            if hidden and level == depth // 2:
                os.mkdir(".hidden")
                with open(".hidden/no.txt", "w") as fh:
                    fh.write("never read\n")
            os.mkdir("a")
            os.chdir("a")
        with open("x.txt", "w") as fh:
            fh.write("The minister met the ambassador.\n")
        os.chdir(top)
        found, outside = _walk(top)
        assert not outside
        assert len(found) == len(expected) + 1 and len(set(found)) == len(found)
        assert all(".hidden" not in p.parts for p in found)
    finally:
        os.chdir(top)
        _remove_tree(top, depth)
        os.chdir(here)


def _remove_tree(top, depth: int) -> None:
    """Remove a tree made above, bottom up, without recursion (shutil.rmtree recurses on Python 3.11)."""
    for root, dirs, files in _walk_bottom_up(top):
        for f in files:
            os.unlink(os.path.join(root, f))
        for d in dirs:
            os.rmdir(os.path.join(root, d))


def _walk_bottom_up(top):
    stack, order = [str(top)], []
    while stack:
        root = stack.pop()
        entries = list(os.scandir(root))
        dirs = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
        files = [e.name for e in entries if not e.is_dir(follow_symlinks=False)]
        order.append((root, dirs, files))
        stack.extend(os.path.join(root, d) for d in dirs)
    return reversed(order)
