"""Every check's own examples, run end to end with the real model: the ones ``factcheck explain`` prints.

A failing example must yield one finding of its check that reports every value in
``finds`` (in its values or its message); a passing example must yield none.
"""

import pytest

from factcheck.checks import CHECK_TYPES

CASES = [(name, i, e) for name, cls in sorted(CHECK_TYPES.items()) for i, e in enumerate(cls.examples)]


def test_every_check_has_a_failing_and_a_passing_example():
    for name, cls in CHECK_TYPES.items():
        assert any(e.finds for e in cls.examples), f"{name} has no failing example"
        assert any(not e.finds for e in cls.examples), f"{name} has no passing example"


@pytest.mark.parametrize("check, index, example", CASES, ids=[f"{c}-{i}" for c, i, _ in CASES])
def test_example(check, index, example, scan_texts, of_check):
    _, report = scan_texts(example.documents)
    found = of_check(report, check)
    if not example.finds:
        assert found == [], f"{check} example {index} should pass: {found}"
        return
    said = [" ".join(f["values"]) + " " + f["message"] for f in found]
    assert any(all(v in text for v in example.finds) for text in said), f"{check} example {index}: {said}"
