"""docs/architecture.md is the map a newcomer reads first: every module, folder and name it points at exists."""

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_every_file_and_folder_the_architecture_names_exists():
    # models/ is a folder of the cache (the ONNX export), made at run time, not one of the tree
    named = set(re.findall(r"(?<![\w/<>.-])((?:[a-z_]+/)*[a-z_]+\.py|[a-z_]+/)(?![\w<>])", DOC))
    missing = [
        n
        for n in sorted(named - {"models/"})
        if not any((base / n).exists() for base in (ROOT, ROOT / "factcheck", ROOT / "factcheck" / "checks"))
    ]
    assert len(named) > 20 and missing == []


def test_every_module_attribute_the_architecture_names_exists():
    """`ingest.discover`, `scan.scan`, `Outcome.exit_code`: where the first word is a module of factcheck (at
    any depth), the second is a name in it."""
    modules = {p.stem: p for p in (ROOT / "factcheck").rglob("*.py") if p.stem != "__init__"}
    checked = 0
    for module, name in sorted(set(re.findall(r"\b([a-z_]+)\.([A-Za-z_]+)\b", DOC))):
        if name in ("py", "md", "yaml", "json", "toml") or module not in modules:
            continue
        dotted = ".".join(modules[module].relative_to(ROOT).with_suffix("").parts)
        assert hasattr(importlib.import_module(dotted), name), f"{module}.{name}"
        checked += 1
    assert checked >= 5
