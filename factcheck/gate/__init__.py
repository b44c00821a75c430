"""After the checks: what is reported, and at what severity, decided from the findings' evidence.

The gate never changes what the checks find, and never changes a finding in place:
it returns the findings kept (new ones, where it grades them) and a record for each
one set aside. It works on a finding's evidence (each place has a document and a
value), so it holds for every check.

- ``judge``: in ``--against`` mode the drafts are judged and the archive is
  evidence. A draft value that no archive source supports, or that a majority of
  the archive (or the fact sheet) contradicts, keeps the check's severity; a draft
  that agrees with a majority, or quotes one source word for word, is at most an
  info note that the archive itself disagrees. Each draft's side is a ``DraftView``.
- ``suppress``: findings an inline marker or the config's accept list sets aside,
  and those below ``--min-severity``; each set aside is a ``Suppression`` (what,
  where and why).
- ``baseline``: the baseline file, written and read, and the findings it records.
- ``facts``: the newsroom fact sheet (its own findings, and its verdict on a draft's
  value); ``facts_edit``: ``factcheck facts add``.
- ``names``: check names given in settings and markers, validated.
"""
