"""attribution-conflict: the same words put in two different mouths.

Its worked examples are ``examples`` below (run by tests/test_examples.py).

Quotes match when their wording is at least ``similarity`` alike (0-100); a
distinctive statement in reported speech ("X said that ...") matches when the two
sentences' embeddings are at least ``statement_similarity`` alike and it runs to
``min_words`` words.

Words can also be told of two different people: one source quotes "Anton Velis has
served 400 days", another writes that Marek Dorn "has served 400 days". A quote
found word for word inside another source's longer quote, right after a person's
name there, and right after another person's name in its own sentence, is asked
about in the ``told_of_message`` wording. Speakers are the same person when their names are (see
quote-mismatch): a misspelt or transliterated name is not another speaker.
"""

from __future__ import annotations

from ..models import Corpus, Finding, evidence_at
from ..groups import components
from ._claims import claim_pairs
from .base import Check, Example
from .quote_mismatch import QuotePart, quoted, same_speaker, similarity, speaker_of, speakers, words


class AttributionConflict(Check):
    name = "attribution-conflict"
    message_fields = ('speakers',)
    needs = ("quote",)
    defaults = {"similarity": 90, "min_words": 5, "statement_similarity": 0.92, "statement_min_words": 12,
                "min_length_ratio": 0.6, "told_of_message": "The same quoted words are told of different people: {speakers}"}
    examples = (
        Example({"a.txt": "Collapse\nThe Kestrel Bridge in Dunmore collapsed on Friday.\n"
                          "“Nobody could have predicted this failure,” said Mayor Tomas Brandt.\n",
                 "b.txt": "Collapse\nThe Kestrel Bridge in Dunmore fell into the river.\n"
                          "“Nobody could have predicted this failure,” said engineer Lukas Ferro.\n"},
                ("Tomas Brandt", "Lukas Ferro")),
        Example({"a.txt": "Collapse\n“Nobody could have predicted this failure of the bridge,” said Mayor Tomas Brandt.\n",
                 "b.txt": "Collapse\nMayor Tomas Brandt said: “Nobody could have predicted this failure of the bridge.”\n"}),
        Example({"a.txt": "Shake-up\nPresident Ilka Sorn replaced the transport minister on Monday.\n"
                          "“Anton Velis has served through more than 400 days of crisis,” Ilka Sorn wrote.\n",
                 "b.txt": "Shake-up\nPresident Ilka Sorn replaced the transport minister on Monday.\n"
                          "Ilka Sorn wrote that new leadership was needed after Marek Dorn “has served through more than "
                          "400 days of crisis”.\n"},
                ("Anton Velis", "Marek Dorn")),
        Example({"a.txt": "Shake-up\nPresident Ilka Sorn replaced the transport minister on Monday.\n"
                          "“Anton Velis has served through more than 400 days of crisis,” Ilka Sorn wrote.\n",
                 "b.txt": "Shake-up\nPresident Ilka Sorn replaced the transport minister on Monday.\n"
                          "Ilka Sorn wrote that new leadership was needed after Velis “has served through more than "
                          "400 days of crisis”.\n"}),
    )

    def one_quote(self, a: str, b: str) -> bool:
        """Whether two quotes are one: the shorter stands word for word in the longer, or both are of a length
        and at least ``similarity`` alike. Four of a short quote's five words scattered through a long one
        ("It is time for justice" / "It's been a long time but justice arrived") are not the same words."""
        wa, wb = " ".join(words(a)), " ".join(words(b))
        if wa in wb or wb in wa:
            return True
        short, long_ = sorted((len(wa.split()), len(wb.split())))
        return short >= self.params["min_length_ratio"] * long_ and similarity(a, b) >= self.params["similarity"]

    def run(self, corpus: Corpus) -> list[Finding]:
        translit = corpus.lexicons.transliteration
        clashes: list[tuple[QuotePart, QuotePart]] = []
        speaking = speakers(corpus)
        parts = [p for p in quoted(corpus, self.params["min_words"]) if p.speaker]
        for i, a in enumerate(parts):
            for b in parts[i + 1:]:
                if a.sentence.doc.path == b.sentence.doc.path or not corpus.same_story(a.sentence, b.sentence):
                    continue
                if same_speaker(a.speaker, b.speaker, translit) is False and self.one_quote(a.text, b.text):
                    clashes.append((a, b))
        # Reported speech: the same long statement with two different named speakers.
        in_quotes = {p.sentence.key for p in parts}
        said = {}
        for s in corpus.sentences:
            if s.key not in in_quotes and len(s.text.split()) >= self.params["statement_min_words"]:
                who = speaker_of(speaking, s)
                if who:
                    said[s.key] = QuotePart(s.text, s.start, s, who)
        statements = (p.sentence for p in said.values())
        for a, b, _ in claim_pairs(corpus, statements, self.params["statement_similarity"], by_cluster=False):
            pa, pb = said[a.key], said[b.key]
            if same_speaker(pa.speaker, pb.speaker, translit) is False:
                clashes.append((pa, pb))
        findings = [self.told_of(a, b) for a, b in self.told_of_pairs(corpus)]
        for group in components(clashes):
            names = sorted({p.speaker for p in group})
            if len(names) < 2:
                continue
            findings.append(self.finding(
                subject=" ".join(group[0].text.split()[:10]) + "…",
                values=names,
                evidence=[evidence_at(p.sentence, p.speaker) for p in group],
                suggestion="Establish who said it from the recording or the original statement.",
                speakers=names,
            ))
        return findings

    def told_of_pairs(self, corpus: Corpus):
        """((longer quote, name), (shorter quote, name)) where the shorter stands word for word in the longer right
        after one person's name there, and right after another person's name in its own sentence."""
        translit = corpus.lexicons.transliteration
        surnames: dict[str, dict[str, str]] = {}  # document -> last name (lower case) -> the person's name
        for person in corpus.people:
            for m in person.mentions:
                surnames.setdefault(m.sentence.doc.path, {})[person.name.split()[-1].lower()] = person.name
        parts = quoted(corpus, self.params["min_words"])
        for i, a in enumerate(parts):
            for b in parts[i + 1:]:
                if a.sentence.doc.path == b.sentence.doc.path or not corpus.same_story(a.sentence, b.sentence):
                    continue
                short, long_ = sorted((a, b), key=lambda p: len(words(p.text)))
                ws, wl = words(short.text), words(long_.text)
                at = next((k for k in range(1, len(wl) - len(ws) + 1) if wl[k:k + len(ws)] == ws), None)
                if at is None:
                    continue
                inside = surnames.get(long_.sentence.doc.path, {}).get(wl[at - 1])
                lead_in = words(short.sentence.doc.text[short.sentence.start:short.start])
                outside = surnames.get(short.sentence.doc.path, {}).get(lead_in[-1]) if lead_in else None
                if inside and outside and same_speaker(inside, outside, translit) is False:
                    yield (long_, inside), (short, outside)

    def told_of(self, *told: tuple[QuotePart, str]) -> Finding:
        names = sorted(name for _, name in told)
        return self.finding(
            subject=" ".join(told[-1][0].text.split()[:10]) + "…",
            values=names,
            evidence=[evidence_at(p.sentence, name.split()[-1]) for p, name in told],
            suggestion="Check in the original statement whom these words are about.",
            template=self.params["told_of_message"],
            speakers=names,
        )
