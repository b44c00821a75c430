"""The archive index: what ``scan DRAFT --against ARCHIVE`` needs of an archive, kept between runs.

``factcheck index ARCHIVE`` writes it (``build``), into the cache folder, never into
the archive: one SQLite file per archive folder, keyed by the folder's resolved
path (``store``). It holds one record per article (``records``: its stat and sha256,
sentence texts, name skeletons, story profile and mean vector), the archive's
stories, the term counts story grouping weighs names and words by, and the
matrices a draft is compared with: every unique sentence's vector and every
article's mean vector.

A scan against a fresh index (``select``) reads the drafts, finds the archive
stories they join through those matrices, and reads only those stories' articles.
"""
