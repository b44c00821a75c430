"""vague-date: a temporal expression a reader cannot resolve to a date from the text.

Example: "In June of that year, at an economic forum..." when no year is named in
that sentence or the one before -> vague-date, with the hint "nearest earlier year
in the text: 2022".

Also reported: a month or day with no year that the document's own date does not
settle (it lies more than ``settle_days`` before it or ``settle_future_days`` after
it, or the document is undated); a
weekday or "yesterday" in an undated document; and a relative expression ("A month
later") whose anchor is itself unresolved. Dates inside direct quotations are the
speaker's words and are left alone.
"""

from __future__ import annotations

import datetime as dt

from ..extract.dates import Temporal, find_temporals, nearest_year
from ..extract.quotes import inside, quote_spans
from ..models import Corpus, Finding, Sentence, evidence_at
from .base import Check


class VagueDate(Check):
    name = "vague-date"
    defaults = {"settle_days": 31, "settle_future_days": 62, "anchor_sentences": 1}
    example = (
        "a.txt: Kazakhstan has long pursued a multi-vectored foreign policy.\n"
        "       In June of that year, at an economic forum, Tokayev declared...\n"
        "-> vague-date: 'June of that year' names no year (nearest earlier year in the text: 2022)"
    )

    def run(self, corpus: Corpus) -> list[Finding]:
        findings = []
        for path, sentences in sorted(corpus.by_document().items()):
            findings.extend(self._document(sentences))
        return findings

    def _document(self, sentences: list[Sentence]) -> list[Finding]:
        doc = sentences[0].doc
        published = dt.date.fromisoformat(doc.date) if doc.date and len(doc.date) == 10 else None
        quotes = {b: quote_spans(doc.text, span.start, span.end) for b, span in enumerate(doc.blocks)}
        years: list[tuple[int, int]] = []  # (sentence index, year) of every year named so far
        last: tuple[Temporal, Sentence, bool] | None = None  # the latest expression and whether it resolved
        findings = []
        for s in sentences:
            found = [t for t in find_temporals(s.text) if not inside(quotes[s.block], s.start + t.start)]
            for t in found:
                resolved, why, hint = self._resolve(t, s, found, years, last, published)
                if not resolved:
                    findings.append(self._finding(s, t, why, hint, years, doc.date))
                if t.value.year is not None:
                    years.append((s.index, t.value.year))
                last = (t, s, resolved)
        return findings

    def _resolve(self, t: Temporal, s: Sentence, same_sentence: list[Temporal], years, last, published):
        """(resolved, reason, anchor hint) for one expression."""
        window = self.params["anchor_sentences"]
        year_here = any(o.value.year is not None and o is not t for o in same_sentence)
        recent_year = any(s.index - i <= window for i, _ in years)
        if t.kind == "absolute":
            return True, "", ""
        if t.kind == "anaphoric":
            if recent_year:
                return True, "", ""
            return False, f"'{t.text}' points back at a {t.unit} the text does not name nearby", ""
        if t.kind == "relative":
            if last is None or s.index - last[1].index > window:
                return False, f"'{t.text}' has no earlier date to count from", ""
            if not last[2]:
                anchor, at, _ = last
                line = at.position()[0]
                return False, f"'{t.text}' counts from '{anchor.text}' (line {line}), which is itself unresolved", f"anchor: '{anchor.text}'"
            return True, "", ""
        if t.kind == "partial":
            if year_here:
                return True, "", ""
            if published is None:
                return False, f"'{t.text}' names no year and the document is undated", ""
            days, year = nearest_year(t.value, published)
            # A date just ahead is the coming one ("will report by April 30"); a date just past is this year's.
            ahead = (year, t.value.month, t.value.day or 1) > (published.year, published.month, published.day)
            if days <= self.params["settle_future_days" if ahead else "settle_days"]:
                return True, "", ""
            return False, f"'{t.text}' names no year, and lies {days} days from the document's date {published.isoformat()}", ""
        if t.kind in ("weekday", "deictic"):
            if published is not None or year_here:
                return True, "", ""
            return False, f"'{t.text}' needs a publication date, and the document is undated", ""
        return True, "", ""

    def _finding(self, s: Sentence, t: Temporal, why: str, hint: str, years, published: str | None) -> Finding:
        earlier = [y for i, y in years if i <= s.index]
        hints = []
        if earlier:
            hints.append(f"nearest earlier year in the text: {earlier[-1]}")
        if published:
            hints.append(f"document dated {published}")
        if hint:
            hints.append(hint)
        suggestion = "Name the date in full" + (f" ({'; '.join(hints)})" if hints else "") + "."
        return self.finding(
            subject=t.text,
            values=[t.text],
            evidence=[evidence_at(s, t.text, s.start + t.start)],
            suggestion=suggestion,
            reason=why,
        )
