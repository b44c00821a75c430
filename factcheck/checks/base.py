"""What every check type shares: its rule, its parameters and how it words a finding."""

from __future__ import annotations

import string
from typing import ClassVar

from ..models import Corpus, Evidence, Finding
from ..rules import Rule


class _Blank(dict):
    # A placeholder a template names but a check does not fill stays visible as {name}.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, fields: dict) -> str:
    """Fill ``{placeholders}``; lists read as "'a', 'b'"."""
    values = {k: (", ".join(f"'{x}'" for x in v) if isinstance(v, (list, tuple)) else v) for k, v in fields.items()}
    return string.Formatter().vformat(template, (), _Blank(values))


class Check:
    """A check type. Subclasses set ``name``, ``defaults`` and ``example`` and write ``run``.

    ``defaults`` lists the parameters a rule of this type may set, with their
    default values; the rule loader rejects any other key.
    """

    name: ClassVar[str] = ""
    defaults: ClassVar[dict] = {}
    example: ClassVar[str] = ""
    # A deferring check's finding is dropped when another check already reports on
    # the same sentence: a claim that conflicts with another source is not "single-source".
    defers: ClassVar[bool] = False
    # The kinds of claim the check reads from ``Corpus.claims`` ("quantity", "date", "title", "quote").
    needs: ClassVar[tuple[str, ...]] = ()

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.params = rule.params

    def run(self, corpus: Corpus) -> list[Finding]:
        raise NotImplementedError

    def finding(self, *, subject: str, values: list[str], evidence: list[Evidence], suggestion: str | None = None,
                severity: str | None = None, template: str | None = None, **fields) -> Finding:
        """A finding worded by the rule's message template (or ``template``, a second wording the rule sets)."""
        message = render(template or self.rule.message, {"subject": subject, "values": values, **fields})
        return Finding(
            check=self.rule.id,
            severity=severity or self.rule.severity,
            message=message,
            subject=subject,
            values=values,
            evidence=evidence,
            suggestion=suggestion,
            rule=self.rule.id,
        )
