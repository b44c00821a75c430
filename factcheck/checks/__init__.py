"""Check types by name: the name is the module's, the class's ``name`` and a rule's ``extends``.

Every public module of this package holds one check type; the table is read from
the package itself, so adding a check is its module, its rule file and its test
(``docs/architecture.md``), with no list to edit here.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import Check


def _check_types() -> dict[str, type[Check]]:
    found: dict[str, type[Check]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Check)
                and value is not Check
                and value.__module__ == module.__name__
            ):
                if value.name.replace("-", "_") != info.name:
                    raise ImportError(
                        f"factcheck.checks.{info.name}: check '{value.name}' must live in a module of its own name"
                    )
                found[value.name] = value
    return dict(sorted(found.items()))


CHECK_TYPES: dict[str, type[Check]] = _check_types()

__all__ = ["CHECK_TYPES", "Check"]
