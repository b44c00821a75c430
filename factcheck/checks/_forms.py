"""Name forms across the corpus, shared by the spelling checks (name-misspelling, name-variant)."""

from __future__ import annotations

from dataclasses import dataclass, field

import re

from ..extract.names import dateline_tokens, fold, name_forms, title_case, tokens
from ..models import Corpus, Evidence, evidence_at


@dataclass
class Form:
    """One spelling of a name and every place it is written."""

    text: str
    occurrences: list = field(default_factory=list)  # (sentence, token)
    datelines: int = 0  # how many of the occurrences are a dateline's place ("KATHMANDU, Nepal --")
    personal: set = field(
        default_factory=set
    )  # (sentence key, token start) of occurrences inside a person's name

    @property
    def only_dateline(self) -> bool:
        """Written only as a dateline: a place in capitals, which a wire desk may have cut short."""
        return bool(self.occurrences) and self.datelines == len(self.occurrences)

    @property
    def documents(self) -> set[str]:
        return {s.doc.path for s, _ in self.occurrences}

    @property
    def sentences(self) -> set[tuple[str, str]]:
        # Identical sentences in one document are one vote: a duplicated passage must not count twice.
        return {(s.doc.path, " ".join(s.text.split())) for s, _ in self.occurrences}

    def evidence(self, per_document: bool = False) -> list[Evidence]:
        """Where the form stands; with ``per_document``, only its first place in each document."""
        out, seen = [], set()
        for s, t in sorted(self.occurrences, key=lambda o: (o[0].doc.path, o[0].start + o[1].start)):
            if per_document and s.doc.path in seen:
                continue
            seen.add(s.doc.path)
            out.append(evidence_at(s, t.text, s.start + t.start))
        return out


def collect_forms(corpus: Corpus, story: list[str]) -> dict[str, Form]:
    """Every proper-name form in the documents of one story.

    Capitalised name tokens, plus the tokens of person mentions: a person mention is
    context, not capitals, so "Nurleu said" opening a sentence is still a name. A
    dateline's place in capitals ("KATHMANDU, Nepal --") is a name form too.
    """
    vocab = corpus.lexicons.names
    paths = set(story)
    found = {
        (s.key, t.start): (s, t)
        for s, t in name_forms([s for s in corpus.sentences if s.doc.path in paths], vocab)
    }
    personal = set()
    for person in corpus.people:
        for m in person.mentions:
            if m.sentence.doc.path not in paths or title_case(tokens(m.sentence.text)):
                continue  # in a headline's title case any two capitals look like a name ("Praying For 'Right Verdict'")
            for t in tokens(m.sentence.text):
                if m.start <= t.start < m.end and vocab.countable(t):
                    found.setdefault((m.sentence.key, t.start), (m.sentence, t))
                    personal.add((m.sentence.key, t.start))
    dated = set()
    for s in corpus.sentences:
        if s.doc.path in paths:
            for t in dateline_tokens(s):
                if fold(t.text) not in vocab.never:
                    found.setdefault((s.key, t.start), (s, t))
                    dated.add((s.key, t.start))
    forms: dict[str, Form] = {}
    for key in sorted(found):
        s, t = found[key]
        form = forms.setdefault(t.text, Form(t.text))
        form.occurrences.append((s, t))
        form.datelines += key in dated
        if key in personal:
            form.personal.add(key)
    _merge_capital_datelines(forms)
    return forms


def _merge_capital_datelines(forms: dict[str, Form]) -> None:
    """Fold a dateline's place in capitals into the same name written in lower case ("SCHIPHOL, Netherlands --"
    and "near Schiphol"): one spelling, one form, whose votes count together."""
    for text in [t for t, f in forms.items() if t.isupper() and f.datelines]:
        twin = next((o for o in sorted(forms) if o != text and not o.isupper() and o.upper() == text), None)
        if twin is not None:
            capitals = forms.pop(text)
            forms[twin].occurrences += capitals.occurrences
            forms[twin].datelines += capitals.datelines
            forms[twin].personal |= capitals.personal


def neighbours(form: Form) -> set[str]:
    """Names standing right beside a form ("Murat" beside "Nurtleu"): context that shows two forms are one person."""
    out = set()
    for s, t in form.occurrences:
        left = s.text[: t.start].split()
        right = s.text[t.end :].split()
        if left and left[-1][:1].isupper():
            out.add(fold(left[-1]))
        if right and right[0][:1].isupper():
            out.add(fold(right[0].strip(",.;:")))
    return out


def kinds(form: Form, vocab) -> set[str]:
    """What the words right beside a form say it names, over all its occurrences: "org" (an
    institution word after it, "the Naval Command"), "place" ("Boro Island", "Mount Kuro"), or
    "person" ("Mr Toro", "Minister Toro", "Toro said", or a part of a person's name the people
    extractor found: "Grant Okoye"). Occurrences with no such cue add nothing."""
    found: set[str] = set()
    for s, t in form.occurrences:
        left = s.text[: t.start].split()
        right = s.text[t.end :].split()
        before = fold(left[-1].rstrip(".,")) if left else ""
        after = fold(right[0].strip(",.;:'’\"”")) if right else ""
        if after in vocab.org_words and right[0][:1].isupper():
            cue = "org"
        elif (
            after in vocab.place_words
            and right[0][:1].isupper()
            or before in vocab.place_heads
            and left[-1][:1].isupper()
        ):
            cue = "place"
        elif (
            before in vocab.honorifics
            or before in vocab.title_words
            and left[-1][:1].isupper()
            or after in vocab.speech_verbs
            or (s.key, t.start) in form.personal
        ):
            cue = "person"
        else:
            continue
        found.add(cue)
    return found


def settlements(form: Form, vocab) -> set[str]:
    """The kinds of settlement the text calls a form, over all its occurrences (``settlements`` in
    rules/names.yaml): "village" for "the village of Velmana" or "Velmana village", "town" for "the town of
    Velmara". Occurrences with no such word add nothing."""
    found: set[str] = set()
    for s, t in form.occurrences:
        left = [fold(w.strip(",.;:")) for w in s.text[: t.start].split()[-2:]]
        right = s.text[t.end :].split()[:1]
        if len(left) == 2 and left[1] == "of" and left[0] in vocab.settlement_of:
            found.add(vocab.settlement_of[left[0]])
        elif right and fold(right[0].strip(",.;:")) in vocab.settlement_of:
            found.add(vocab.settlement_of[fold(right[0].strip(",.;:"))])
    return found


_VOWELS = re.compile(r"[aeiouyw'’-]")
_LIKE = str.maketrans({"q": "k", "c": "k", "g": "j", "z": "s", "v": "b", "p": "b", "d": "t", "x": "k"})


def consonants(form: str) -> str:
    """A form's consonant skeleton, similar consonants merged and doubles collapsed: "Najarian" / "Nigaryan" -> "njrn".

    Transliterations of Arabic, Persian and other scripts differ mostly in vowels
    and in which Latin letter stands for one sound.
    """
    skeleton = _VOWELS.sub("", fold(form)).translate(_LIKE)
    return re.sub(r"(.)\1+", r"\1", skeleton)
