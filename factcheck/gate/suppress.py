"""Findings set aside by an inline marker, the config's accept list or ``--min-severity``, each with its record."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from collections.abc import Iterable

from ..models import Document, Evidence, Finding, severity_rank
from .names import did_you_mean


@dataclass(frozen=True)
class Suppression:
    """A finding that was not reported: its id, check and subject, where it was, and why."""

    id: str
    check: str
    subject: str
    where: str  # "path:line" of the place the reason applies to
    why: str  # "inline marker", "accepted: <value>", "baseline"

    def as_dict(self) -> dict:
        return asdict(self)  # the fields, in order: the JSON report's "suppressed" entries


def set_aside(f: Finding, why: str, where: Evidence | None = None) -> Suppression:
    """The record of ``f`` set aside for ``why``, at ``where`` (else where the finding is reported)."""
    place = where or f.primary
    return Suppression(
        f.id, f.check, f.subject, f"{place.document}:{place.line}" if place.document else "-", why
    )


def suppressed(
    findings: list[Finding], documents: list[Document], drafts: set[str] | None = None, enabled: bool = True
) -> tuple[list[Finding], list[Suppression]]:
    """Drop findings resting on a paragraph marked ``factcheck: ignore <check>`` (or ``ignore`` for all).

    Only a marker in a judged document counts: with ``drafts`` (the ``--against``
    shape), a marker in an evidence document never silences a finding about a
    draft, and a marker speaks for its own draft only: a finding is set aside when
    every draft place it rests on is marked in that draft, so a marker in one staged
    draft never silences the same finding in another. ``enabled=False``
    (``--no-inline-ignores``) honours no marker at all.
    """
    if not enabled:
        return findings, []
    scopes = {
        d.path: d.suppressions for d in documents if d.suppressions and (drafts is None or d.path in drafts)
    }

    def covered(f: Finding, e: Evidence) -> bool:
        return any(
            first <= e.line <= last and (f.check in checks or "*" in checks)
            for first, last, checks in scopes.get(e.document, [])
        )

    def marker(f: Finding) -> Evidence | None:
        hit = next((e for e in f.evidence if covered(f, e)), None)
        if hit is None or drafts is None:
            return hit
        judged = [e for e in f.evidence if e.document in drafts]
        return hit if all(covered(f, e) for e in judged) else None

    kept, aside = [], []
    for f in findings:
        e = marker(f)
        if e is None:
            kept.append(f)
        else:
            aside.append(set_aside(f, "inline marker", e))
    return kept, aside


def marker_warnings(documents: list[Document], known: Iterable[str]) -> list[str]:
    """A warning for each inline marker naming no check (a typo there would silently ignore nothing)."""
    known = set(known)
    out = []
    for d in documents:
        for first, _, checks in d.suppressions:
            for name in sorted(checks - {"*"} - known):
                out.append(
                    f"{d.path}:{first}: inline marker names unknown check '{name}'{did_you_mean(name, known)}"
                )
    return out


def accepted(
    findings: list[Finding], accept: dict[str, list[str]]
) -> tuple[list[Finding], list[Suppression]]:
    """Drop findings whose subject or one of whose values the config accepts for that check.

    ``accept = {"name-misspelling" = ["Nurleu"]}`` accepts that spelling; ``"*"`` as
    the check accepts a value for every check.
    """
    kept, aside = [], []
    for f in findings:
        allowed = {a.casefold(): a for a in accept.get(f.check, []) + accept.get("*", [])}
        hit = next((allowed[x.casefold()] for x in [f.subject, *f.values] if x.casefold() in allowed), None)
        if hit is None:
            kept.append(f)
        else:
            aside.append(set_aside(f, f"accepted in config: '{hit}'"))
    return kept, aside


def below(findings: list[Finding], level: str) -> tuple[list[Finding], list[Finding]]:
    """(findings at or above ``level``, findings below it): ``--min-severity``, a display level.

    The CLI refuses a ``--fail-on`` below ``--min-severity``, so a finding that is
    not shown never decides an exit code.
    """
    kept = [f for f in findings if severity_rank(f.severity) >= severity_rank(level)]
    return kept, [f for f in findings if severity_rank(f.severity) < severity_rank(level)]
