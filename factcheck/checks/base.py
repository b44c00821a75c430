"""What every check type shares: its rule, its parameters and how it words a finding."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, ClassVar

from ..models import Corpus, Evidence, Finding, fingerprint
from ..rules import Rule, shipped_parameters


class _Blank(dict):
    # A placeholder a template names but a check does not fill stays visible as {name}.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, fields: dict) -> str:
    """Fill ``{placeholders}``; lists read as "'a', 'b'"."""
    values = {
        k: (", ".join(f"'{x}'" for x in v) if isinstance(v, (list, tuple)) else v) for k, v in fields.items()
    }
    return string.Formatter().vformat(template, (), _Blank(values))


@dataclass(frozen=True)
class Example:
    """One worked example of a check, written once: ``tests/test_examples.py`` runs it, ``factcheck explain`` prints it.

    ``documents`` maps a file name to its text. A failing example lists in ``finds``
    the values one finding of the check must report; a passing one leaves ``finds``
    empty, and the check must then report nothing.
    """

    documents: dict
    finds: tuple = ()
    note: str = ""

    def render(self, check: str) -> str:
        lines = [f"{name}: {' '.join(text.split())}" for name, text in self.documents.items()]
        outcome = (
            f"-> {check}: " + ", ".join(f"'{v}'" for v in self.finds)
            if self.finds
            else f"-> no {check} finding"
        )
        return "\n".join(lines + [outcome + (f" ({self.note})" if self.note else "")])


@dataclass(frozen=True)
class NoParams:
    """The parameters of a check type that has none."""


class Check:
    """A check type. Subclasses set ``name`` and ``examples`` and write ``run``.

    ``Params`` is a frozen dataclass that names the parameters a rule of this type
    may set and declares their types (``int``, ``float``, ``str``, ``bool``,
    ``list[str]``, ``dict[str, ...]``); it states no values. The values are stated
    once, in the type's shipped rule file ``rules/<name>.yaml``, and ``defaults``
    holds them (``shipped_parameters``). The rule loader reads a rule's parameters
    into a ``Params`` object, ``self.params``, so a key the type does not declare, a
    declared key no rule file sets, or a value of another type is a load error
    naming the file and the key, never a ``KeyError`` mid-scan.
    """

    name: ClassVar[str] = ""
    Params: ClassVar[type] = NoParams
    defaults: ClassVar[dict] = {}
    examples: ClassVar[tuple[Example, ...]] = ()
    # The {fields} a rule's message may use beyond {subject} and {values}; the rule loader refuses any other.
    message_fields: ClassVar[tuple[str, ...]] = ()
    fields: ClassVar[frozenset[str]] = frozenset({"subject", "values"})
    example: ClassVar[str] = ""  # the examples as text, made from ``examples``
    # A deferring check's finding is dropped when another check already reports on
    # the same sentence: a claim that conflicts with another source is not "single-source".
    defers: ClassVar[bool] = False
    # The kinds of claim the check reads (``Corpus.claims_of``: "quantity", "date", "span", "time", "title",
    # "quote"). While it runs, the pipeline lets it read no other kind (``Corpus.read_by``).
    needs: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "defaults" not in cls.__dict__ and cls.name:
            cls.defaults = shipped_parameters(cls.name)
        cls.example = "\n\n".join(e.render(cls.name) for e in cls.examples)
        cls.fields = frozenset({"subject", "values", *cls.message_fields})

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.params: Any = rule.params  # the rule's Params, checked when the rule loaded

    def run(self, corpus: Corpus) -> list[Finding]:
        raise NotImplementedError

    def finding(
        self,
        *,
        subject: str,
        values: list[str],
        evidence: list[Evidence],
        suggestion: str | None = None,
        severity: str | None = None,
        template: str | None = None,
        cited: list[Evidence] = (),
        **fields,
    ) -> Finding:
        """A finding worded by the rule's message template (or ``template``, a second wording the rule sets).

        ``cited`` is evidence shown beside ``evidence`` but left out of the id: places that support or bound what
        the finding says (other sources giving one side, a passage's last sentence), so citing them keeps the id
        that silences and baselines hold."""
        message = render(template or self.rule.message, {"subject": subject, "values": values, **fields})
        return Finding(
            check=self.rule.id,
            severity=severity or self.rule.severity,
            message=message,
            subject=subject,
            values=values,
            evidence=[*evidence, *cited],
            suggestion=suggestion,
            rule=self.rule.id,
            id=fingerprint(self.rule.id, subject, values, (e.text for e in evidence)) if cited else "",
        )
