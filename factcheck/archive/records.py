"""One archive file's record in the index: what a scan would make of it, computed once.

A record is read from the file's bytes exactly as a scan reads them (``discover``'s
Source, the read stage's ``parse``): its normalised sentence texts, the name
skeletons each sentence mentions, its story profile (names, content words, day:
``group.stories.profiles_of``) and its mean sentence vector
(``group.stories.centroids_of``). A file a scan would not analyse (unreadable,
empty, a report) keeps a record too, holding only the problem, so that the index
still lists every file the archive holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from ..group.stories import centroids_of, profiles_of
from ..model.embed import normalise

Stat = tuple[int, int, str]  # size, mtime_ns, sha256 of the bytes read


@dataclass
class Record:
    """One archive file as the index keeps it; ``path`` is relative to the archive folder, in POSIX form."""

    path: str
    stat: Stat
    sentences: list[str] = field(default_factory=list)  # normalised texts, in order
    names: list[list[str]] = field(default_factory=list)  # each sentence's name skeletons, sorted
    entities: dict[str, int] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    day: int | None = None
    problem: tuple[str, bool] | None = None  # (the problem's line, whether it is an error): not a document
    centroid: np.ndarray | None = None

    def dumps(self) -> tuple[str, bytes]:
        """The record's JSON (its centroid apart, as float32 bytes), written the same way every time."""
        body = {
            "sentences": self.sentences,
            "names": self.names,
            "entities": self.entities,
            "words": self.words,
            "day": self.day,
            "problem": list(self.problem) if self.problem else None,
        }
        centroid = b"" if self.centroid is None else np.asarray(self.centroid, dtype=np.float32).tobytes()
        return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False), centroid

    @classmethod
    def loads(cls, path: str, stat: Stat, text: str, centroid: bytes) -> Record:
        body = json.loads(text)
        problem = tuple(body["problem"]) if body["problem"] else None
        return cls(
            path,
            stat,
            body["sentences"],
            body["names"],
            body["entities"],
            body["words"],
            body["day"],
            problem,  # type: ignore[arg-type]
            np.frombuffer(centroid, dtype=np.float32) if centroid else None,
        )


def sentence_names(sentences: list, names: dict) -> list[list[str]]:
    """Each sentence's name skeletons, sorted (``names`` maps a sentence key to them, as ``parse`` gives it)."""
    return [sorted(names.get(s.key, ())) for s in sentences]


def record_of(
    path: str, stat: Stat, doc, sentences: list, names: dict, vectors: np.ndarray, stopwords: frozenset
) -> Record:
    """The record of one parsed document, given its sentences' vectors (one row each, in order)."""
    profile = profiles_of([doc], sentences, names, stopwords)[0]
    return Record(
        path,
        stat,
        [normalise(s.text) for s in sentences],
        sentence_names(sentences, names),
        dict(sorted(profile.entities.items())),
        dict(sorted(profile.words.items())),
        profile.day,
        None,
        centroids_of([doc], sentences, vectors)[0],
    )
