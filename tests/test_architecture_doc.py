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
    """`ingest.discover`, `cluster.cluster`, `scan.scan`: a module of factcheck and a name in it."""
    checked = 0
    for module, name in sorted(set(re.findall(r"\b([a-z_]+(?:/[a-z_]+)?)\.([A-Za-z_]+)\b", DOC))):
        path = ROOT / "factcheck" / (module + ".py")
        if name == "py" or not path.exists():
            continue
        assert hasattr(importlib.import_module("factcheck." + module.replace("/", ".")), name), (
            f"{module}.{name}"
        )
        checked += 1
    assert checked >= 5
