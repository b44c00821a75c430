"""Paths -> Sources -> Documents: find, read once, decode, strip markup and page boilerplate.

Files are only ever opened for reading, and only regular files are read: a symlink
is followed only to a regular file, never to a FIFO, device or socket, and the size
limit is checked on the opened descriptor before a bounded read. Each file is read
exactly once into a :class:`~factcheck.ingest.discover.Source` (its bytes and their
sha256); the memo key, the parse-cache key and the parser all use those same bytes,
so a file that changes mid-scan can never be cached under the hash of other bytes.

Plain text and Markdown keep their text as it is on disk, so every offset maps to
itself; HTML keeps its visible text with a map back to the source. What is analysed
is a list of *blocks* (paragraphs or lines) with the masthead, comment widgets,
share buttons, datelines and repeated headlines left out, as
``rules/boilerplate.yaml`` says.

- ``discover``: paths -> Sources (walking folders, bounded reads), Inputs, Problems;
- ``own_reports``: factcheck's own reports and baselines, told from articles and skipped;
- ``decode``: bytes -> text;
- ``markup``: HTML's visible text, Markdown's front matter and fences;
- ``markers``: inline ``factcheck: ignore`` markers and the paragraphs they cover;
- ``boilerplate``: which blocks are page furniture (rule patterns matched with a time limit);
- ``blocks``: text -> blocks, with the title and dateline taken on the way;
- ``parse``: one Source -> one Document, every step above in order.
"""
